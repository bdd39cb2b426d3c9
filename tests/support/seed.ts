import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { officer, token } from './auth.js';

/** Runs `npm run seed`'s script against the API; answers its exit code and output. */
export async function seed(api: string): Promise<{ code: number | null; output: string }> {
  // The seed records as a desk officer for its two countries, with a token the test's key signs.
  const seedToken = await token(officer('seed.script', ['SY', 'IQ']));
  return new Promise((resolve, reject) => {
    const script = fileURLToPath(new URL('../../scripts/seed.mjs', import.meta.url));
    const child = spawn(process.execPath, [script], {
      env: { ...process.env, API_URL: api, SEED_TOKEN: seedToken },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}
