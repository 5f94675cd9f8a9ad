/**
 * SQLite only: the request path's own connection — warehouse lookups and the audit group commit, both with
 * statements prepared once (Kysely compiles and re-prepares every query). One connection for both because a
 * connection's own commits keep its page cache while another's empty it. Never holds a transaction across an
 * await; busy_timeout 0 so it never sleeps the event loop in SQLite's busy handler (the writer retries on a timer).
 * When serving, its WAL checkpoints run on a worker thread (db/wal-checkpointer.ts), not in a group commit.
 */
import BetterSqlite3 from 'better-sqlite3';
import { startWalCheckpointer, type WalCheckpointer } from '../../../db/wal-checkpointer.js';

/** The hot connection, opened at first use (the file exists once migrations ran). */
export class HotSqlite {
  private hot: BetterSqlite3.Database | null = null;
  private checkpointer: WalCheckpointer | null = null;

  constructor(
    private readonly file: string,
    private readonly serving?: { warn: (message: string) => void },
  ) {}

  /** The connection. */
  connection(): BetterSqlite3.Database {
    if (!this.hot) {
      const sqlite = new BetterSqlite3(this.file, { fileMustExist: true });
      sqlite.pragma('journal_mode = WAL');
      sqlite.pragma('synchronous = NORMAL');
      sqlite.pragma('busy_timeout = 0');
      sqlite.pragma('cache_size = -131072');
      const serving = this.serving;
      if (serving)
        this.checkpointer = startWalCheckpointer(this.file, sqlite, {
          onError: (e) => serving.warn(`WAL checkpoints are back on the request path: ${e.message}`),
        });
      this.hot = sqlite;
    }
    return this.hot;
  }

  /** Stops the checkpointer and closes the connection. */
  async close(): Promise<void> {
    await this.checkpointer?.stop();
    this.checkpointer = null;
    this.hot?.close();
    this.hot = null;
  }
}
