// Runs first under whatever Node npm started (possibly the machine's old one): installs dependencies when they
// are missing or stale, then re-runs the calling script on the Node pinned in package.json (node_modules/.bin/node).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const PINNED_NODE = join(ROOT, 'node_modules', '.bin', 'node');
const MIN_MAJOR = 24;

function installed() {
  const marker = join(ROOT, 'node_modules', '.package-lock.json');
  const lock = join(ROOT, 'package-lock.json');
  return existsSync(marker) && existsSync(PINNED_NODE) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs;
}

/** Makes sure dependencies are installed and this process runs on the pinned Node; may re-exec and exit. */
export async function bootstrap(scriptUrl) {
  if (!installed()) {
    console.log('[demarche] installing dependencies (npm ci)…');
    const npm = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: ROOT, stdio: 'inherit' });
    if (npm.status !== 0) process.exit(npm.status ?? 1);
  }
  const major = Number(process.versions.node.split('.')[0]);
  if (major < MIN_MAJOR) {
    const child = spawn(PINNED_NODE, [fileURLToPath(scriptUrl), ...process.argv.slice(2)], {
      stdio: 'inherit',
    });
    // Whoever signals this process (npm, a CI runner) means the re-executed script.
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
    const [code, signal] = await new Promise((resolve) => child.once('exit', (...args) => resolve(args)));
    process.exit(code ?? (signal ? 1 : 0));
  }
}
