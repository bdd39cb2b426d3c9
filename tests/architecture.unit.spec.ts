import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cruise, type ICruiseResult, type IViolation } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const FIXTURES = join(ROOT, 'tests/fixtures/layers');

/** Cruises `dirs` under `baseDir` with the project's own rules (.dependency-cruiser.cjs). */
async function cruiseWithProjectRules(baseDir: string, dirs: string[]): Promise<ICruiseResult> {
  const options = await extractDepcruiseOptions(join(ROOT, '.dependency-cruiser.cjs'));
  const { output } = await cruise(dirs, { ...options, baseDir });
  return output as ICruiseResult;
}

/** The modules a violation is about: its source, and for a cycle every module on it. */
function modulesOf(violation: IViolation): string[] {
  return [violation.from, ...(violation.cycle ?? []).map((hop) => hop.name)];
}

/** TypeScript sources; not declarations (the web app's API types are emitted into apps/web/src/api/generated). */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts'))
    .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)));
}

describe('layer rules (.dependency-cruiser.cjs)', () => {
  // Each fixture named breaks-<rule>[.<case>].ts breaks exactly that rule; the other fixtures break none.
  const fixtures = sourceFiles(FIXTURES).map((file) => relative('tests/fixtures/layers', file));
  const breaking = fixtures.filter((file) => /(^|\/)breaks-/.test(file));
  let violations: readonly IViolation[];

  beforeAll(async () => {
    violations = (await cruiseWithProjectRules(FIXTURES, ['apps', 'libs'])).summary.violations;
  }, 60_000);

  it.each(breaking)('reports %s under the rule it is named for', (file) => {
    const rule = /(?:^|\/)breaks-([a-z-]+)/.exec(file)?.[1];
    const reported = violations.filter((v) => modulesOf(v).includes(file)).map((v) => v.rule.name);
    expect(reported).toContain(rule);
    expect(new Set(reported)).toEqual(new Set([rule]));
  });

  it('reports nothing about the fixtures that keep the rules', () => {
    const offenders = violations.flatMap(modulesOf).filter((file) => !/(^|\/)breaks-/.test(file));
    expect(offenders).toEqual([]);
    // The controls do exist: controllers and apps/api/src/http import Fastify, an app joins both libs.
    expect(fixtures).toEqual(
      expect.arrayContaining([
        'apps/api/src/things/do-thing.http.controller.ts',
        'apps/api/src/http/problem.ts',
        'apps/relay/src/relay.ts',
      ]),
    );
  });

  it('holds a fixture for every rule of the config', async () => {
    const options = await extractDepcruiseOptions(join(ROOT, '.dependency-cruiser.cjs'));
    const rules = (options.ruleSet?.forbidden ?? []).map((rule) => rule.name);
    const proven = new Set(breaking.map((file) => /(?:^|\/)breaks-([a-z-]+)/.exec(file)?.[1]));
    expect(rules.filter((rule) => !proven.has(rule))).toEqual([]);
  });
});

/**
 * Tables libs/event-store owns (migrations 1764086400000_event-store.sql, …_idempotency-keys.sql). Apps read and
 * write them only through libs/event-store's functions. SQL text is not an import, so dependency-cruiser cannot
 * see it: this reads the sources instead.
 */
const EVENT_STORE_TABLES = ['events', 'outbox', 'streams', 'idempotency_keys'];
const RAW_EVENT_STORE_SQL = new RegExp(
  `\\b(?:FROM|JOIN|INTO|UPDATE|TABLE|TRUNCATE)\\s+(?:ONLY\\s+)?(?:public\\.)?"?(?:${EVENT_STORE_TABLES.join('|')})"?(?![\\w.])`,
  'gi',
);

/**
 * Known breaches, each waiting for its move into libs/event-store. A fixed file must leave this list (the test
 * says so), and nothing may join it.
 */
const KNOWN_RAW_SQL: Readonly<Record<string, string>> = {};

function withoutComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
}

/** apps/** files whose code (comments aside) holds SQL on an event-store table, with the statements found. */
function rawEventStoreSql(): Record<string, string[]> {
  const found: Record<string, string[]> = {};
  for (const file of sourceFiles(join(ROOT, 'apps'))) {
    const hits = withoutComments(readFileSync(join(ROOT, file), 'utf8')).match(RAW_EVENT_STORE_SQL);
    if (hits) found[file] = hits;
  }
  return found;
}

describe('event-store tables are reached only through libs/event-store', () => {
  it('finds the statements it looks for', () => {
    const sql = ['SELECT 1 FROM events e', 'INSERT INTO outbox (a)', 'UPDATE streams SET', 'join "events" x'];
    expect(sql.filter((s) => s.match(RAW_EVENT_STORE_SQL))).toEqual(sql);
    const notIt = ['FROM events_archive', 'FROM projection_parked_streams', '// FROM events'];
    expect(notIt.filter((s) => withoutComments(s).match(RAW_EVENT_STORE_SQL))).toEqual([]);
  });

  it('has no SQL on events, outbox, streams or idempotency_keys in apps/', () => {
    const found = rawEventStoreSql();
    const unknown = Object.fromEntries(Object.entries(found).filter(([file]) => !(file in KNOWN_RAW_SQL)));
    expect(unknown).toEqual({});
    // A known breach that is gone leaves the list, so the list stays the to-do it claims to be.
    expect(Object.keys(KNOWN_RAW_SQL).filter((file) => !(file in found))).toEqual([]);
  });
});
