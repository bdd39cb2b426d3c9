import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const SCRIPT = fileURLToPath(new URL('../../scripts/kafka.sh', import.meta.url));

/**
 * A Kafka broker of the test's own (port and data directory), so stopping it disturbs no other test. It runs
 * PLAINTEXT (no SASL, no ACLs): fault tests are about outages, and testEnv gives apps on it no credentials.
 */
export class PrivateBroker {
  readonly port = 19_100 + Math.floor(Math.random() * 400) * 2;
  readonly dataDir = mkdtempSync(join(tmpdir(), 'demarche-kafka-'));

  get address(): string {
    return `127.0.0.1:${this.port}`;
  }

  private async kafkaSh(command: 'start' | 'stop' | 'kill'): Promise<void> {
    await run('bash', [SCRIPT, command], {
      env: {
        ...process.env,
        KAFKA_PORT: String(this.port),
        KAFKA_DATA_DIR: this.dataDir,
        KAFKA_SECURITY: 'plaintext',
      },
      timeout: 150_000,
    });
  }

  start(): Promise<void> {
    return this.kafkaSh('start');
  }

  stop(): Promise<void> {
    return this.kafkaSh('stop');
  }

  kill(): Promise<void> {
    return this.kafkaSh('kill');
  }

  async destroy(): Promise<void> {
    await this.kill().catch(() => undefined);
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}
