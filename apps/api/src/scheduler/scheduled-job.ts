/** The principal every scheduled job acts as: `recordedBy` on what it records. */
export const SCHEDULER_PRINCIPAL = 'system:scheduler';

/** Injection token for the jobs the scheduler runs (see JOBS in scheduler.module.ts). */
export const SCHEDULED_JOBS = Symbol('SCHEDULED_JOBS');

/** What a run hands each job. */
export interface JobContext {
  /** The instant the run judges "due" by: one for every job of the run. */
  readonly now: Date;
  /** Ties together the commands of one run (their correlationId). */
  readonly correlationId: string;
  /** Aborted when the API shuts down: stop between items; what is done stays done. */
  readonly signal: AbortSignal;
}

/** What a job did in one run, for the log and /metrics. */
export interface JobOutcome {
  /** Items acted on. */
  readonly done: number;
  /** Items found already handled (a run before a crash, an officer meanwhile). */
  readonly skipped: number;
  /** Items that failed; logged one by one, and tried again next run. */
  readonly failed: number;
}

/**
 * Time-based work the API's scheduler runs every interval, never in two replicas at once (it holds an advisory
 * lock). A job records through the CommandBus like any HTTP command, as SCHEDULER_PRINCIPAL, and must be safe to
 * run again after a crash (an idempotency key per item), since the lock guards runs, not items.
 */
export interface ScheduledJob {
  /** A stable name, for logs and the `job` label on /metrics. */
  readonly name: string;
  run(context: JobContext): Promise<JobOutcome>;
}
