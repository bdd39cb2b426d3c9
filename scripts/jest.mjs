// Runs jest with the Node flags its ESM mode needs (they are not jest options), and keeps the browser and fault
// tests apart: the fault tests kill and restart servers and load the machine, and the browser tests' clicks and
// waits are only as sure as the machine is quiet, so both run after the other projects, one file at a time.
//
//   node scripts/jest.mjs [--selectProjects unit integration web faults] [jest options and path patterns]
//
// Without --selectProjects every project runs. When `web` or `faults` runs with others, jest runs twice (the
// others in parallel, then `web` and `faults` in band); --json/--outputFile then get one report that adds both
// runs up.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import config from '../jest.config.js';

const SERIAL_PROJECTS = ['web', 'faults'];
const jestBin = fileURLToPath(new URL('../node_modules/jest/bin/jest.js', import.meta.url));
const flags = [
  '--experimental-vm-modules',
  '--disable-warning=ExperimentalWarning',
  '--disable-warning=TimeoutNegativeWarning',
];
const projects = config.projects.map((p) => p.displayName);

function fail(message) {
  console.error(`scripts/jest.mjs: ${message}`);
  process.exit(2);
}

/**
 * Splits off --selectProjects. Jest reads every word after it as a project name, so
 * `--selectProjects integration tests/integration/x` would run the whole project: a word that looks like a path
 * (has a `/` or a `.`) ends the list and stays a path pattern.
 */
function parse(argv) {
  const selected = [];
  const rest = [];
  let outputFile;
  let json = false;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--selectProjects') {
      while (i + 1 < argv.length && !argv[i + 1].startsWith('-') && !/[/.]/.test(argv[i + 1])) {
        i += 1;
        selected.push(argv[i]);
      }
    } else if (arg.startsWith('--selectProjects=')) {
      selected.push(arg.slice('--selectProjects='.length));
    } else if (arg === '--json') {
      json = true;
    } else if (arg === '--outputFile') {
      i += 1;
      outputFile = argv[i];
    } else if (arg.startsWith('--outputFile=')) {
      outputFile = arg.slice('--outputFile='.length);
    } else {
      rest.push(arg);
    }
  }
  const unknown = selected.filter((name) => !projects.includes(name));
  if (unknown.length > 0) fail(`unknown project(s) ${unknown.join(', ')}; one of: ${projects.join(', ')}`);
  return { selected: selected.length > 0 ? selected : projects, rest, json, outputFile };
}

/** Runs jest once; the project selection goes last, where it cannot swallow a path pattern. */
function jest(args, phase) {
  args.push(...phase.map((name) => `--selectProjects=${name}`));
  // A fault test that fails half-way can leave a killed server's client retrying; the run must still end (CI
  // has a deadline), with the failure reported, rather than wait on it.
  if (phase.some((name) => SERIAL_PROJECTS.includes(name))) args.push('--runInBand', '--forceExit');
  const result = spawnSync(process.execPath, [...flags, jestBin, ...args], { stdio: 'inherit' });
  return result.status ?? 1;
}

const { selected, rest, json, outputFile } = parse(process.argv.slice(2));
const phases = [
  selected.filter((p) => !SERIAL_PROJECTS.includes(p)),
  selected.filter((p) => SERIAL_PROJECTS.includes(p)),
].filter((phase) => phase.length > 0);

// Listing tests or showing the config runs nothing: one jest call over every selected project answers it.
if (
  phases.length === 1 ||
  rest.some((arg) => ['--listTests', '--showConfig', '--clearCache'].includes(arg))
) {
  const phase = phases.flat();
  const report = [...(json ? ['--json'] : []), ...(outputFile ? [`--outputFile=${outputFile}`] : [])];
  process.exit(jest([...report, ...rest], phase));
}

// Two runs: each writes its own report, so that the caller gets one (and "no tests found" in only one of the
// two runs, for a path pattern that names files of one project, is not a failure).
const dir = mkdtempSync(join(tmpdir(), 'demarche-jest-phases-'));
const statuses = [];
const reports = [];
try {
  for (const [index, phase] of phases.entries()) {
    if (statuses.some((s) => s !== 0) && rest.includes('--bail')) break;
    const file = join(dir, `phase-${index}.json`);
    statuses.push(jest(['--passWithNoTests', '--json', `--outputFile=${file}`, ...rest], phase));
    if (existsSync(file)) reports.push(JSON.parse(readFileSync(file, 'utf8')));
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const sum = (key) => reports.reduce((total, report) => total + (report[key] ?? 0), 0);
const merged = {
  ...reports.at(-1),
  ...Object.fromEntries(
    Object.keys(reports[0] ?? {})
      .filter((key) => key.startsWith('num'))
      .map((key) => [key, sum(key)]),
  ),
  startTime: Math.min(...reports.map((r) => r.startTime)),
  success: reports.length === phases.length && reports.every((r) => r.success),
  testResults: reports.flatMap((r) => r.testResults ?? []),
};
if (outputFile) writeFileSync(outputFile, JSON.stringify(merged));
else if (json) process.stdout.write(JSON.stringify(merged));
if (merged.numTotalTestSuites === 0 && !process.argv.includes('--passWithNoTests')) {
  console.error('No tests found in any project.');
  process.exit(1);
}
process.exit(statuses.find((s) => s !== 0) ?? 0);
