import { randomUUID } from 'node:crypto';
import { trailPage } from '../../apps/api/src/timeline/list-corrections/corrections.sql.js';
import { visibleTo } from '../../apps/api/src/timeline/read-scope.sql.js';
import { ENTRY_FACTS, TIMELINE_PAGE } from '../../apps/api/src/timeline/timeline.sql.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

/**
 * A page of a timeline as known at a past time reads down the page index from that instant (issue 16), with the
 * rows dated later than they became known read apart. These tests hold TIMELINE_PAGE to the answers of the single
 * query it replaced, on read-model rows written directly: revisions superseded and retracted, entries logged long
 * after they happened and some dated after they were logged, every level; walked a page at a time by the cursor,
 * with and without knownAt, asOf, types, a date range and retracted entries. All data synthetic.
 */

/** The page as it was read before issue 16, kept here as the reference for its semantics. */
const PREVIOUS_TIMELINE_PAGE = `
SELECT ${ENTRY_FACTS}, ${trailPage('t', 'NULL', '$14')}
FROM country_timeline t
WHERE country = $1 AND ${visibleTo('t', '$15', '$16')}
  AND CASE WHEN $8::timestamptz IS NULL THEN known_until IS NULL
           ELSE known_from <= $8::timestamptz AND (known_until IS NULL OR known_until > $8::timestamptz) END
  AND ($10::boolean OR NOT retracted)
  AND ($2::text[] IS NULL OR event_type = ANY($2::text[]))
  AND ($3::timestamptz IS NULL OR occurred_at >= $3::timestamptz)
  AND ($4::timestamptz IS NULL OR occurred_at < $4::timestamptz)
  AND ($9::timestamptz IS NULL OR occurred_at <= $9::timestamptz)
  AND ($11::text IS NULL OR EXISTS (SELECT 1 FROM unnest(topics) AS t(v) WHERE lower(t.v) = lower($11::text)))
  AND ($12::text IS NULL OR EXISTS (SELECT 1 FROM unnest(vendors) AS t(v) WHERE lower(t.v) = lower($12::text)))
  AND ($13::text IS NULL OR EXISTS (SELECT 1 FROM unnest(participants) AS t(v) WHERE lower(t.v) = lower($13::text)))
  AND ($5::timestamptz IS NULL OR (occurred_at, global_position) < ($5::timestamptz, $6::bigint))
ORDER BY t.occurred_at DESC, t.global_position DESC
LIMIT $7`;

const TYPES = ['EnvoyMeetingHeld', 'DialogueRoundConcluded', 'CountryResponseObserved', 'ContractAwarded'];
const LEVELS = ['unclassified', 'restricted', 'confidential', 'secret'];
const DAY = 86_400_000;
const MINUTE = 60_000;

/** A small deterministic generator (mulberry32), so a failure can be replayed. */
function generator(seed: number) {
  let a = seed;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return {
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T,
    chance: (p: number) => next() < p,
  };
}

