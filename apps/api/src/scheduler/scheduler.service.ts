import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import pg from 'pg';
import { Counter } from 'prom-client';
import type { AppConfig } from '#config';
import { APP_CONFIG } from '../infrastructure/tokens.js';
import { MetricsService } from '../metrics/metrics.service.js';
import { type JobOutcome, SCHEDULED_JOBS, type ScheduledJob } from './scheduled-job.js';
import { RELEASE_SCHEDULER_LOCK, TRY_SCHEDULER_LOCK } from './scheduler.sql.js';

/** What one run did: `standby` when another replica held the lock, so this one ran nothing. */
export type SchedulerRun =
  | { readonly kind: 'standby' }
  | {
      readonly kind: 'ran';
      readonly correlationId: string;
      readonly jobs: readonly ({ readonly job: string } & (JobOutcome | { readonly error: string }))[];
    };

/**
 * The one scheduler for the API's time-based work. Every `SCHEDULER_INTERVAL_MS` (0: never; tests call runOnce)
 * it takes the scheduler's advisory lock on a connection of its own and, if no other replica holds it, runs
 * each job in turn, as the system principal. Shutdown stops it between items and waits for the run in flight.
 */
@Injectable()
export class SchedulerService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(SchedulerService.name);
  private readonly stopping = new AbortController();
  private loop: Promise<void> | undefined;
  /** Runs in this process, one after another (an interval tick and a direct runOnce never overlap). */
  private running: Promise<unknown> = Promise.resolve();
  private readonly runs: Counter<'outcome'>;
  private readonly jobRuns: Counter<'job' | 'outcome'>;
  private readonly jobItems: Counter<'job' | 'result'>;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(SCHEDULED_JOBS) private readonly jobs: readonly ScheduledJob[],
    metrics: MetricsService,
  ) {
    const registers = [metrics.registry];
    this.runs = new Counter({
      name: 'demarche_scheduler_runs_total',
      help: 'Scheduler runs: ran (held the lock), standby (another replica did), failed (no lock to be had)',
      labelNames: ['outcome'] as const,
      registers,
    });
    this.jobRuns = new Counter({
      name: 'demarche_scheduler_job_runs_total',
      help: 'Scheduled job runs by job and outcome (ok, error)',
      labelNames: ['job', 'outcome'] as const,
      registers,
    });
    this.jobItems = new Counter({
      name: 'demarche_scheduler_job_items_total',
      help: 'Items scheduled jobs handled, by job and result (done, skipped, failed)',
      labelNames: ['job', 'result'] as const,
      registers,
    });
  }

  onApplicationBootstrap(): void {
    const { intervalMs } = this.config.scheduler;
    if (intervalMs === 0) return;
    this.loop = this.every(intervalMs);
    this.logger.log(`scheduler started: ${this.jobs.map((j) => j.name).join(', ')} every ${intervalMs} ms`);
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping.abort();
    await this.loop;
    await this.running.catch(() => undefined);
  }

  /** Runs every job once now, unless another replica holds the lock; answers what was done. */
  runOnce(now: Date = new Date()): Promise<SchedulerRun> {
    const run = this.running
      .catch(() => undefined)
      .then(() => this.lockedRun(now))
      .catch((error: unknown) => {
        this.runs.inc({ outcome: 'failed' });
        throw error;
      });
    this.running = run;
    return run;
  }

  private async every(intervalMs: number): Promise<void> {
    for (;;) {
      await sleep(intervalMs, undefined, { signal: this.stopping.signal }).catch(() => undefined);
      if (this.stopping.signal.aborted) return;
      await this.runOnce().catch((error: Error) => {
        this.logger.warn(`scheduler run failed: ${error.message}; trying again next interval`);
      });
    }
  }

  private async lockedRun(now: Date): Promise<SchedulerRun> {
    const client = new pg.Client({ connectionString: this.config.databaseUrl });
    // A connection lost mid-run also rejects the query in flight; unheard, this event would crash the process.
    client.on('error', (error) => this.logger.warn(`scheduler connection lost: ${error.message}`));
    await client.connect();
    try {
      const { rows } = await client.query<{ locked: boolean }>(TRY_SCHEDULER_LOCK);
      if (!rows[0]?.locked) {
        this.runs.inc({ outcome: 'standby' });
        this.logger.debug('scheduler standby: another replica is running the jobs');
        return { kind: 'standby' };
      }
      try {
        return await this.runJobs(now);
      } finally {
        await client.query(RELEASE_SCHEDULER_LOCK).catch(() => undefined);
      }
    } finally {
      await client.end().catch(() => undefined);
    }
  }

  private async runJobs(now: Date): Promise<SchedulerRun> {
    const correlationId = randomUUID();
    const jobs: Extract<SchedulerRun, { kind: 'ran' }>['jobs'][number][] = [];
    for (const job of this.jobs) {
      if (this.stopping.signal.aborted) break;
      const started = Date.now();
      try {
        const outcome = await job.run({ now, correlationId, signal: this.stopping.signal });
        jobs.push({ job: job.name, ...outcome });
        this.jobRuns.inc({ job: job.name, outcome: 'ok' });
        for (const result of ['done', 'skipped', 'failed'] as const)
          if (outcome[result] > 0) this.jobItems.inc({ job: job.name, result }, outcome[result]);
        const line = `scheduled job ${job.name}: ${outcome.done} done, ${outcome.skipped} skipped, ${outcome.failed} failed in ${Date.now() - started} ms (correlation ${correlationId})`;
        if (outcome.failed > 0) this.logger.warn(line);
        else this.logger.log(line);
      } catch (error) {
        jobs.push({ job: job.name, error: (error as Error).message });
        this.jobRuns.inc({ job: job.name, outcome: 'error' });
        this.logger.error(`scheduled job ${job.name} failed: ${(error as Error).message}`);
      }
    }
    this.runs.inc({ outcome: 'ran' });
    return { kind: 'ran', correlationId, jobs };
  }
}
