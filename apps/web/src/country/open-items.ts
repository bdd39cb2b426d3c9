/**
 * The registers as of a date: the API reads registers as known at a time, not as of a date, so the open items
 * panel re-reads each item's own dates (occurredAt, closedAt, completedAt, terminatedAt, deliveredAt) to show it as
 * it stood at the end of the as-of day (UTC). No DOM, no JSX.
 */
import { UTCDate } from '@date-fns/utc';
import { endOfDay, formatISO, parseISO } from 'date-fns';
import type { ContractItem, FollowUpItem, IncentiveOfferItem, TechnicalSupportItem } from '../api/types.js';

/** The end of a YYYY-MM-DD day, UTC, as epoch milliseconds. */
export function endOfUtcDay(date: string): number {
  return endOfDay(new UTCDate(parseISO(`${date}T00:00:00Z`))).getTime();
}

/** Today's UTC date, YYYY-MM-DD. */
export function utcToday(now = new Date()): string {
  return formatISO(new UTCDate(now), { representation: 'date' });
}

const by = (instant: string | null, end: number) => instant !== null && Date.parse(instant) <= end;
const happened = (item: { occurredAt: string }, end: number) => Date.parse(item.occurredAt) <= end;

export type OfferView = IncentiveOfferItem & { readonly open: boolean };
export type FollowUpView = FollowUpItem & { readonly open: boolean };
export type SupportView = TechnicalSupportItem & { readonly open: boolean };
export type ContractView = ContractItem & { readonly open: boolean };

/** Offers as they stood as of `asOf` (all as served when it is absent). */
export function offersAsOf(items: readonly IncentiveOfferItem[], asOf?: string): OfferView[] {
  if (!asOf) return items.map((item) => ({ ...item, open: item.status === 'offered' }));
  const end = endOfUtcDay(asOf);
  return items
    .filter((item) => happened(item, end))
    .map((item) => {
      if (by(item.closedAt, end)) return { ...item, open: false };
      const lapsed = item.expiresOn !== null && item.expiresOn < asOf;
      return lapsed
        ? { ...item, status: 'expired' as const, lapsed: true, closedAt: null, open: false }
        : { ...item, status: 'offered' as const, lapsed: false, closedAt: null, open: true };
    });
}

/** Follow-ups as they stood as of `asOf`: done if completed by then, overdue if open past their due date. */
export function followUpsAsOf(items: readonly FollowUpItem[], asOf?: string): FollowUpView[] {
  if (!asOf) return items.map((item) => ({ ...item, open: item.status === 'open' }));
  const end = endOfUtcDay(asOf);
  return items
    .filter((item) => happened(item, end))
    .map((item) => {
      if (by(item.completedAt, end)) return { ...item, overdue: false, open: false };
      return {
        ...item,
        status: 'open' as const,
        completedAt: null,
        note: null,
        overdue: item.dueDate < asOf,
        open: true,
      };
    });
}

/** Technical support as of `asOf`: the milestones delivered by then, closed if closed by then. */
export function supportAsOf(items: readonly TechnicalSupportItem[], asOf?: string): SupportView[] {
  if (!asOf) return items.map((item) => ({ ...item, open: item.status === 'active' }));
  const end = endOfUtcDay(asOf);
  return items
    .filter((item) => happened(item, end))
    .map((item) => {
      const milestones = item.milestones.filter((m) => Date.parse(m.deliveredAt) <= end);
      if (by(item.closedAt, end)) return { ...item, milestones, open: false };
      return { ...item, milestones, status: 'active' as const, outcome: null, closedAt: null, open: true };
    });
}

/** Contracts as of `asOf`: awarded by then, terminated if terminated by then. */
export function contractsAsOf(items: readonly ContractItem[], asOf?: string): ContractView[] {
  if (!asOf) return items.map((item) => ({ ...item, open: item.status === 'active' }));
  const end = endOfUtcDay(asOf);
  return items
    .filter((item) => happened(item, end))
    .map((item) =>
      by(item.terminatedAt, end)
        ? { ...item, open: false }
        : { ...item, status: 'active' as const, terminatedAt: null, open: true },
    );
}

/** Open items first (soonest due or expiring first), then the rest newest first. */
export function openFirst<T extends { open: boolean; occurredAt: string }>(
  items: readonly T[],
  due: (item: T) => string | null = () => null,
): T[] {
  return [...items].sort((a, b) => {
    if (a.open !== b.open) return a.open ? -1 : 1;
    const da = due(a);
    const db = due(b);
    if (a.open && da !== db) return da === null ? 1 : db === null ? -1 : da.localeCompare(db);
    return b.occurredAt.localeCompare(a.occurredAt);
  });
}

/** "$150M" style money for a register amount ({ amount?, minor, currency }); null for none. */
export function formatMoney(
  money: { amount?: string; minor: string; currency: string } | null,
): string | null {
  if (!money) return null;
  const format = new Intl.NumberFormat('en', {
    style: 'currency',
    currency: money.currency,
    notation: 'compact',
    maximumFractionDigits: 1,
  });
  const digits =
    new Intl.NumberFormat('en', { style: 'currency', currency: money.currency }).resolvedOptions()
      .maximumFractionDigits ?? 2;
  const major = money.amount !== undefined ? Number(money.amount) : Number(money.minor) / 10 ** digits;
  return format.format(major);
}
