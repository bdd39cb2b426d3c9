// The corpus of scenarios 4–6: many events of every type over 20 countries, one of them holding half, written
// through the event store library (the contract check on) and relayed by the relay app.
//
// Valid events of every type are not made up here: the demo scenario (scripts/seed.mjs) is recorded once through
// the public API of the bench's apps, so every event went through the API's validation and deciders. Its events
// (but the vendors') are then cloned stream by stream: each copy ("campaign") goes to one country, with every id
// replaced by a fresh one (consistently, so a follow-up still names its meeting and a correction its entry) and
// every date moved back by the same random number of days. Streams are repeated in a campaign so the mix of types
// comes near the proportions of issue 16 (see MULTIPLICITY).
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';
import { devToken } from '../../scripts/lib/dev-key.mjs';
import { sleep } from './measure.mjs';
import { ROOT } from './stack.mjs';

/** 20 countries; campaigns alternate between the first (half of everything) and the 19 others in turn. */
export const BIG_COUNTRY = 'SY';
export const COUNTRIES = [
  'SY',
  'IQ',
  'LB',
  'JO',
  'EG',
  'SA',
  'AE',
  'QA',
  'KW',
  'OM',
  'BH',
  'YE',
  'LY',
  'TN',
  'DZ',
  'MA',
  'SD',
  'TR',
  'PK',
  'BD',
];

/**
 * How many copies of a template stream one campaign holds, by the type of its first event (the rest: 1). With the
 * demo scenario's 59 events this gives about 137 events a campaign: meetings and dialogue rounds 40 %, follow-ups
 * 15 %, offers and their transitions 10 %, technical support 11 %, contract events 13 %, responses and competing
 * offers 6 %, corrections and retractions 5 % (a corrected meeting's stream is repeated 6 times).
 */
function multiplicity(stream) {
  const [first] = stream.events;
  if (stream.events.some((e) => e.type === 'EntryCorrected')) return 6;
  if (first.type === 'EnvoyMeetingHeld' || first.type === 'DialogueRoundConcluded') return 7;
  if (first.type === 'FollowUpAssigned') return 5;
  if (first.type === 'TechnicalSupportCommitted') return 3;
  return 1;
}

const CATEGORIES = ['engagement', 'follow-up', 'incentive', 'support', 'contract', 'observation'];
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
const QUOTED_DATE = /"(\d{4}-\d{2}-\d{2})(T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z)?"/g;
const DAY = 86_400_000;

function shiftDate(text, days) {
  return text.replace(QUOTED_DATE, (_, date, time) => {
    const shifted = new Date(Date.parse(`${date}T00:00:00Z`) - days * DAY).toISOString().slice(0, 10);
    return `"${shifted}${time ?? ''}"`;
  });
}

/**
 * Records the demo scenario through the apps' API and answers its streams (vendors left out), in the order
 * their first events were recorded, each with its events as the store holds them.
 */
export async function recordTemplate(databaseUrl, base) {
  const token = await devToken({
    sub: 'bench.seed',
    role: 'desk_officer',
    countries: ['SY', 'IQ'],
    clearance: 'secret',
  });
  const seeded = spawnSync(process.execPath, [join(ROOT, 'scripts', 'seed.mjs')], {
    cwd: ROOT,
    env: { ...process.env, API_URL: base, SEED_TOKEN: token },
    encoding: 'utf8',
  });
  if (seeded.status !== 0) throw new Error(`the demo scenario failed: ${seeded.stderr || seeded.stdout}`);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query(
      `SELECT event_id, stream_id, event_type, schema_version, occurred_at, classification, source, confidence,
              data
       FROM events WHERE stream_id NOT LIKE 'vendor-%' ORDER BY global_position`,
    );
    const streams = new Map();
    for (const r of rows) {
      const stream = streams.get(r.stream_id) ?? { streamId: r.stream_id, events: [] };
      stream.events.push({
        eventId: r.event_id,
        type: r.event_type,
        schemaVersion: r.schema_version,
        occurredAt: r.occurred_at.toISOString(),
        classification: r.classification,
        source: r.source,
        confidence: r.confidence,
        data: JSON.stringify(r.data),
      });
      streams.set(r.stream_id, stream);
    }
    const owner = new Map();
    for (const s of streams.values()) {
      for (const id of s.streamId.match(UUID) ?? []) owner.set(id, s.streamId);
      for (const e of s.events) owner.set(e.eventId, s.streamId);
    }
    const template = [...streams.values()].map((s) => ({ ...s, copies: multiplicity(s) }));
    return { streams: template, owner, eventsPerCampaign: eventsPerCampaign(template) };
  } finally {
    await client.end();
  }
}

function eventsPerCampaign(template) {
  return template.reduce((sum, s) => sum + s.events.length * s.copies, 0);
}

/** The proportions of event types one campaign holds (type → share). */
export function mixOf(template) {
  const counts = {};
  for (const s of template.streams)
    for (const e of s.events) counts[e.type] = (counts[e.type] ?? 0) + s.copies;
  const total = template.eventsPerCampaign;
  return Object.fromEntries(Object.entries(counts).map(([type, n]) => [type, n / total]));
}

