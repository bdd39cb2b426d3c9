import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const SPECTRAL = join(process.cwd(), 'node_modules', '.bin', 'spectral');

/** What Spectral's CLI says of a document: its exit status and every finding of severity error. */
export interface SpectralVerdict {
  readonly status: number;
  readonly errors: string[];
}

/**
 * Lints `document` with the Spectral CLI (a tool we did not write) against a ruleset extending `ruleset`
 * (`spectral:oas`, `spectral:asyncapi`), failing on errors only.
 */
export async function spectral(
  document: unknown,
  ruleset: 'spectral:oas' | 'spectral:asyncapi',
): Promise<SpectralVerdict> {
  const dir = mkdtempSync(join(tmpdir(), 'demarche-spectral-'));
  try {
    const file = join(dir, 'document.json');
    writeFileSync(file, JSON.stringify(document, null, 2));
    writeFileSync(join(dir, '.spectral.json'), JSON.stringify({ extends: [[ruleset, 'all']] }));
    const result = await run(
      SPECTRAL,
      ['lint', '--ruleset', join(dir, '.spectral.json'), '--fail-severity=error', '--format', 'json', file],
      { maxBuffer: 64 * 1024 * 1024 },
    ).then(
      (ok) => ({ stdout: ok.stdout, code: 0 }),
      (error: { stdout?: string; code?: number }) => ({ stdout: error.stdout ?? '', code: error.code ?? 1 }),
    );
    const findings = JSON.parse(result.stdout.trim() || '[]') as Array<{
      code: string;
      severity: number;
      path: string[];
      message: string;
    }>;
    return {
      status: result.code,
      errors: findings
        .filter((f) => f.severity === 0)
        .map((f) => `${f.code} ${f.path.join('.')}: ${f.message}`),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
