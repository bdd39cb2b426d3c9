import kafkajs, { type Admin } from 'kafkajs';
import { createKafka } from '#messaging';
import type { RunningApps } from '../support/apps.js';
import { startApps } from '../support/apps.js';
import { meetingUntilAcknowledged } from '../support/commands.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { testConfig, testEnv, testKafka, uniqueName } from '../support/env.js';
import { meetingBody } from '../support/fixtures.js';
import { type AppProcess, spawnApp } from '../support/processes.js';
import { deleteTestTopics } from '../support/topics.js';
import { waitFor } from '../support/wait.js';

const { AssignerProtocol } = kafkajs;

/** Partitions of each engagement topic: more than one instance needs, so both get a share. */
const PARTITIONS = 6;
/** The projector subscribes to the four levels' engagement topics. */
const ASSIGNABLE = 4 * PARTITIONS;
const CLIENTS = 3;
/** Keys spread over the partitions (a country is the key). */
const COUNTRIES = ['SY', 'LB', 'IQ', 'JO', 'EG', 'TR', 'SA', 'AE', 'YE', 'LY', 'TN', 'MA'];
/** Each client's pause between commands: a steady stream, not a flood that only measures catch-up. */
const THINK_MS = 20;

/** The group's members and how many partitions each holds, from the group coordinator. */
async function membersOf(admin: Admin, groupId: string): Promise<number[]> {
  const { groups } = await admin.describeGroups([groupId]);
  const group = groups[0];
  if (group?.state !== 'Stable') return [];
  return group.members.map((member) => {
    const decoded = AssignerProtocol.MemberAssignment.decode(member.memberAssignment);
    return Object.values(decoded?.assignment ?? {}).reduce((sum, partitions) => sum + partitions.length, 0);
  });
}

/**
 * Two projector processes in one consumer group split the engagement topics' partitions; when one stops (SIGTERM,
 * then another one SIGKILL) while commands keep coming, the other takes its partitions over, and every
 * acknowledged command ends up in the read models exactly once.
 */
