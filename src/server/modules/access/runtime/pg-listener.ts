/**
 * PostgreSQL only: one dedicated connection per serving process LISTENing for access changes
 * (access-changes.ts). A notification drops the process's grant cache. When the connection drops, the cache is
 * dropped and the listener reconnects (every 500 ms until it succeeds); meanwhile the 1 s TTL bounds staleness.
 */
import pg from 'pg';
import { ACCESS_CHANNEL } from './access-changes.js';

/** The listener. */
export class AccessChangeListener {
  private client: pg.Client | null = null;
  private retry: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    private readonly url: string,
    private readonly onChange: () => void,
    private readonly warn: (message: string) => void,
  ) {}

  /** Connects and LISTENs; a failure is told and retried, never thrown (the TTL still holds). */
  async start(): Promise<void> {
    try {
      await this.connect();
    } catch (e) {
      this.warn(`access-change listener: ${(e as Error).message}; retrying`);
      this.scheduleRetry();
    }
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.url });
    client.on('notification', (m) => {
      if (m.channel === ACCESS_CHANNEL) this.onChange();
    });
    client.on('error', (e) => {
      this.warn(`access-change listener: ${e.message}`);
      this.lost(client);
    });
    client.on('end', () => this.lost(client));
    await client.connect();
    await client.query(`LISTEN ${ACCESS_CHANNEL}`);
    if (this.stopped) {
      await client.end();
      return;
    }
    this.client = client;
    this.onChange(); // whatever was announced while no one listened
  }

  private lost(client: pg.Client): void {
    if (this.client !== client) return;
    this.client = null;
    this.onChange();
    client.end().catch(() => undefined);
    this.scheduleRetry();
  }

  private scheduleRetry(): void {
    if (this.stopped || this.retry) return;
    this.retry = setTimeout(() => {
      this.retry = null;
      this.connect().catch((e: unknown) => {
        this.warn(`access-change listener: ${(e as Error).message}; retrying`);
        this.scheduleRetry();
      });
    }, 500);
    this.retry.unref();
  }

  /** Stops listening. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
    const c = this.client;
    this.client = null;
    await c?.end().catch(() => undefined);
  }
}
