import { createHmac } from 'node:crypto';
import { Logger } from '@nestjs/common';
import type { AlertStore, DueDelivery, StoredAlert } from './alert-store.js';
import type { AlertsConfig, Webhook } from './config.js';

/** Headers of a webhook POST. The signature covers `<timestamp>.<body>`, so a replayed body with a new time fails. */
export const WEBHOOK_HEADERS = {
  signature: 'x-demarche-signature',
  timestamp: 'x-demarche-timestamp',
  alertId: 'x-demarche-alert-id',
  attempt: 'x-demarche-attempt',
} as const;

/** `sha256=<hex HMAC-SHA256 of "<timestamp>.<body>" keyed with the webhook's secret>`. */
export function webhookSignature(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/**
 * The wait before the next attempt after `failures` failed ones (1 or more): exponential from `base`, doubling,
 * capped; null when no attempt is left (the delivery is dead).
 */
export function nextAttemptInMs(
  failures: number,
  policy: Pick<AlertsConfig['delivery'], 'maxAttempts' | 'backoffMs' | 'maxBackoffMs'>,
): number | null {
  if (failures >= policy.maxAttempts) return null;
  return Math.min(policy.maxBackoffMs, policy.backoffMs * 2 ** (failures - 1));
}

/** The body a webhook receives: the alert as GET /v1/alerts shows it. */
export function webhookBody(alert: StoredAlert): string {
  return JSON.stringify(alert);
}

/**
 * Sends due deliveries: polls the queue, POSTs each alert to its webhook signed, records the outcome. A 2xx
 * answer delivers; anything else (another status, a timeout, a refused connection) is retried with exponential
 * back-off until the last attempt, after which the delivery is on the dead-letter list.
 */
export class WebhookSender {
  private readonly log = new Logger('WebhookSender');
  private readonly byName: ReadonlyMap<string, Webhook>;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly store: AlertStore,
    private readonly config: AlertsConfig,
  ) {
    this.byName = new Map(config.webhooks.map((w) => [w.name, w]));
  }

  start(): void {
    if (this.config.webhooks.length === 0) return;
    const tick = () => {
      this.running = this.sendDue()
        .then(() => undefined)
        .catch((error: unknown) =>
          this.log.warn({ msg: 'sending alerts failed; trying again', error: `${error}` }),
        )
        .finally(() => {
          if (!this.stopped) this.timer = setTimeout(tick, this.config.delivery.pollMs);
        });
    };
    tick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** One round: every delivery due now (up to 20), sent in parallel. */
  async sendDue(): Promise<number> {
    const { timeoutMs } = this.config.delivery;
    const due = await this.store.claimDue(20, timeoutMs * 2 + 5_000);
    await Promise.all(due.map((delivery) => this.send(delivery)));
    return due.length;
  }

  private async send({ alert, webhook: name, attempts }: DueDelivery): Promise<void> {
    const webhook = this.byName.get(name);
    if (!webhook) {
      // Taken out of the configuration since it was queued: dead at once, for an operator to see.
      await this.store.failed(alert.id, name, { status: null, error: 'no such webhook configured' }, null);
      return;
    }
    const body = webhookBody(alert);
    const timestamp = String(Math.floor(Date.now() / 1000));
    let failure: { status: number | null; error: string };
    try {
      const response = await fetch(webhook.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [WEBHOOK_HEADERS.signature]: webhookSignature(webhook.secret, timestamp, body),
          [WEBHOOK_HEADERS.timestamp]: timestamp,
          [WEBHOOK_HEADERS.alertId]: alert.id,
          [WEBHOOK_HEADERS.attempt]: String(attempts + 1),
        },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.config.delivery.timeoutMs),
      });
      await response.body?.cancel();
      if (response.status >= 200 && response.status < 300) {
        await this.store.delivered(alert.id, name, response.status);
        return;
      }
      failure = { status: response.status, error: `answered ${response.status}` };
    } catch (error) {
      failure = { status: null, error: (error as Error).message };
    }
    const retryIn = nextAttemptInMs(attempts + 1, this.config.delivery);
    await this.store.failed(alert.id, name, failure, retryIn);
    this.log.warn({
      msg:
        retryIn === null
          ? 'webhook delivery dead after its last attempt'
          : 'webhook delivery failed; will retry',
      alertId: alert.id,
      webhook: name,
      attempt: attempts + 1,
      ...failure,
      ...(retryIn === null ? {} : { retryInMs: retryIn }),
    });
  }
}
