import pg from 'pg';

/** The channel the outbox trigger (migration 1764086400022) notifies when rows are queued. */
export const OUTBOX_CHANNEL = 'demarche_outbox';

/**
 * Listens for the outbox trigger's notifications on a connection of its own and calls `onQueued` for each, so the
 * relay publishes a commit as soon as it lands instead of at its next poll. A lost connection is opened again
 * after `retryMs`; meanwhile the relay's poll keeps everything moving, only less promptly.
 */
export class OutboxSignal {
  private client: pg.Client | undefined;
  private closed = false;
  private retry: NodeJS.Timeout | undefined;
  /** Told once when the connection is lost, not again for each failed retry until it is back. */
  private failing = false;

  constructor(
    private readonly connectionString: string,
    private readonly onQueued: () => void,
    private readonly onError: (error: Error) => void = () => undefined,
    private readonly retryMs = 1_000,
  ) {}

  async start(): Promise<void> {
    if (this.closed) return;
    const client = new pg.Client({ connectionString: this.connectionString });
    client.on('notification', () => this.onQueued());
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client, new Error('the notification connection closed')));
    this.client = client;
    try {
      await client.connect();
      await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
      this.failing = false;
      // Rows queued while nobody listened: one wake-up covers them all.
      this.onQueued();
    } catch (error) {
      this.lost(client, error as Error);
    }
  }

  private lost(client: pg.Client, error: Error): void {
    if (this.client !== client) return;
    this.client = undefined;
    client.end().catch(() => undefined);
    if (this.closed) return;
    if (!this.failing) this.onError(error);
    this.failing = true;
    this.retry = setTimeout(() => void this.start(), this.retryMs);
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retry);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }
}
