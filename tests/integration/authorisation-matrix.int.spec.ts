import { randomUUID } from 'node:crypto';
import { CLASSIFICATIONS, type Classification, ROLES, type Role } from '#domain';
import {
  COMMAND_ENDPOINTS,
  type CommandEndpoint,
  recordTargets,
  type Targets,
} from '../property/endpoints.js';
import { type RunningApps, startApps } from '../support/apps.js';
import { type Identity, token } from '../support/auth.js';
import { recorded } from '../support/commands.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { testConfig, uniqueName } from '../support/env.js';
import {
  contractBody,
  countryResponseBody,
  followUpBody,
  incentiveOfferBody,
  meetingBody,
  technicalSupportBody,
} from '../support/fixtures.js';
import { awaitProjected } from '../support/record.js';

/**
 * The authorisation matrix, generated: every route × role × own or other country × clearance × entry level, with
 * the status the access rules give. Reads are checked for what they contain too: no entry above the reader's
 * clearance or outside its countries anywhere in a body, a page-by-page walk returning exactly the visible
 * entries, and every aggregate equal to what the visible entries alone give — the oracle for that is a mirror
 * country holding only the entries a reader of that clearance may see, read by a reader who sees all of it.
 */

const rank = (level: Classification) => CLASSIFICATIONS.indexOf(level);
/** The command cases act in Syria (where the endpoints' entries are); the read cases in Yemen, kept apart. */
const OWN = 'SY';
const OTHER = 'LB';
const READ_OWN = 'YE';
type Scope = 'own' | 'other';

function identity(role: Role, scope: Scope, clearance: Classification, own = OWN): Identity {
  return {
    sub: `matrix.${role}.${scope}.${clearance}`,
    role,
    countries: [scope === 'own' ? own : OTHER],
    clearance,
  };
}

const tokens = new Map<string, Promise<string>>();
function bearer(who: Identity): Promise<string> {
  const key = JSON.stringify(who);
  let minted = tokens.get(key);
  if (!minted) {
    minted = token(who).then((t) => `Bearer ${t}`);
    tokens.set(key, minted);
  }
  return minted;
}

