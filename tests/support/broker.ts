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

/**
 * A three-broker KRaft cluster of the test's own (`scripts/kafka.sh cluster`: combined broker+controller nodes,
 * a 3-voter quorum, internal topics replicated three times, broker default min.insync.replicas=2), on private
 * ports and data directories, PLAINTEXT like PrivateBroker. Nodes are numbered 1 to 3, as their Kafka node ids.
 */
export class PrivateCluster {
  readonly ports: readonly number[];
  readonly dir = mkdtempSync(join(tmpdir(), 'demarche-kafka-cluster-'));

  constructor() {
    // Client ports two apart (each node's controller listens on port+1), away from PrivateBroker's range.
    const base = 19_600 + Math.floor(Math.random() * 130) * 6;
    this.ports = [base, base + 2, base + 4];
  }

  /** Every node's client address, comma-separated: KAFKA_BROKERS for the apps. */
  get addresses(): string {
    return this.ports.map((port) => `127.0.0.1:${port}`).join(',');
  }

  /** The Kafka node id listening on a client port (as kafkajs' metadata names leaders by node id). */
  nodeOf(port: number): number {
    const index = this.ports.indexOf(port);
    if (index < 0) throw new Error(`no node of this cluster listens on ${port}`);
    return index + 1;
  }

  private async cluster(command: 'start' | 'stop' | 'kill', node?: number): Promise<void> {
    await run('bash', [SCRIPT, 'cluster', command, ...(node === undefined ? [] : [String(node)])], {
      env: {
        ...process.env,
        KAFKA_CLUSTER_PORTS: this.ports.join(','),
        KAFKA_CLUSTER_DIR: this.dir,
        KAFKA_SECURITY: 'plaintext',
        // Three JVMs beside the apps on a small machine.
        KAFKA_HEAP_OPTS: process.env.KAFKA_HEAP_OPTS ?? '-Xms128m -Xmx384m',
      },
      timeout: 180_000,
    });
  }

  /** Starts every node (or one again, the others running) and waits until ready. */
  start(node?: number): Promise<void> {
    return this.cluster('start', node);
  }

  stop(node?: number): Promise<void> {
    return this.cluster('stop', node);
  }

  /** SIGKILLs every node, or one. */
  kill(node?: number): Promise<void> {
    return this.cluster('kill', node);
  }

  async destroy(): Promise<void> {
    await this.kill().catch(() => undefined);
    rmSync(this.dir, { recursive: true, force: true });
  }
}