describe('reads: a timeline page as known at any time answers as before', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
    const random = generator(1764);
    const start = Date.parse('2023-01-01T00:00:00Z');
    for (let i = 0; i < 160; i += 1) {
      // Whole days, so that entries share a date and their order falls to the position.
      const occurredAt = start + random.int(600) * DAY;
      // Logged the same day up to a year later; some a few minutes (clock skew) or days before their date.
      const lag = random.chance(0.1)
        ? -random.int(4) * MINUTE
        : random.chance(0.08)
          ? -random.int(random.chance(0.5) ? 24 * 60 : 30 * 24 * 60) * MINUTE
          : random.int(365) * DAY;
      const revisions = 1 + random.int(3);
      const retractedFrom = random.chance(0.2) ? revisions - 1 : revisions;
      const rank = random.int(4);
      const eventType = random.pick(TYPES);
      const eventId = randomUUID();
      let knownFrom = occurredAt + lag;
      for (let r = 0; r < revisions; r += 1) {
        const knownUntil = r + 1 < revisions ? knownFrom + (1 + random.int(100)) * DAY : null;
        await db.pool.query(
          `INSERT INTO country_timeline (event_id, revision, known_from, known_until, retracted, trail, country,
             event_type, occurred_at, recorded_at, recorded_by, classification, headline, topics, vendors,
             participants, stream_id, stream_version, global_position, data, classification_rank)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'test', $11, $12, '{}', '{}', '{}', $13, 1, $14, '{}', $15)`,
          [
            eventId,
            r + 1,
            new Date(knownFrom),
            knownUntil === null ? null : new Date(knownUntil),
            r >= retractedFrom,
            JSON.stringify(Array.from({ length: r }, (_, n) => ({ eventId: randomUUID(), n }))),
            i % 5 === 0 ? 'IQ' : 'SY',
            eventType,
            new Date(occurredAt),
            new Date(occurredAt + Math.max(lag, 0)),
            LEVELS[rank],
            `${eventType} ${i}.${r + 1}`,
            `stream-${eventId}`,
            i + 1,
            rank,
          ],
        );
        if (knownUntil !== null) knownFrom = knownUntil;
      }
    }
    await db.pool.query('ANALYZE country_timeline');
  });

  afterAll(async () => {
    await db?.drop();
  });

  interface Read {
    readonly types?: string[];
    readonly from?: string;
    readonly to?: string;
    readonly knownAt?: string;
    readonly asOf?: string;
    readonly includeRetracted?: boolean;
    readonly rank?: number;
    readonly countries?: string[] | null;
  }

  /** Every page of SY's timeline for `read`, `limit` at a time, followed by the cursor (as the handler does). */
  async function walk(sql: string, read: Read, limit: number) {
    const pages: unknown[][] = [];
    let cursor: { occurredAt: Date; position: string } | null = null;
    for (let n = 0; n < 200; n += 1) {
      const params: unknown[] = [
        'SY',
        read.types ?? null,
        read.from ?? null,
        read.to ?? null,
        cursor?.occurredAt ?? null,
        cursor?.position ?? null,
        limit + 1,
        read.knownAt ?? null,
        read.asOf ?? null,
        read.includeRetracted ?? false,
        null,
        null,
        null,
        3,
        read.rank ?? 3,
        read.countries ?? null,
      ];
      const { rows } = await db.pool.query<{ occurred_at: Date; global_position: string }>(sql, params);
      const page = rows.slice(0, limit);
      pages.push(page);
      const last = page.at(-1);
      if (rows.length <= limit || !last) break;
      cursor = { occurredAt: last.occurred_at, position: last.global_position };
    }
    return pages;
  }

  const KNOWN_AT = [
    undefined,
    '2022-12-01T00:00:00Z',
    '2023-03-01T00:00:00Z',
    '2023-08-15T12:00:00Z',
    '2024-01-01T00:00:00Z',
    '2024-06-01T00:00:00Z',
    '2025-03-01T00:00:00Z',
    '2030-01-01T00:00:00Z',
  ];
  const READS: Read[] = [
    {},
    { includeRetracted: true },
    { asOf: '2023-09-01T00:00:00Z' },
    { types: ['CountryResponseObserved'], from: '2023-03-01T00:00:00Z', to: '2024-01-01T00:00:00Z' },
    { types: ['EnvoyMeetingHeld', 'DialogueRoundConcluded'] },
    { rank: 1 },
    { rank: 3, countries: ['IQ'] },
  ];

  it('gives the same pages as the single query for every knownAt, filter and scope, page by page', async () => {
    let entries = 0;
    for (const knownAt of KNOWN_AT)
      for (const read of READS)
        for (const limit of [7, 50]) {
          const expected = await walk(PREVIOUS_TIMELINE_PAGE, { ...read, knownAt }, limit);
          const actual = await walk(TIMELINE_PAGE, { ...read, knownAt }, limit);
          expect({ knownAt, read, limit, pages: actual }).toEqual({ knownAt, read, limit, pages: expected });
          entries += expected.flat().length;
        }
    expect(entries).toBeGreaterThan(1000);
  });

  it('gives the same pages while an entry dated after it was logged is known but has not yet happened', async () => {
    // Each such entry (a clock's skew of minutes, or hours and days) read at an instant in between.
    const { rows } = await db.pool.query<{ between: Date }>(
      `SELECT known_from + (occurred_at - known_from) / 2 AS between FROM country_timeline
       WHERE country = 'SY' AND occurred_at > known_from ORDER BY occurred_at - known_from, global_position`,
    );
    expect(rows.length).toBeGreaterThan(10);
    for (const { between } of rows) {
      const knownAt = between.toISOString();
      for (const read of [READS[0], READS[2], READS[4]] as Read[]) {
        const expected = await walk(PREVIOUS_TIMELINE_PAGE, { ...read, knownAt }, 20);
        const actual = await walk(TIMELINE_PAGE, { ...read, knownAt }, 20);
        expect({ knownAt, read, pages: actual }).toEqual({ knownAt, read, pages: expected });
      }
    }
  });

  it('the pages compared include entries known before their date, at the time they were known', async () => {
    // An entry dated after it became known is on the page as known in between, where the page index's read from
    // that instant down would not have found it.
    const { rows } = await db.pool.query<{ between: Date }>(
      `SELECT known_from + (occurred_at - known_from) / 2 AS between FROM country_timeline
       WHERE country = 'SY' AND occurred_at - known_from > '1 hour'::interval AND NOT retracted
         AND (known_until IS NULL OR known_until > known_from + (occurred_at - known_from) / 2)
       ORDER BY global_position LIMIT 1`,
    );
    expect(rows[0]).toBeDefined();
    const between = (rows[0] as { between: Date }).between.toISOString();
    const pages = await walk(TIMELINE_PAGE, { knownAt: between }, 500);
    const dated = pages.flat() as { occurred_at: Date }[];
    expect(dated.some((e) => e.occurred_at.getTime() > Date.parse(between))).toBe(true);
    expect(await walk(PREVIOUS_TIMELINE_PAGE, { knownAt: between }, 500)).toEqual(pages);
  });
});
