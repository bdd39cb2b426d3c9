/**
 * The country brief's logic, DOM-free and JSX-free so it is unit-tested on its own: the dates a brief covers, the
 * classification it is marked with (the highest of everything it shows), and what changed in the dependency
 * figures between two dates. Date maths is date-fns', in UTC (the API's days are UTC days).
 */
import { UTCDate } from '@date-fns/utc';
import { format, isValid, parseISO, subDays } from 'date-fns';
import type { Classification, DependencyReport } from '../api/types.js';
import { CLASSIFICATION_ORDER } from '../api/types.js';

/** How far back the brief's engagements go from its date. */
export const RECENT_DAYS = 90;
/** How far back "what changed" goes from the brief's date unless the reader picks another date. */
export const DEFAULT_SINCE_DAYS = 30;

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const dateOnly = (date: Date) => format(date, 'yyyy-MM-dd');

/** A calendar date (YYYY-MM-DD) as a UTC day, or null when it is not one. */
export function parseDay(text: string | null | undefined): UTCDate | null {
  if (!text || !DATE_ONLY.test(text)) return null;
  const parsed = parseISO(text);
  if (!isValid(parsed)) return null;
  const day = new UTCDate(Date.UTC(parsed.getFullYear(), parsed.getMonth(), parsed.getDate()));
  return dateOnly(day) === text ? day : null;
}

export interface BriefDates {
  /** The day the brief describes (inclusive). */
  readonly asOf: string;
  /** "What changed since": entries from the start of this day to the end of asOf. */
  readonly since: string;
  /** The start of the recent engagements: RECENT_DAYS before asOf. */
  readonly recentFrom: string;
}

/**
 * The brief's dates from its query string: asOf defaults to today (UTC), since to DEFAULT_SINCE_DAYS before asOf;
 * a value that is not a date, or a since after asOf, falls back to the default.
 */
export function briefDates(asOfParam: string | null, sinceParam: string | null, now: Date): BriefDates {
  const today = new UTCDate(now.getTime());
  const asOf = parseDay(asOfParam) ?? parseDay(format(today, 'yyyy-MM-dd')) ?? today;
  const asked = parseDay(sinceParam);
  const since = asked && asked.getTime() <= asOf.getTime() ? asked : subDays(asOf, DEFAULT_SINCE_DAYS);
  return {
    asOf: dateOnly(asOf),
    since: dateOnly(since),
    recentFrom: dateOnly(subDays(asOf, RECENT_DAYS)),
  };
}

/** The rank of a classification (higher is more sensitive); a level the app does not know ranks as the highest. */
function rank(level: string): number {
  const index = CLASSIFICATION_ORDER.indexOf(level as Classification);
  return index === -1 ? CLASSIFICATION_ORDER.length - 1 : index;
}

/**
 * The marking of a document that shows all of `items`: the highest classification among them, unclassified when it
 * shows none. A level it does not know marks the document at the highest level, never lower.
 */
export function highestClassification(items: Iterable<{ readonly classification: string }>): Classification {
  let highest = 0;
  for (const item of items) highest = Math.max(highest, rank(item.classification));
  return CLASSIFICATION_ORDER[highest] ?? 'secret';
}

type Figure = DependencyReport['domains'][number];

/** The figures of one domain (in one unit kind or currency) at two dates; null where it had none. */
export interface FigureChange {
  readonly key: string;
  readonly domain: Figure['domain'];
  readonly unitKind: Figure['unitKind'];
  readonly currency: Figure['currency'];
  readonly before: Pick<Figure, 'hhi' | 'highRiskSharePercent' | 'band' | 'total' | 'vendorCount'> | null;
  readonly after: Pick<Figure, 'hhi' | 'highRiskSharePercent' | 'band' | 'total' | 'vendorCount'> | null;
  /** after − before; null unless both exist. */
  readonly hhiChange: number | null;
  /** after − before in percentage points, to hundredths; null unless both exist. */
  readonly highRiskChange: number | null;
  readonly bandChanged: boolean;
}

const keyOf = (figure: Pick<Figure, 'domain' | 'unitKind' | 'currency'>) =>
  `${figure.domain}:${figure.unitKind ?? figure.currency ?? ''}`;

/**
 * What changed in the dependency figures between two reports (`before` at the earlier date, `after` at the
 * later): one row per domain and unit kind of either, in `after`'s order then `before`'s.
 */
export function dependencyDiff(before: readonly Figure[], after: readonly Figure[]): FigureChange[] {
  const earlier = new Map(before.map((figure) => [keyOf(figure), figure]));
  const later = new Map(after.map((figure) => [keyOf(figure), figure]));
  const keys = [...new Set([...later.keys(), ...earlier.keys()])];
  return keys.map((key) => {
    const a = earlier.get(key) ?? null;
    const b = later.get(key) ?? null;
    const figure = (b ?? a) as Figure;
    const pick = (f: Figure | null) =>
      f
        ? {
            hhi: f.hhi,
            highRiskSharePercent: f.highRiskSharePercent,
            band: f.band,
            total: f.total,
            vendorCount: f.vendorCount,
          }
        : null;
    return {
      key,
      domain: figure.domain,
      unitKind: figure.unitKind,
      currency: figure.currency,
      before: pick(a),
      after: pick(b),
      hhiChange: a && b ? b.hhi - a.hhi : null,
      highRiskChange:
        a && b ? Math.round((b.highRiskSharePercent - a.highRiskSharePercent) * 100) / 100 : null,
      bandChanged: !!a && !!b && a.band !== b.band,
    };
  });
}

/** "+1,200", "−350", "no change": a signed change for the reader. */
export function signed(change: number, unit = ''): string {
  if (change === 0) return 'no change';
  const magnitude = new Intl.NumberFormat('en', { maximumFractionDigits: 2 }).format(Math.abs(change));
  return `${change > 0 ? '+' : '−'}${magnitude}${unit}`;
}

const DOMAIN_NAMES: Readonly<Record<string, string>> = {
  ran: 'Radio access (RAN)',
  core: 'Core network',
  transport: 'Transport',
  'network-management': 'Network management',
  'cloud-data-centre': 'Cloud and data centre',
  subsea: 'Subsea cables',
  all: 'All domains',
};

/** "Radio access (RAN), sites" for a figure. */
export function figureName(figure: {
  domain: string;
  unitKind: string | null;
  currency: string | null;
}): string {
  const name = DOMAIN_NAMES[figure.domain] ?? figure.domain;
  const what = figure.unitKind ?? figure.currency;
  return what ? `${name}, ${what}` : name;
}

/** Whether an instant falls on or before the end of the UTC day `day` (YYYY-MM-DD). */
export function onOrBefore(instant: string, day: string): boolean {
  return instant.slice(0, 10) <= day;
}