describe('two projectors in one consumer group', () => {
  let db: TestDatabase;
  let topicPrefix: string;
  let groupId: string;
  let apps: RunningApps;
  let env: Record<string, string>;
  let admin: Admin;
  const processes: AppProcess[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    topicPrefix = uniqueName('group');
    groupId = `${topicPrefix}-projector`;
    env = testEnv({
      databaseUrl: db.url,
      topicPrefix,
      extra: { KAFKA_PARTITIONS: String(PARTITIONS), PROJECTOR_TX_SIZE: '10' },
    });
    apps = await startApps(testConfig({ databaseUrl: db.url, topicPrefix }), { pipeline: false });
    admin = createKafka(testKafka(), 'test-group-watch').admin();
    await admin.connect();
  });

  afterAll(async () => {
    await Promise.all(processes.map((p) => p.kill('SIGKILL')));
    await admin?.disconnect();
    await apps?.close();
    await db?.drop();
    if (topicPrefix) await deleteTestTopics(topicPrefix);
  });

  it('split the partitions and project every event exactly once across a SIGTERM and a SIGKILL', async () => {
    const start = (app: 'relay' | 'projector') => {
      const process = spawnApp(app, env);
      processes.push(process);
      return process;
    };
    const began = Date.now();
    const acknowledged: string[] = [];
    const phase = (name: string) =>
      console.log(
        `projector group +${((Date.now() - began) / 1000).toFixed(1)} s: ${name} (${acknowledged.length} acknowledged)`,
      );
    let running = true;
    let retried = 0;
    const clients = Array.from({ length: CLIENTS }, async (_, client) => {
      for (let i = 0; running; i += 1) {
        const country = COUNTRIES[(client * 5 + i) % COUNTRIES.length] ?? 'SY';
        // Retried with its Idempotency-Key until acknowledged: one logical command, one event.
        const answer = await meetingUntilAcknowledged(apps.api, country, (key) =>
          meetingBody({ summary: `group ${key}` }),
        );
        acknowledged.push(answer.eventId);
        retried += answer.retried;
        await new Promise((resolve) => setTimeout(resolve, THINK_MS));
      }
    });
    /** Lets the load run on until `more` further commands were acknowledged (pacing, not an assertion). */
    const loadFor = async (more: number) => {
      const target = acknowledged.length + more;
      await waitFor(async () => (acknowledged.length >= target ? true : undefined), {
        what: `${more} more commands acknowledged`,
        timeoutMs: 60_000,
      });
    };
    const projected = () =>
      db.count(`SELECT count(*) AS n FROM country_timeline WHERE event_type = 'EnvoyMeetingHeld'`);
    /** Waits until the group is stable with one member per share given, in any order. */
    const groupSplit = async (what: string, check: (members: number[]) => boolean) =>
      waitFor(
        async () => {
          const members = await membersOf(admin, groupId);
          return check(members) ? members : undefined;
        },
        { what, timeoutMs: 60_000, intervalMs: 250 },
      ).catch((error) => {
        console.log(processes.map((p, i) => `process ${i}:\n${p.output().slice(-2000)}`).join('\n'));
        throw error;
      });
    const split = (members: number[]) =>
      members.length === 2 &&
      members.every((n) => n > 0) &&
      members.reduce((a, b) => a + b, 0) === ASSIGNABLE;
    const alone = (members: number[]) => members.length === 1 && members[0] === ASSIGNABLE;

    start('relay');
    const first = start('projector');
    let second = start('projector');
    const shares = await groupSplit('both projectors holding partitions', split);
    await waitFor(async () => ((await projected()) > 0 ? true : undefined), {
      what: 'the first events projected',
      timeoutMs: 60_000,
    });
    phase(`two projectors share the ${ASSIGNABLE} partitions (${shares.join(' + ')})`);
    await loadFor(150);

    await second.kill('SIGTERM');
    phase('second projector stopped (SIGTERM)');
    await groupSplit('the first projector holding every partition', alone);
    phase('first projector took every partition over');
    await loadFor(150);

    second = start('projector');
    await groupSplit('the restarted projector rejoining', split);
    phase('a new second projector rejoined');
    await loadFor(150);

    await first.kill('SIGKILL');
    phase('first projector killed (SIGKILL)');
    // The coordinator notices the dead member after its session timeout (10 s), then rebalances.
    await groupSplit('the second projector holding every partition', alone);
    phase('second projector took every partition over');
    await loadFor(150);

    running = false;
    await Promise.all(clients);
    phase('clients stopped');

    await waitFor(async () => ((await projected()) >= acknowledged.length ? true : undefined), {
      what: `all ${acknowledged.length} acknowledged meetings projected`,
      timeoutMs: 60_000,
    }).catch(async (error) => {
      console.log(
        'projected',
        await projected(),
        'unpublished',
        await db.count('SELECT count(*) AS n FROM outbox WHERE published_at IS NULL'),
        processes.map((p, i) => `process ${i}:\n${p.output().slice(-2000)}`).join('\n'),
      );
      throw error;
    });
    phase('every acknowledged meeting projected');

    const rows = await db.pool.query<{ event_id: string; n: string }>(
      `SELECT event_id, count(*) AS n FROM country_timeline WHERE event_type = 'EnvoyMeetingHeld' GROUP BY event_id`,
    );
    const perEvent = new Map(rows.rows.map((r) => [r.event_id, Number(r.n)]));
    const missing = acknowledged.filter((id) => !perEvent.has(id));
    const doubled = [...perEvent].filter(([, n]) => n !== 1).map(([id]) => id);
    const stored = await db.count(`SELECT count(*) AS n FROM events WHERE event_type = 'EnvoyMeetingHeld'`);
    // Not idempotent: an event applied twice (by both instances around a rebalance) would push it past the total.
    const counted = await db.count('SELECT coalesce(sum(entries), 0) AS n FROM country_activity');
    console.log(
      `projector group: acknowledged ${acknowledged.length} (${retried} requests retried), stored ${stored}, ` +
        `projected ${perEvent.size}, counted ${counted}, missing ${missing.length}, doubled ${doubled.length}`,
    );
    expect(missing).toEqual([]);
    expect(doubled).toEqual([]);
    expect(new Set(acknowledged).size).toBe(acknowledged.length);
    expect(stored).toBe(acknowledged.length);
    expect(perEvent.size).toBe(acknowledged.length);
    expect(counted).toBe(acknowledged.length);
  }, 180_000);
});
