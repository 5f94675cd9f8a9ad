/**
 * The daily quota counters of one process: calls counted per grant on its office-local day, in memory, loaded
 * from `access_usage` at a grant's first call of a day and persisted with the audit group commit (take/restore).
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { quotaDay, quotaDayNumber } from '../../../../domain/grant/grant.js';
import type { CountedCall } from '../audit/audit-log.js';
import { usageOn } from '../provisioning/grant.repository.js';
import type { LiveGrant } from './live-grant.js';

interface Usage {
  day: number;
  count: number;
  /** What an entry of a call counted today carries to the audit batch (one object per grant and day). */
  counted: CountedCall;
}

/** Per-grant counters of the current quota day. */
export class UsageCounter {
  private usage = new Map<string, Usage>();

  constructor(private readonly db: () => Kysely<DB>) {}

  /** Calls already counted today for this grant, or undefined when the day's counter must be loaded. */
  usedToday(grant: LiveGrant, now: number): number | undefined {
    const u = this.usage.get(grant.id);
    return u && u.day === quotaDayNumber(grant.compiled, now) ? u.count : undefined;
  }

  /** Loads the day's counter from the database (first call of a grant, or a new day). */
  async load(grant: LiveGrant, now: number): Promise<number> {
    const day = quotaDayNumber(grant.compiled, now);
    const current = this.usage.get(grant.id);
    if (current && current.day === day) return current.count;
    const dayText = quotaDay(grant.compiled, now);
    const count = await usageOn(this.db(), grant.id, dayText);
    const again = this.usage.get(grant.id);
    if (again && again.day === day) return again.count; // another request loaded it meanwhile
    this.usage.set(grant.id, { day, count, counted: { grantId: grant.id, day: dayText } });
    return count;
  }

  /**
   * Counts one call (after the checks passed) in memory; the persisted counter grows with the call's audit entry
   * (AuditLog.append's `counted`), in the batch that commits it.
   */
  count(grant: LiveGrant): CountedCall | undefined {
    const u = this.usage.get(grant.id);
    if (!u) return undefined; // load always runs first; nothing to count against otherwise
    u.count++;
    return u.counted;
  }
}
