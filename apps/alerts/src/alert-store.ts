import { createHash } from 'node:crypto';
import type pg from 'pg';
import { CLASSIFICATION_LEVELS, levelRank } from '#contracts';
import type { Webhook } from './config.js';
import type { KnownContract, Outcome, RaisedAlert } from './rules.js';

/**
 * The id of the alert a rule raises from a record: a UUID (version 8, RFC 9562) from a hash of both, so a record
 * read again raises the same alert and the insert finds it there.
 */
export function alertId(rule: string, sourceEventId: string): string {
  const hex = createHash('sha256').update(`${rule}\n${sourceEventId}`).digest('hex').slice(0, 32).split('');
  hex[12] = '8';
  hex[16] = ((Number.parseInt(hex[16] as string, 16) & 0x3) | 0x8).toString(16);
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** Whether a webhook receives an alert of this level and country. */
export function webhookReceives(webhook: Webhook, alert: Pick<RaisedAlert, 'classification' | 'country'>) {
  return (
    levelRank(alert.classification) >= 0 &&
    levelRank(alert.classification) <= levelRank(webhook.clearance) &&
    (webhook.countries === 'all' || webhook.countries.includes(alert.country))
  );
}

/** An alert as the service stored it. */
export interface StoredAlert extends RaisedAlert {
  readonly id: string;
  readonly raisedAt: string;
  readonly withdrawnAt: string | null;
}

/** A delivery that failed its last attempt. */
export interface DeadDelivery {
  readonly alertId: string;
  readonly webhook: string;
  readonly attempts: number;
  readonly lastAttemptAt: string | null;
  readonly lastStatus: number | null;
  readonly lastError: string | null;
  readonly deadAt: string;
  readonly alert: StoredAlert;
}

/** A delivery a sender holds: the alert and where it goes. */
export interface DueDelivery {
  readonly alert: StoredAlert;
  readonly webhook: string;
  readonly attempts: number;
}

/** What a reader may see: levels up to a rank, and some countries or all. */
export interface ReadScope {
  readonly maxRank: number;
  readonly countries: readonly string[] | 'all';
}

export interface AlertQuery {
  readonly country?: string;
  readonly rule?: string;
  readonly since?: string;
  readonly includeWithdrawn: boolean;
  readonly limit: number;
  /** The `seq` of the last alert of the previous page (newest first). */
  readonly after?: string;
}

const ALERT_COLUMNS = `a.id, a.rule, a.country, a.classification, a.subject, a.title, a.detail, a.occurred_at,
  a.raised_at, a.source_event_id, a.source_type, a.withdrawn_at, a.seq`;

interface AlertRow {
  id: string;
  rule: string;
  country: string;
  classification: string;
  subject: string;
  title: string;
  detail: Record<string, unknown>;
  occurred_at: Date;
  raised_at: Date;
  source_event_id: string;
  source_type: string;
  withdrawn_at: Date | null;
  seq: string;
}

function alertOf(row: AlertRow): StoredAlert & { seq: string } {
  return {
    id: row.id,
    rule: row.rule as RaisedAlert['rule'],
    country: row.country,
    classification: row.classification,
    subject: row.subject,
    title: row.title,
    detail: row.detail,
    occurredAt: row.occurred_at.toISOString(),
    raisedAt: row.raised_at.toISOString(),
    sourceEventId: row.source_event_id,
    sourceType: row.source_type,
    withdrawnAt: row.withdrawn_at?.toISOString() ?? null,
    seq: row.seq,
  };
}

const LEVELS = `ARRAY[${CLASSIFICATION_LEVELS.map((l) => `'${l}'`).join(', ')}]`;

/** The alerts service's tables (schema `alerts`, migration 1764086400019). Every value goes in as a parameter. */
export class AlertStore {
  constructor(
    private readonly pool: pg.Pool,
    private readonly webhooks: readonly Webhook[],
  ) {}

  async contract(contractId: string): Promise<KnownContract | undefined> {
    const { rows } = await this.pool.query<KnownContract>(
      `SELECT contract_id AS "contractId", country, domain, classification
       FROM alerts.contracts WHERE contract_id = $1`,
      [contractId],
    );
    return rows[0];
  }

  /**
   * Records what one record meant, in one transaction: the contract it names, each alert it raises (once: a
   * repeat finds the alert there and queues no delivery again) with a delivery to every webhook cleared for it,
   * and the withdrawal of alerts whose source event was retracted. Returns the ids of the alerts new here.
   */
  async record(outcome: Outcome, topic: string): Promise<string[]> {
    if (outcome.alerts.length === 0 && !outcome.contract && !outcome.retractedEventId) return [];
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const { contract, retractedEventId } = outcome;
      if (contract) {
        await client.query(
          `INSERT INTO alerts.contracts (contract_id, country, domain, classification) VALUES ($1, $2, $3, $4)
           ON CONFLICT (contract_id) DO NOTHING`,
          [contract.contractId, contract.country, contract.domain, contract.classification],
        );
      }
      const raised: string[] = [];
      for (const alert of outcome.alerts) {
        const id = alertId(alert.rule, alert.sourceEventId);
        const { rowCount } = await client.query(
          `INSERT INTO alerts.alerts (id, rule, country, classification, subject, title, detail, occurred_at,
             source_event_id, source_type, source_topic)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT (id) DO NOTHING`,
          [
            id,
            alert.rule,
            alert.country,
            alert.classification,
            alert.subject,
            alert.title,
            JSON.stringify(alert.detail),
            alert.occurredAt,
            alert.sourceEventId,
            alert.sourceType,
            topic,
          ],
        );
        if (rowCount === 0) continue;
        raised.push(id);
        const to = this.webhooks.filter((w) => webhookReceives(w, alert)).map((w) => w.name);
        if (to.length > 0)
          await client.query(
            'INSERT INTO alerts.deliveries (alert_id, webhook) SELECT $1, unnest($2::text[]) ON CONFLICT DO NOTHING',
            [id, to],
          );
      }
      if (retractedEventId) {
        await client.query(
          'UPDATE alerts.alerts SET withdrawn_at = now() WHERE source_event_id = $1 AND withdrawn_at IS NULL',
          [retractedEventId],
        );
      }
      await client.query('COMMIT');
      return raised;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  /** Alerts a reader may see, newest first, with the cursor of the next page. */
  async list(scope: ReadScope, query: AlertQuery): Promise<{ alerts: StoredAlert[]; next: string | null }> {
    const { rows } = await this.pool.query<AlertRow>(
      `SELECT ${ALERT_COLUMNS} FROM alerts.alerts a
       WHERE array_position(${LEVELS}, a.classification) - 1 <= $1
         AND ($2::text[] IS NULL OR a.country = ANY($2::text[]))
         AND ($3::text IS NULL OR a.country = $3)
         AND ($4::text IS NULL OR a.rule = $4)
         AND ($5::timestamptz IS NULL OR a.occurred_at >= $5)
         AND ($6 OR a.withdrawn_at IS NULL)
         AND ($7::bigint IS NULL OR a.seq < $7)
       ORDER BY a.seq DESC LIMIT $8`,
      [
        scope.maxRank,
        scope.countries === 'all' ? null : scope.countries,
        query.country ?? null,
        query.rule ?? null,
        query.since ?? null,
        query.includeWithdrawn,
        query.after ?? null,
        query.limit + 1,
      ],
    );
    const page = rows.slice(0, query.limit).map(alertOf);
    const next = rows.length > query.limit ? (page.at(-1)?.seq ?? null) : null;
    return { alerts: page.map(({ seq: _seq, ...alert }) => alert), next };
  }

  /** Deliveries that failed their last attempt, newest first. */
  async deadDeliveries(limit: number): Promise<DeadDelivery[]> {
    const { rows } = await this.pool.query<
      AlertRow & {
        webhook: string;
        attempts: number;
        last_attempt_at: Date | null;
        last_status: number | null;
        last_error: string | null;
        dead_at: Date;
      }
    >(
      `SELECT ${ALERT_COLUMNS}, d.webhook, d.attempts, d.last_attempt_at, d.last_status, d.last_error, d.dead_at
       FROM alerts.deliveries d JOIN alerts.alerts a ON a.id = d.alert_id
       WHERE d.status = 'dead' ORDER BY d.dead_at DESC, d.alert_id LIMIT $1`,
      [limit],
    );
    return rows.map((row) => {
      const { seq: _seq, ...alert } = alertOf(row);
      return {
        alertId: row.id,
        webhook: row.webhook,
        attempts: row.attempts,
        lastAttemptAt: row.last_attempt_at?.toISOString() ?? null,
        lastStatus: row.last_status,
        lastError: row.last_error,
        deadAt: row.dead_at.toISOString(),
        alert,
      };
    });
  }

  /** Puts a dead delivery back in the queue, due now, with its attempts counted afresh. False: no such one. */
  async retryDead(alertId: string, webhook: string): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      `UPDATE alerts.deliveries SET status = 'pending', attempts = 0, next_attempt_at = now(), dead_at = NULL
       WHERE alert_id = $1 AND webhook = $2 AND status = 'dead'`,
      [alertId, webhook],
    );
    return rowCount === 1;
  }

  /**
   * Takes up to `limit` due deliveries for `leaseMs`: they are not due again until then, so another sender (or
   * this one after a crash) retries one whose outcome was never recorded. A receiver may see an alert twice and
   * de-duplicates by its id.
   */
  async claimDue(limit: number, leaseMs: number): Promise<DueDelivery[]> {
    const { rows } = await this.pool.query<AlertRow & { webhook: string; attempts: number }>(
      `WITH due AS (
         SELECT alert_id, webhook FROM alerts.deliveries
         WHERE status = 'pending' AND next_attempt_at <= now()
         ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED
       ), held AS (
         UPDATE alerts.deliveries d SET next_attempt_at = now() + make_interval(secs => $2::double precision / 1000)
         FROM due WHERE d.alert_id = due.alert_id AND d.webhook = due.webhook
         RETURNING d.alert_id, d.webhook, d.attempts
       )
       SELECT ${ALERT_COLUMNS}, held.webhook, held.attempts FROM held JOIN alerts.alerts a ON a.id = held.alert_id`,
      [limit, leaseMs],
    );
    return rows.map((row) => {
      const { seq: _seq, ...alert } = alertOf(row);
      return { alert, webhook: row.webhook, attempts: row.attempts };
    });
  }

  async delivered(alertId: string, webhook: string, status: number): Promise<void> {
    await this.pool.query(
      `UPDATE alerts.deliveries SET status = 'delivered', attempts = attempts + 1, last_attempt_at = now(),
         last_status = $3, last_error = NULL, delivered_at = now()
       WHERE alert_id = $1 AND webhook = $2 AND status = 'pending'`,
      [alertId, webhook, status],
    );
  }

  /** A failed attempt: due again after `retryInMs`, or dead when that was the last attempt (null). */
  async failed(
    alertId: string,
    webhook: string,
    failure: { status: number | null; error: string },
    retryInMs: number | null,
  ): Promise<void> {
    await this.pool.query(
      `UPDATE alerts.deliveries SET attempts = attempts + 1, last_attempt_at = now(), last_status = $3,
         last_error = $4,
         status = CASE WHEN $5::double precision IS NULL THEN 'dead' ELSE 'pending' END,
         dead_at = CASE WHEN $5::double precision IS NULL THEN now() END,
         next_attempt_at = CASE WHEN $5::double precision IS NULL THEN next_attempt_at
           ELSE now() + make_interval(secs => $5::double precision / 1000) END
       WHERE alert_id = $1 AND webhook = $2 AND status = 'pending'`,
      [alertId, webhook, failure.status, failure.error.slice(0, 500), retryInMs],
    );
  }
}
