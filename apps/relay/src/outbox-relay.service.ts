import { setTimeout as sleep } from 'node:timers/promises';
import { type BeforeApplicationShutdown, Inject, Injectable, Logger } from '@nestjs/common';
import type { AppConfig } from '#config';
import { Outbox, OutboxSignal } from '#event-store';
import { EventPublisher, engagementTopicSpecs, ensureTopics, isRefusedRecord, type Kafka } from '#messaging';
import { APP_CONFIG, KAFKA } from './tokens.js';

/**
 * How long after a notification the relay looks again for rows not yet safe to publish, and how often: from every
 * RECHECK_MS, doubling up to MAX_RECHECK_MS.
 */
const EXPECT_MS = 30_000;
const RECHECK_MS = 5;
const MAX_RECHECK_MS = 250;

/**
 * Publishes the outbox to Kafka in commit order, backing off while Kafka or Postgres is unavailable. Only a record
 * Kafka refuses for its content (see classifyPublishFailure) holds back its key; any other failure pauses the
 * whole relay and holds back nothing.
 */
@Injectable()
export class OutboxRelayService implements BeforeApplicationShutdown {
  private readonly logger = new Logger(OutboxRelayService.name);
  private readonly stopping = new AbortController();
  private loop: Promise<void> | undefined;
  private readonly publisher: EventPublisher;
  /** Rows were queued since the relay last looked: its idle pause ends at once. */
  private queued = false;
  /**
   * Until when a notified commit may still be held back by an older transaction in flight (the outbox publishes
   * only what no running transaction can precede): the relay looks again every few milliseconds meanwhile.
   */
  private expectUntil = 0;
  private wake: (() => void) | undefined;
  private readonly signal: OutboxSignal;

  constructor(
    private readonly outbox: Outbox,
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.publisher = new EventPublisher(kafka, config.publicBaseUrl);
    this.signal = new OutboxSignal(
      config.databaseUrl,
      () => {
        this.queued = true;
        this.expectUntil = Date.now() + EXPECT_MS;
        this.wake?.();
      },
      (error) => this.logger.warn(`outbox notifications lost (${error.message}); polling meanwhile`),
    );
  }

  /** Called by the bootstrap once shutdown hooks are in place, so a SIGTERM always finds work to stop. */
  start(): void {
    void this.signal.start();
    this.loop = this.run();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping.abort();
    await this.loop;
    await this.signal.close();
    await this.publisher.disconnect();
    this.logger.log('relay stopped: no batch in flight, nothing left half-published');
  }

  private async run(): Promise<void> {
    const { batchSize, pollMs, maxBackoffMs } = this.config.relay;
    const { topicPrefix, partitions, replicationFactor } = this.config.kafka;
    let topicsReady = false;
    // A failure pauses from the shorter of the poll and the longest back-off, doubling up to the longest: a relay
    // that polls rarely because notifications wake it (RELAY_POLL_MS a minute) must not sit out a whole poll
    // after one transient error (a topic's leader not yet elected), beyond RELAY_MAX_BACKOFF_MS.
    const firstBackoff = Math.min(pollMs, maxBackoffMs);
    let backoff = firstBackoff;
    let failing = false;
    let recheck = RECHECK_MS;
    while (!this.stopping.signal.aborted) {
      try {
        if (!topicsReady) {
          // One topic per classification level: each row's topic was chosen when it was appended.
          const drift = await ensureTopics(
            this.kafka,
            engagementTopicSpecs(topicPrefix, partitions, replicationFactor),
          );
          for (const warning of drift) this.logger.warn(warning);
          topicsReady = true;
        }
        const outcome = await this.outbox.relayOnce(
          batchSize,
          (messages) => this.publisher.publish(messages),
          isRefusedRecord,
        );
        // Kafka failed for reasons of its own half-way through a key-by-key round: back off like any outage.
        if (outcome.kind === 'published' && outcome.interrupted !== undefined) throw outcome.interrupted;
        if (failing) this.logger.log('publishing again');
        failing = false;
        backoff = firstBackoff;
        if (outcome.kind === 'standby') await this.pause(1_000);
        else if (outcome.count > 0) {
          this.logger.debug(`published ${outcome.count}`);
          // What was notified is out; a later notification expects again.
          this.expectUntil = 0;
          recheck = RECHECK_MS;
        } else if (Date.now() < this.expectUntil) {
          // Rows were notified but an older transaction (in any database of the server) still holds them back:
          // look again soon, less often the longer it lasts.
          await this.idle(Math.min(recheck, pollMs));
          recheck = Math.min(recheck * 2, MAX_RECHECK_MS);
        } else await this.idle(pollMs);
      } catch (error) {
        if (!failing) this.logger.warn(`relay paused: ${(error as Error).message}; retrying with backoff`);
        failing = true;
        await this.pause(backoff);
        backoff = Math.min(backoff * 2, maxBackoffMs);
      }
    }
  }

  /**
   * Waits for the outbox trigger's notification, or `ms` at most: the poll is the safety net for a lost
   * notification connection and for rows that were not yet safe to publish when their notification came.
   */
  private async idle(ms: number): Promise<void> {
    if (this.queued) {
      this.queued = false;
      return;
    }
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.stopping.signal.removeEventListener('abort', done);
        this.wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.stopping.signal.addEventListener('abort', done, { once: true });
      this.wake = done;
    });
    this.queued = false;
  }

  private async pause(ms: number): Promise<void> {
    await sleep(ms, undefined, { signal: this.stopping.signal }).catch(() => undefined);
  }
}
