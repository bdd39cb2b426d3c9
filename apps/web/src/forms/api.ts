/**
 * The forms' calls: commands with Idempotency-Key and If-Match, an entry with its version (ETag), the register
 * item an entry belongs to, and waiting until the projector has caught up with what was recorded.
 */
import { ApiError, allPages, request } from '../api/client';
import type { EntryRecorded, EntryView, Problem, TimelinePage } from '../api/types';
import type { Subject } from './catalogue';
import { backoff, versionOf } from './spec';

async function problemOf(response: Response): Promise<Problem> {
  try {
    return (await response.json()) as Problem;
  } catch {
    return { type: 'about:blank', title: response.statusText || 'Error', status: response.status };
  }
}

/** POSTs a command; the same key for a retry of the same submission, so it writes once. */
export async function sendCommand(
  path: string,
  body: unknown,
  options: { token: string; idempotencyKey: string; ifMatch?: number },
): Promise<EntryRecorded> {
  const headers: Record<string, string> = {
    accept: 'application/json',
    'content-type': 'application/json',
    authorization: `Bearer ${options.token}`,
    'idempotency-key': options.idempotencyKey,
  };
  if (options.ifMatch !== undefined) headers['if-match'] = `"${options.ifMatch}"`;
  const response = await fetch(path, { method: 'POST', headers, body: JSON.stringify(body) });
  if (!response.ok) throw new ApiError(await problemOf(response));
  return (await response.json()) as EntryRecorded;
}

export interface VersionedEntry {
  readonly entry: EntryView;
  /** The stream version the read reflects (its ETag): sent back as If-Match to change the entry. */
  readonly version: number | undefined;
}

export async function getEntry(
  token: string,
  eventId: string,
  signal?: AbortSignal,
): Promise<VersionedEntry> {
  const response = await fetch(`/v1/entries/${encodeURIComponent(eventId)}`, {
    headers: { accept: 'application/json', authorization: `Bearer ${token}` },
    signal,
  });
  if (!response.ok) throw new ApiError(await problemOf(response));
  return { entry: (await response.json()) as EntryView, version: versionOf(response.headers.get('etag')) };
}

/** A register item as every register answers it: its id, status and stream version, then its own fields. */
export type SubjectItem = { readonly id: string; readonly status: string; readonly version: number } & Record<
  string,
  unknown
>;

const REGISTER: Record<Exclude<Subject, 'follow-up'>, string> = {
  incentive: 'incentive-offers',
  contract: 'contracts',
  support: 'technical-support',
};

/** The register item of an offer, contract, technical support or follow-up, as it now stands. */
export async function getSubject(
  token: string,
  country: string,
  subject: { kind: Subject; id: string },
  signal?: AbortSignal,
): Promise<SubjectItem | undefined> {
  const c = encodeURIComponent(country);
  const path =
    subject.kind === 'follow-up'
      ? `/v1/follow-ups?country=${c}&limit=200`
      : `/v1/countries/${c}/${REGISTER[subject.kind]}?limit=200`;
  const page = await allPages<SubjectItem, { items: readonly SubjectItem[]; nextCursor: string | null }>(
    path,
    {
      token,
      signal,
    },
  );
  return page.items.find((item) => item.id === subject.id);
}

/** Recent meetings and dialogue rounds of a country, for a follow-up to name. */
export function engagements(token: string, country: string, signal?: AbortSignal): Promise<TimelinePage> {
  return request<TimelinePage>(
    `/v1/countries/${encodeURIComponent(country)}/timeline?limit=100&type=EnvoyMeetingHeld,DialogueRoundConcluded`,
    { token, signal },
  );
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Polls GET /v1/entries/{eventId} with back-off until it answers at `minVersion` or later (the projector has
 * applied the change); false when it has not within the budget.
 */
export async function awaitProjected(token: string, eventId: string, minVersion = 0): Promise<boolean> {
  for (const wait of [0, ...backoff()]) {
    await sleep(wait);
    try {
      const { version } = await getEntry(token, eventId);
      if (version === undefined || version >= minVersion) return true;
    } catch (error) {
      if (!(error instanceof ApiError) || error.problem.status !== 404) throw error;
    }
  }
  return false;
}
