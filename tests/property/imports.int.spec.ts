import fc from 'fast-check';
import { as, officer } from '../support/auth.js';
import { contractBody, incentiveOfferBody, meetingBody } from '../support/fixtures.js';
import { type PropertyApp, startPropertyApp } from './app.js';
import { expectContract, jsonText, mutate, mutationOf, nastyString, oddValue, settings } from './support.js';

const COMMANDS = [
  { command: 'record-envoy-meeting', body: meetingBody },
  { command: 'award-contract', body: contractBody },
  { command: 'offer-incentive', body: incentiveOfferBody },
] as const;

/** A line: a valid command, one with its body mutated, or anything at all. */
const line = fc.oneof(
  fc.constantFrom(...COMMANDS).map((c) => JSON.stringify({ command: c.command, country: 'SY', ...c.body() })),
  fc
    .constantFrom(...COMMANDS)
    .chain((c) =>
      fc
        .array(mutationOf({ command: c.command, country: 'SY', ...c.body() }), { minLength: 1, maxLength: 2 })
        .map((mutations) => jsonText(mutate({ command: c.command, country: 'SY', ...c.body() }, mutations))),
    ),
  oddValue.map((v) => jsonText(v)),
  nastyString,
);

interface Report {
  lines: number;
  recorded: number;
  duplicates: number;
  rejected: number;
  errors: { line: number }[];
}

/**
 * The bulk import, a way in that writes: any file gets a 201 report or a problem, never a 5xx; each line is
 * recorded, a duplicate, or refused with its errors; and what is written is exactly the lines recorded (each of
 * these commands records one event), however many lines are refused.
 */
describe('the bulk import, given files of valid, mutated and arbitrary lines', () => {
  let app: PropertyApp;
  let run = 0;

  beforeAll(async () => {
    app = await startPropertyApp('imports');
  });

  afterAll(async () => {
    await app?.close();
  });

  const events = () => app.db.count('SELECT count(*) AS n FROM events');

  it('NDJSON: every line accounted for, nothing written for a refused line, never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(line, { minLength: 1, maxLength: 8 }), async (lines) => {
        run += 1;
        const before = await events();
        const response = await app.api.inject({
          method: 'POST',
          url: `/v1/imports?key=property-${run}`,
          headers: {
            'content-type': 'application/x-ndjson',
            ...(await as(officer('import.property', ['SY']))),
          },
          payload: lines.map((l) => l.replace(/[\r\n]+/g, ' ')).join('\n'),
        });
        const answer = {
          status: response.statusCode,
          contentType: String(response.headers['content-type'] ?? ''),
          body: response.body,
        };
        expectContract(answer, 'POST /v1/imports');
        expect(answer.status).toBe(201);
        const report = response.json() as Report;
        expect(report.recorded + report.duplicates + report.rejected).toBe(report.lines);
        expect(new Set(report.errors.map((e) => e.line)).size).toBe(report.rejected);
        expect(report.duplicates).toBe(0);
        expect(await events()).toBe(before + report.recorded);
      }),
      settings(60),
    );
  }, 300_000);

  it('CSV: any cells and columns get a report or a problem, never a 5xx, and nothing written for a refused row', async () => {
    const cell = fc.oneof(
      nastyString,
      fc.constantFrom('SY', '1', '2026-01-01', 'ran', 'sites', 'huawei', ''),
    );
    const column = fc.oneof(
      fc.constantFrom(
        'country',
        'operator',
        'units',
        'period.start',
        'value.amount',
        'envoys.0.name',
        'a..b',
      ),
      fc.constantFrom('__proto__.x', 'topics.0', 'topics.x', 'x.0', 'x.y.z'),
      nastyString,
    );
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(column, { minLength: 1, maxLength: 5 }),
        fc.array(fc.array(cell, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 4 }),
        async (columns, rows) => {
          run += 1;
          const quote = (v: string) => `"${v.replace(/"/g, '""')}"`;
          const csv = [columns, ...rows].map((r) => r.map(quote).join(',')).join('\n');
          const before = await events();
          const response = await app.api.inject({
            method: 'POST',
            url: `/v1/imports?key=property-csv-${run}&command=award-contract`,
            headers: { 'content-type': 'text/csv', ...(await as(officer('import.property', ['SY']))) },
            payload: csv,
          });
          const answer = {
            status: response.statusCode,
            contentType: String(response.headers['content-type'] ?? ''),
            body: response.body,
          };
          expectContract(answer, 'POST /v1/imports (CSV)');
          if (answer.status === 201) {
            const report = response.json() as Report;
            expect(report.recorded + report.duplicates + report.rejected).toBe(report.lines);
            expect(await events()).toBe(before + report.recorded);
          } else expect(await events()).toBe(before);
        },
      ),
      settings(60),
    );
  }, 300_000);
});
