import { UTCDate } from '@date-fns/utc';
import { format, formatDistanceStrict } from 'date-fns';

// Dates the API serves are instants in UTC; a day is shown as the UTC day it was recorded for, wherever the
// reader's browser is, so that it matches what the API filters by.
export function day(iso: string): string {
  return format(new UTCDate(iso), 'd MMM yyyy');
}

export function month(iso: string): string {
  return format(new UTCDate(iso), 'MMMM yyyy');
}

/** "3 days ago", against now. */
export function ago(iso: string, now = new Date()): string {
  return formatDistanceStrict(new Date(iso), now, { addSuffix: true });
}

const regions = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'code' });

/** "Syria" for SY. */
export function countryName(code: string): string {
  return regions.of(code) ?? code;
}

/** "Envoy meeting held" for EnvoyMeetingHeld. */
export function kindOf(eventType: string): string {
  const words = eventType.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** "Desk officer" for desk_officer. */
export function roleName(role: string): string {
  const words = role.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
