import type { AppConfig } from '#config';
import { type RunningApps, startApps } from '../support/apps.js';
import { as, officer } from '../support/auth.js';
import { recorded } from '../support/commands.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { testConfig, uniqueName } from '../support/env.js';
import { contractBody, incentiveOfferBody, meetingBody } from '../support/fixtures.js';
import { awaitProjected } from '../support/record.js';

interface Report {
  id: string;
  status: string;
  lines: number;
  recorded: number;
  duplicates: number;
  rejected: number;
  errors: { line: number; status: number; field: string | null; message: string }[];
}

const SYRIA_OFFICER = officer('import.officer', ['SY']);

/** A bulk import through POST /v1/imports: every line through its command's own route, good ones kept. */
describe('bulk import', () => {
  let db: TestDatabase;
  let config: AppConfig;
  let apps: RunningApps;

  beforeAll(async () => {
    db = await createTestDatabase();
    config = testConfig({ databaseUrl: db.url, topicPrefix: uniqueName('imports') });
    apps = await startApps(config);
  });

  afterAll(async () => {
    await apps?.close();
    await db?.drop();
  });

  async function importFile(
    payload: string,
    query: string,
    contentType = 'application/x-ndjson',
    identity = SYRIA_OFFICER,
  ) {
    const response = await apps.api.inject({
      method: 'POST',
      url: `/v1/imports?${query}`,
      headers: { 'content-type': contentType, ...(await as(identity)) },
      payload,
    });
    return { status: response.statusCode, headers: response.headers, body: response.json() as Report };
  }

  const ndjson = (lines: unknown[]) =>
    lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n');
  const events = () => db.count('SELECT count(*) AS n FROM events');

  const mixed = ndjson([
    { command: 'record-envoy-meeting', country: 'SY', ...meetingBody() },
    {
      command: 'record-envoy-meeting',
      country: 'SY',
      ...meetingBody({ location: '', occurredAt: 'yesterday' }),
    },
    '',
    '{"command": "record-envoy-meeting", ',
    { command: 'hold-a-party', country: 'SY' },
    { command: 'award-contract', country: 'sy', ...contractBody() },
    { command: 'record-envoy-meeting', country: 'IQ', ...meetingBody() },
    { command: 'offer-incentive', country: 'SY', ...incentiveOfferBody(), unknownField: 1 },
    { command: 'offer-incentive', country: 'SY', ...incentiveOfferBody() },
  ]);

  it('records the good lines, and reports each bad one with its line, field and message', async () => {
    const before = await events();
    const { status, headers, body } = await importFile(mixed, 'key=ministry-2019.ndjson');
    expect(status).toBe(201);
    expect(headers.location).toBe(`/v1/imports/${body.id}`);
    expect(body).toMatchObject({ status: 'done', lines: 8, recorded: 3, duplicates: 0, rejected: 5 });
    const byLine = (line: number) => body.errors.filter((e) => e.line === line);
    expect(
      byLine(2)
        .map((e) => e.field)
        .sort(),
    ).toEqual(['location', 'occurredAt']);
    expect(byLine(2).every((e) => e.status === 400)).toBe(true);
    expect(byLine(4)[0]?.message).toMatch(/^not JSON/);
    expect(byLine(5)).toEqual([expect.objectContaining({ field: 'command' })]);
    expect(byLine(7)).toEqual([
      expect.objectContaining({ status: 403, message: expect.stringContaining('IQ') }),
    ]);
    expect(byLine(8)).toEqual([expect.objectContaining({ status: 400, field: 'unknownField' })]);
    expect(body.errors.map((e) => e.line)).toEqual([...body.errors.map((e) => e.line)].sort((a, b) => a - b));
    expect(await events()).toBe(before + 3);

    // An imported entry is a logged one: same event, recorded by the caller, on the timeline.
    const logged = await recorded(apps.api, '/v1/countries/SY/meetings', meetingBody());
    const { rows } = await db.pool.query<{
      data: Record<string, unknown>;
      recorded_by: string;
      event_id: string;
    }>(
      `SELECT data, recorded_by, event_id FROM events WHERE event_type = 'EnvoyMeetingHeld' ORDER BY global_position`,
    );
    const [imported, direct] = rows;
    const { meetingId: _a, ...importedData } = imported?.data ?? {};
    const { meetingId: _b, ...directData } = direct?.data ?? {};
    expect(importedData).toEqual(directData);
    expect(imported?.recorded_by).toBe('import.officer');
    expect(direct?.event_id).toBe(logged.eventId);
    await awaitProjected(db);
    expect(
      await db.count('SELECT count(*) AS n FROM country_timeline WHERE country = $1', ['SY']),
    ).toBeGreaterThanOrEqual(4);
  });

  it('records nothing twice when the same file runs again, and keeps lines fixed since', async () => {
    const before = await events();
    const again = await importFile(mixed, 'key=ministry-2019.ndjson');
    expect(again.body).toMatchObject({ lines: 8, recorded: 0, duplicates: 3, rejected: 5 });
    expect(await events()).toBe(before);
    // Line 2 fixed in place: recorded now; the rest still duplicates.
    const fixed = mixed
      .split('\n')
      .map((text, i) =>
        i === 1 ? JSON.stringify({ command: 'record-envoy-meeting', country: 'SY', ...meetingBody() }) : text,
      )
      .join('\n');
    const third = await importFile(fixed, 'key=ministry-2019.ndjson');
    expect(third.body).toMatchObject({ recorded: 1, duplicates: 3, rejected: 4 });
    expect(await events()).toBe(before + 1);

    const latest = await apps.api.inject({
      method: 'GET',
      url: '/v1/imports?key=ministry-2019.ndjson',
      headers: await as(SYRIA_OFFICER),
    });
    expect(latest.json()).toMatchObject({ id: third.body.id, recorded: 1 });
    const other = await apps.api.inject({
      method: 'GET',
      url: `/v1/imports/${third.body.id}`,
      headers: await as(officer('someone.else', ['SY'])),
    });
    expect(other.statusCode).toBe(404);
  });

  it('imports CSV of one command, with dotted columns for nested fields and typed as the route takes them', async () => {
    const csv = [
      'country,operator,vendorId,domain,generation,units,unitKind,value.amount,value.currency,financing,period.start,period.end,description,occurredAt',
      'SY,Syriatel,nokia,ran,5G,250,sites,12000000.50,USD,,2026-01-01,2030-12-31,Synthetic CSV contract.,2026-01-01T00:00:00Z',
      'SY,Syriatel,nokia,ran,5G,lots,sites,1,USD,,2026-01-01,,Synthetic.,2026-01-01T00:00:00Z',
      'SY,Syriatel,nokia,ran',
      'SY,MTN Syria,ericsson,transport,5G,40,units,,,,2026-02-01,,Synthetic CSV contract.,2026-02-01T00:00:00Z',
    ].join('\n');
    const { status, body } = await importFile(csv, 'key=contracts.csv&command=award-contract', 'text/csv');
    expect(status).toBe(201);
    expect(body).toMatchObject({ recorded: 2, rejected: 2 });
    expect(body.errors.find((e) => e.line === 3)).toMatchObject({ field: 'units' });
    expect(body.errors.some((e) => e.line >= 4 && e.field === null)).toBe(true);
    const { rows } = await db.pool.query<{ data: { units: number; value: unknown; period: unknown } }>(
      `SELECT data FROM events WHERE event_type = 'ContractAwarded' AND data->>'operator' = 'Syriatel' AND data->>'vendorId' = 'nokia'`,
    );
    expect(rows[0]?.data).toMatchObject({
      units: 250,
      value: { minor: '1200000050', currency: 'USD' },
      period: { start: '2026-01-01', end: '2030-12-31' },
    });

    const noCommand = await importFile(csv, 'key=contracts.csv', 'text/csv');
    expect(noCommand.status).toBe(400);
  });

  it('keys records by a column the file names, wherever they stand', async () => {
    const first = ndjson([
      { command: 'record-envoy-meeting', country: 'SY', ref: 'M-1', ...meetingBody({ location: 'Homs' }) },
      { command: 'record-envoy-meeting', country: 'SY', ref: 'M-2', ...meetingBody({ location: 'Aleppo' }) },
    ]);
    const second = ndjson([
      { command: 'record-envoy-meeting', country: 'SY', ref: 'M-3', ...meetingBody({ location: 'Latakia' }) },
      { command: 'record-envoy-meeting', country: 'SY', ref: 'M-2', ...meetingBody({ location: 'Aleppo' }) },
      { command: 'record-envoy-meeting', country: 'SY', ...meetingBody({ location: 'Idlib' }) },
    ]);
    expect((await importFile(first, 'key=a.ndjson&keyColumn=ref')).body).toMatchObject({ recorded: 2 });
    const { body } = await importFile(second, 'key=b.ndjson&keyColumn=ref');
    expect(body).toMatchObject({ recorded: 1, duplicates: 1, rejected: 1 });
    expect(body.errors).toEqual([expect.objectContaining({ line: 3, field: 'ref' })]);
  });

  it('refuses other media types, a missing key, and callers who do not record', async () => {
    const json = await apps.api.inject({
      method: 'POST',
      url: '/v1/imports?key=x',
      headers: { 'content-type': 'application/json', ...(await as(SYRIA_OFFICER)) },
      payload: '{}',
    });
    expect(json.statusCode).toBe(415);
    expect((await importFile('', '')).status).toBe(400);
    const leadership = await importFile(mixed, 'key=x', 'application/x-ndjson', {
      sub: 'lead',
      role: 'leadership',
      clearance: 'secret',
    });
    expect(leadership.status).toBe(403);
    // NDJSON is taken on the import route only.
    const elsewhere = await apps.api.inject({
      method: 'POST',
      url: '/v1/countries/SY/meetings',
      headers: { 'content-type': 'application/x-ndjson', ...(await as(SYRIA_OFFICER)) },
      payload: JSON.stringify(meetingBody()),
    });
    expect(elsewhere.statusCode).toBe(415);
  });
});