/** Campaign `index` of the template: its appends (stream id and events), in the order to make them. */
export function campaign(template, index) {
  const country = index % 2 === 0 ? COUNTRIES[0] : COUNTRIES[1 + (((index - 1) / 2) % 19)];
  const days = Math.floor(Math.random() * 1_400);
  const shared = new Map();
  const appends = [];
  for (const stream of template.streams) {
    for (let copy = 0; copy < stream.copies; copy += 1) {
      // The first copy's own ids are the campaign's (others' events name them); further copies get ids of their own.
      const own = copy === 0 ? shared : new Map();
      const map = (id) => {
        const owner = template.owner.get(id);
        const table = owner !== undefined && owner !== stream.streamId ? shared : own;
        let fresh = table.get(id);
        if (!fresh) {
          fresh = randomUUID();
          table.set(id, fresh);
        }
        return fresh;
      };
      appends.push({
        streamId: stream.streamId.replace(UUID, map),
        events: stream.events.map((e) => ({
          eventId: map(e.eventId),
          type: e.type,
          schemaVersion: e.schemaVersion,
          country,
          occurredAt: new Date(Date.parse(e.occurredAt) - days * DAY).toISOString(),
          classification: e.classification,
          source: e.source,
          confidence: e.confidence,
          data: JSON.parse(shiftDate(e.data.replace(UUID, map), days)),
        })),
      });
    }
  }
  return appends;
}

const lib = async () => ({
  ...(await import('../../dist/libs/event-store/src/index.js')),
  ...(await import('../../dist/libs/messaging/src/index.js')),
  ...(await import('../../dist/libs/contracts/src/index.js')),
});

/**
 * Writes campaigns from `from` on, as many as make at least `events` events, through
 * PostgresEventStore.appendToStream with the API's contract check (assertEventData), `workers` campaigns at a
 * time (each campaign's streams one after another, in the template's order, each stream in one append).
 * Answers the next campaign index and the events written.
 */
export async function writeCampaigns({ databaseUrl, topicPrefix, template, from, events, workers = 24 }) {
  const { PostgresEventStore, createPool, eventRouter, assertEventData } = await lib();
  const pool = createPool(databaseUrl, 8);
  const store = new PostgresEventStore(pool, eventRouter(topicPrefix), (event) =>
    assertEventData(event.type, event.schemaVersion, event.data),
  );
  let next = from;
  const end = from + Math.ceil(events / template.eventsPerCampaign);
  let written = 0;
  const worker = async () => {
    while (next < end) {
      const index = next++;
      for (const append of campaign(template, index)) {
        await store.appendToStream(append.streamId, append.events, {
          expectedVersion: 0,
          category: CATEGORIES.find((c) => append.streamId.startsWith(`${c}-`)),
          metadata: {
            recordedAt: new Date(),
            recordedBy: 'bench',
            correlationId: randomUUID(),
            causationId: null,
          },
        });
        written += append.events.length;
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: workers }, worker));
  } finally {
    await pool.end();
  }
  return { next, written };
}

/**
 * What autovacuum does on a server where it is on: `VACUUM (ANALYZE)` of the whole database. The CI machine's
 * PostgreSQL runs with `autovacuum = off`; without it the projector's per-country counter rows
 * (`country_activity`) pile up dead versions that every upsert walks, the relay's poll rescans every published
 * row in its partial index, and the planner has no statistics, so applying slows down as history grows.
 */
export async function vacuum(databaseUrl) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('VACUUM (ANALYZE)');
  } finally {
    await client.end();
  }
}

/** The server's `autovacuum` setting, 'on' or 'off': whether the bench has to do what autovacuum would. */
export async function autovacuumSetting(databaseUrl) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query('SHOW autovacuum')).rows[0].autovacuum;
  } finally {
    await client.end();
  }
}

/**
 * Waits until the relay has published every outbox row and the projector has applied every event. Polls once a
 * second, and counts the store and the applied events only once the outbox is empty: counting a million rows
 * four times a second would take CPU from the projector it waits for. Every `vacuumEveryMs` (when the server's
 * autovacuum is off) it vacuums and analyzes the database, as autovacuum would.
 */
export async function drained(databaseUrl, { timeoutMs, log, vacuumEveryMs }) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const count = async (sql) => (await client.query(sql)).rows[0].n;
  try {
    const until = Date.now() + timeoutMs;
    let lastLog = Date.now();
    let events;
    let lastVacuum = Date.now();
    while (Date.now() < until) {
      if (vacuumEveryMs && Date.now() - lastVacuum > vacuumEveryMs) {
        await vacuum(databaseUrl);
        lastVacuum = Date.now();
      }
      const parked = await count('SELECT count(*)::int AS n FROM projection_parked_streams');
      if (parked > 0) throw new Error(`${parked} stream(s) parked by the projector (dead letters)`);
      const pending = await count('SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL');
      if (pending === 0) {
        // Nothing is written while the bench waits: once the outbox is empty the store's count stands.
        events ??= await count('SELECT count(*)::int AS n FROM events');
        const projected = await count('SELECT count(*)::int AS n FROM projected_events');
        if (projected >= events) return events;
        if (Date.now() - lastLog > 15_000) {
          log?.(`  … ${projected}/${events} projected`);
          lastLog = Date.now();
        }
      } else if (Date.now() - lastLog > 15_000) {
        log?.(`  … ${pending} waiting for the relay`);
        lastLog = Date.now();
      }
      await sleep(1_000);
    }
    throw new Error(`relay and projector did not catch up within ${timeoutMs / 1000} s`);
  } finally {
    await client.end();
  }
}