describe('the authorisation matrix', () => {
  let db: TestDatabase;
  let apps: RunningApps;

  beforeAll(async () => {
    db = await createTestDatabase();
    apps = await startApps(testConfig({ databaseUrl: db.url, topicPrefix: uniqueName('matrix') }));
  });

  afterAll(async () => {
    await apps?.close();
    await db?.drop();
  });

  async function call(method: 'GET' | 'POST', url: string, who: Identity, body?: unknown) {
    const response = await apps.api.inject({
      method,
      url,
      headers: {
        authorization: await bearer(who),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
    });
    return { status: response.statusCode, body: response.body };
  }

  describe('commands', () => {
    const byCountry = (e: CommandEndpoint) => e.route.includes(':country');
    const vendorRoute = (e: CommandEndpoint) => e.route.startsWith('/v1/vendors');

    /** The status the rules give; for an allowed change, any answer a permitted caller may get. */
    function expected(
      e: CommandEndpoint,
      role: Role,
      scope: Scope,
      clearance: Classification,
      level: Classification,
    ) {
      if (vendorRoute(e)) return role === 'admin' ? 'allowed' : 403;
      if (role !== 'desk_officer') return 403;
      const permitted = scope === 'own' && rank(level) <= rank(clearance);
      if (byCountry(e)) return permitted ? 201 : 403;
      // Addressed by entry id: an entry the caller may not see is answered as one that does not exist. A permitted
      // caller gets the command's own answer: 201, or for `expire` the rule that the offer (until 31 December)
      // has not lapsed yet.
      if (!permitted) return 404;
      return e.route.endsWith('/expire') ? 422 : 201;
    }

    const shared = new Map<Classification, Promise<Targets>>();
    function refusedTargets(level: Classification): Promise<Targets> {
      let targets = shared.get(level);
      if (!targets) {
        targets = recordTargets(apps.api, level);
        shared.set(level, targets);
      }
      return targets;
    }

    it.each(COMMAND_ENDPOINTS.map((e) => [e.route, e] as const))('POST %s', async (_route, endpoint) => {
      const mismatches: string[] = [];
      const levels = vendorRoute(endpoint) ? (['unclassified'] as const) : CLASSIFICATIONS;
      for (const role of ROLES) {
        for (const scope of ['own', 'other'] as const) {
          for (const clearance of CLASSIFICATIONS) {
            for (const level of levels) {
              const want = expected(endpoint, role, scope, clearance, level);
              // A permitted change acts on entries of its own (recorded by an officer who may), so one case's change
              // cannot decide another's answer; refused cases change nothing and share one set per level.
              const on =
                byCountry(endpoint) || vendorRoute(endpoint)
                  ? undefined
                  : want === 403 || want === 404
                    ? await refusedTargets(level)
                    : await recordTargets(apps.api, level);
              const url = on ? endpoint.url(on) : endpoint.url(undefined as never);
              const body = byCountry(endpoint)
                ? { ...endpoint.body(undefined as never), classification: level }
                : vendorRoute(endpoint)
                  ? {
                      ...endpoint.body(undefined as never),
                      ...(endpoint.route === '/v1/vendors'
                        ? { vendorId: `v-${randomUUID().slice(0, 8)}` }
                        : {}),
                    }
                  : endpoint.body(on as never);
              const before = await db.count('SELECT count(*) AS n FROM events');
              const answer = await call('POST', url, identity(role, scope, clearance), body);
              const wrote = (await db.count('SELECT count(*) AS n FROM events')) - before;
              const ok =
                want === 'allowed'
                  ? ![401, 403, 404].includes(answer.status) && answer.status < 500
                  : answer.status === want;
              if (!ok || (answer.status >= 400 && wrote !== 0)) {
                mismatches.push(
                  `${role}/${scope}/${clearance} on a ${level} entry: ${answer.status} (want ${want}), wrote ${wrote}: ${answer.body.slice(0, 160)}`,
                );
              }
            }
          }
        }
      }
      expect(mismatches).toEqual([]);
    });
  });

  describe('reads', () => {
    /** Entries recorded for the read cases: per country, per level, what was recorded there. */
    interface Recorded {
      readonly level: Classification;
      readonly ids: readonly string[];
    }
    const recordedIn = new Map<string, Recorded[]>();
    /** A country holding exactly what a reader of each clearance may see of Syria. */
    const MIRROR: Record<Classification, string> = {
      unclassified: 'JO',
      restricted: 'TR',
      confidential: 'EG',
      secret: 'IQ',
    };
    const STANCE: Record<Classification, string> = {
      unclassified: 'receptive',
      restricted: 'neutral',
      confidential: 'committed',
      secret: 'resistant',
    };
    const VENDOR: Record<Classification, [string, number]> = {
      unclassified: ['huawei', 1_000],
      restricted: ['ericsson', 400],
      confidential: ['nokia', 300],
      secret: ['zte', 700],
    };

    /** One of each kind of entry at the level, dated by the level so that every country has the same order. */
    async function recordLevel(country: string, level: Classification): Promise<void> {
      const day = 10 + rank(level) * 3;
      const at = (d: number) => `2026-02-${String(d).padStart(2, '0')}T10:00:00Z`;
      const base = `/v1/countries/${country}`;
      const meeting = await recorded(
        apps.api,
        `${base}/meetings`,
        meetingBody({ occurredAt: at(day), classification: level, summary: `Matrix meeting (${level}).` }),
      );
      const followUp = await recorded(
        apps.api,
        '/v1/follow-ups',
        followUpBody(meeting.eventId, { occurredAt: at(day + 1), dueDate: `2026-0${3 + rank(level)}-01` }),
      );
      const offer = await recorded(
        apps.api,
        `${base}/incentive-offers`,
        incentiveOfferBody({ occurredAt: at(day), classification: level }),
      );
      const support = await recorded(
        apps.api,
        `${base}/technical-support`,
        technicalSupportBody({ occurredAt: at(day), classification: level }),
      );
      const [vendorId, units] = VENDOR[level];
      const contract = await recorded(
        apps.api,
        `${base}/contracts`,
        contractBody({
          occurredAt: `2025-0${1 + rank(level)}-01T00:00:00Z`,
          vendorId,
          units,
          classification: level,
        }),
      );
      const response = await recorded(
        apps.api,
        `${base}/responses`,
        countryResponseBody({ occurredAt: at(day + 2), stance: STANCE[level], classification: level }),
      );
      const ids = [meeting, followUp, offer, support, contract, response].flatMap((r) => [
        r.eventId,
        r.entryId,
      ]);
      recordedIn.set(country, [...(recordedIn.get(country) ?? []), { level, ids }]);
    }

    beforeAll(async () => {
      for (const level of CLASSIFICATIONS) await recordLevel(READ_OWN, level);
      for (const clearance of CLASSIFICATIONS) {
        for (const level of CLASSIFICATIONS.filter((l) => rank(l) <= rank(clearance))) {
          await recordLevel(MIRROR[clearance], level);
        }
      }
      // Everything recorded is projected (all read models commit together with projected_events).
      await awaitProjected(db, 90_000);
    }, 180_000);

    const hidden = (country: string, clearance: Classification) =>
      (recordedIn.get(country) ?? []).filter((r) => rank(r.level) > rank(clearance)).flatMap((r) => r.ids);
    const visible = (country: string, clearance: Classification) =>
      (recordedIn.get(country) ?? []).filter((r) => rank(r.level) <= rank(clearance)).flatMap((r) => r.ids);

    /** A body with what differs between two countries' copies of the same entries taken out. */
    function comparable(text: string, country: string): unknown {
      const strip = (value: unknown): unknown => {
        if (Array.isArray(value)) return value.map(strip);
        if (value && typeof value === 'object') {
          return Object.fromEntries(
            Object.entries(value)
              .filter(
                ([key]) =>
                  !/(^|[a-z])(id|Id|Ids|ids)$|[pP]osition|recordedAt|recordedBy|knownAt|cursor|Cursor|streamVersion|^today$|^asOf$/.test(
                    key,
                  ),
              )
              .map(([key, v]) => [key, strip(v)]),
          );
        }
        return typeof value === 'string' ? value.replaceAll(country, '<country>') : value;
      };
      return strip(JSON.parse(text));
    }

    const READERS: readonly Role[] = ROLES;

    it('country reads: 200 within the scope, 403 outside, nothing hidden in any body', async () => {
      const routes = [
        'timeline?limit=200',
        'incentive-offers',
        'contracts',
        'technical-support',
        'dependency',
        'dependency/history?from=2024-06-01&to=2026-06-01',
      ];
      const mismatches: string[] = [];
      for (const role of READERS) {
        for (const scope of ['own', 'other'] as const) {
          for (const clearance of CLASSIFICATIONS) {
            const who = identity(role, scope, clearance, READ_OWN);
            const readsOwn = role === 'leadership' || role === 'admin' || scope === 'own';
            for (const route of routes) {
              const answer = await call('GET', `/v1/countries/${READ_OWN}/${route}`, who);
              const want = readsOwn ? 200 : 403;
              if (answer.status !== want)
                mismatches.push(`${role}/${scope}/${clearance} ${route}: ${answer.status}, want ${want}`);
              const leaked = hidden(READ_OWN, clearance).filter((id) => answer.body.includes(id));
              if (leaked.length > 0)
                mismatches.push(`${role}/${scope}/${clearance} ${route}: shows ${leaked.length} hidden ids`);
              if (answer.body.includes('Matrix meeting (') && !readsOwn)
                mismatches.push(`${role}/${scope} ${route}: content of ${READ_OWN}`);
            }
          }
        }
      }
      expect(mismatches).toEqual([]);
    });

    it('entries by id: visible ones 200, the rest answered exactly as an id that does not exist', async () => {
      const mismatches: string[] = [];
      const ghost = randomUUID();
      for (const role of READERS) {
        for (const scope of ['own', 'other'] as const) {
          for (const clearance of CLASSIFICATIONS) {
            const who = identity(role, scope, clearance, READ_OWN);
            const readsOwn = role === 'leadership' || role === 'admin' || scope === 'own';
            const missing = await call('GET', `/v1/entries/${ghost}`, who);
            for (const entry of recordedIn.get(READ_OWN) ?? []) {
              const eventId = entry.ids[0] as string;
              const answer = await call('GET', `/v1/entries/${eventId}`, who);
              const sees = readsOwn && rank(entry.level) <= rank(clearance);
              if (sees && answer.status !== 200)
                mismatches.push(`${role}/${scope}/${clearance} ${entry.level}: ${answer.status}`);
              if (!sees && answer.body.replaceAll(eventId, ghost) !== missing.body) {
                mismatches.push(
                  `${role}/${scope}/${clearance} ${entry.level}: ${answer.status} ${answer.body.slice(0, 120)}`,
                );
              }
              const trail = await call('GET', `/v1/entries/${eventId}/corrections`, who);
              if ((trail.status === 200) !== sees)
                mismatches.push(`${role}/${scope}/${clearance} ${entry.level} trail: ${trail.status}`);
            }
          }
        }
      }
      expect(mismatches).toEqual([]);
    });

    it.each(CLASSIFICATIONS)(
      'a %s reader: pages walk exactly the visible entries and every figure is the visible entries’ own',
      async (clearance) => {
        const reader: Identity = { sub: `matrix.leadership.${clearance}`, role: 'leadership', clearance };
        const all: Identity = { sub: 'matrix.leadership.secret', role: 'leadership', clearance: 'secret' };
        const mirror = MIRROR[clearance];

        // The timeline, two at a time: exactly the visible entries, each once.
        const walked: string[] = [];
        let cursor: string | null = null;
        do {
          const page = await call(
            'GET',
            `/v1/countries/${READ_OWN}/timeline?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
            reader,
          );
          const body = JSON.parse(page.body) as {
            entries: Array<{ eventId: string }>;
            nextCursor: string | null;
          };
          walked.push(...body.entries.map((e) => e.eventId));
          cursor = body.nextCursor;
        } while (cursor);
        const shown = new Set(walked);
        expect(walked.length).toBe(shown.size);
        const visibleEventIds = (recordedIn.get(READ_OWN) ?? [])
          .filter((r) => rank(r.level) <= rank(clearance))
          .flatMap((r) => r.ids.filter((_, i) => i % 2 === 0));
        expect([...shown].filter((id) => !new Set(visibleEventIds).has(id))).toEqual([]);
        expect(visibleEventIds.filter((id) => !shown.has(id))).toEqual([]);

        // Every read of Syria for this reader equals the mirror country's read by one who sees all of it.
        for (const route of [
          'timeline?limit=200',
          'incentive-offers',
          'contracts',
          'technical-support',
          'dependency',
          'dependency?basis=value',
          'dependency/history?from=2024-06-01&to=2026-06-01',
        ]) {
          const ours = await call('GET', `/v1/countries/${READ_OWN}/${route}`, reader);
          const theirs = await call('GET', `/v1/countries/${mirror}/${route}`, all);
          expect([route, comparable(ours.body, READ_OWN)]).toEqual([route, comparable(theirs.body, mirror)]);
        }
        const followUps = await call('GET', `/v1/follow-ups?country=${READ_OWN}`, reader);
        const mirrored = await call('GET', `/v1/follow-ups?country=${mirror}`, all);
        expect(comparable(followUps.body, READ_OWN)).toEqual(comparable(mirrored.body, mirror));

        // The overview: Syria's row for this reader is the mirror's row for one who sees all.
        const overview = JSON.parse((await call('GET', '/v1/countries', reader)).body) as {
          countries: Array<{ country: string }>;
        };
        const full = JSON.parse((await call('GET', '/v1/countries', all)).body) as {
          countries: Array<{ country: string }>;
        };
        const row = overview.countries.find((c) => c.country === READ_OWN);
        const mirrorRow = full.countries.find((c) => c.country === mirror);
        expect(comparable(JSON.stringify(row), READ_OWN)).toEqual(
          comparable(JSON.stringify(mirrorRow), mirror),
        );
        for (const id of hidden(READ_OWN, clearance)) expect(JSON.stringify(overview)).not.toContain(id);
        expect(visible(READ_OWN, clearance).length).toBeGreaterThan(0);
      },
    );

    it('the overview lists only the countries a scoped reader reads', async () => {
      for (const clearance of CLASSIFICATIONS) {
        const answer = await call(
          'GET',
          '/v1/countries',
          identity('desk_officer', 'own', clearance, READ_OWN),
        );
        const countries = (
          JSON.parse(answer.body) as { countries: Array<{ country: string }> }
        ).countries.map((c) => c.country);
        expect(countries).toEqual([READ_OWN]);
      }
    });
  });
});
