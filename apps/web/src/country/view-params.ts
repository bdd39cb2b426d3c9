/**
 * What the country page shows, as its URL's search params say (so links and reloads keep it): the as-of and
 * known-at dates every panel follows, and the timeline's filters. No DOM, no JSX.
 */
import { UTCDate } from '@date-fns/utc';
import { addDays, formatISO, isValid, parseISO } from 'date-fns';
import { type EntryFamily, kindsByFamily } from './entry-kinds.js';

/** The timeline's filters, as its query string names them. */
export interface TimelineQuery {
  readonly type?: readonly string[];
  readonly topic?: string;
  readonly vendor?: string;
  readonly participant?: string;
  /** Inclusive (a date: from its start). */
  readonly from?: string;
  /** Exclusive (a date: from its start). */
  readonly to?: string;
  readonly asOf?: string;
  readonly knownAt?: string;
  readonly includeRetracted?: boolean;
  readonly limit?: number;
  readonly cursor?: string;
}

export interface CountryView {
  /** YYYY-MM-DD: what had happened by the end of that day (UTC). */
  readonly asOf?: string;
  /** YYYY-MM-DD: what we had recorded by the end of that day (UTC). */
  readonly knownAt?: string;
  readonly kind?: EntryFamily;
  readonly topic?: string;
  readonly vendor?: string;
  readonly participant?: string;
  /** YYYY-MM-DD, inclusive. */
  readonly from?: string;
  /** YYYY-MM-DD, inclusive. */
  readonly to?: string;
  readonly retracted: boolean;
  /** The dependency chart's series, as chart-model's seriesKey names it ("core:units"). */
  readonly domain?: string;
}

/** The search params the view is kept in. */
export const VIEW_PARAMS = [
  'asOf',
  'knownAt',
  'kind',
  'topic',
  'vendor',
  'participant',
  'from',
  'to',
  'retracted',
  'domain',
] as const;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A YYYY-MM-DD date that is a real day, or undefined. */
export function dateParam(value: string | null): string | undefined {
  if (!value || !DATE.test(value)) return undefined;
  return isValid(parseISO(value)) ? value : undefined;
}

const text = (value: string | null) => {
  const trimmed = value?.trim();
  return trimmed ? trimmed.slice(0, 200) : undefined;
};

const FAMILIES = new Set<string>(kindsByFamily().map((k) => k.family));

export function readView(params: URLSearchParams): CountryView {
  const kind = params.get('kind');
  return {
    asOf: dateParam(params.get('asOf')),
    knownAt: dateParam(params.get('knownAt')),
    kind: kind && FAMILIES.has(kind) ? (kind as EntryFamily) : undefined,
    topic: text(params.get('topic')),
    vendor: text(params.get('vendor')),
    participant: text(params.get('participant')),
    from: dateParam(params.get('from')),
    to: dateParam(params.get('to')),
    retracted: params.get('retracted') === 'true',
    domain: /^[a-z-]{2,40}:[A-Za-z]{0,10}$/.test(params.get('domain') ?? '')
      ? (params.get('domain') ?? undefined)
      : undefined,
  };
}

/** `params` with the view's entries replaced by `changes` (an undefined or empty value removes its param). */
export function withView(
  params: URLSearchParams,
  changes: Partial<Record<(typeof VIEW_PARAMS)[number], string | undefined>>,
): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const [name, value] of Object.entries(changes)) {
    if (value === undefined || value === '' || value === 'false') next.delete(name);
    else next.set(name, value);
  }
  return next;
}

/** The day after a YYYY-MM-DD date: the API's `to` is exclusive, the page's "to" inclusive. */
export function dayAfter(date: string): string {
  return formatISO(addDays(new UTCDate(parseISO(`${date}T00:00:00Z`)), 1), { representation: 'date' });
}

/** The timeline query of a view (its filters, as of and known at). */
export function timelineQueryOf(view: CountryView): TimelineQuery {
  return {
    type: view.kind ? kindsByFamily().find((k) => k.family === view.kind)?.types : undefined,
    topic: view.topic,
    vendor: view.vendor,
    participant: view.participant,
    from: view.from,
    to: view.to ? dayAfter(view.to) : undefined,
    asOf: view.asOf,
    knownAt: view.knownAt,
    includeRetracted: view.retracted,
  };
}

/** Whether any of the timeline's own filters (not as-of or known-at) is set. */
export function filtered(view: CountryView): boolean {
  return Boolean(view.kind || view.topic || view.vendor || view.participant || view.from || view.to);
}
