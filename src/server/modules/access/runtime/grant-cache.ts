/**
 * The compiled grants one process holds for the request path, by web-service user id and by grant id.
 *
 * Freshness: every write that can narrow access announces it (access-changes.ts) and the cache is dropped after
 * the write commits and before its response returns — in this process directly, in every other process by a
 * PostgreSQL notification delivered on commit. A copy older than GRANT_TTL_MS is reloaded anyway: a safety net for
 * a notification lost while a listener reconnects, never the mechanism. A load that started before an
 * invalidation (the generation moved) answers the requests already waiting for it but is not cached.
 */
import type { LiveGrant } from './live-grant.js';

/** How old a cached grant may be before it is reloaded (the safety net behind invalidation). */
export const GRANT_TTL_MS = 1000;

/** Loads one grant from the database. */
export type GrantLoader = (by: { id: string } | { userId: string }) => Promise<LiveGrant | null>;

/** The grant cache. */
export class GrantCache {
  private byUser = new Map<string, { grant: LiveGrant | null; loadedAt: number }>();
  private byId = new Map<string, LiveGrant>();
  private loading = new Map<string, Promise<LiveGrant | null>>();
  /** Bumped by every invalidation: a load that started before one does not fill the cache. */
  private generation = 0;

  constructor(private readonly load: GrantLoader) {}

  /** The cached grant of a web-service user id: undefined when it must be (re)loaded. */
  cachedByUser(userId: string): LiveGrant | null | undefined {
    const hit = this.byUser.get(userId);
    if (!hit || Date.now() - hit.loadedAt > GRANT_TTL_MS) return undefined;
    return hit.grant;
  }

  /**
   * Loads a grant by web-service user id into the cache (null, cached too, when there is none). Calls that
   * arrive while a load of the same user id is in flight share it: when the cached copy expires under load,
   * one query refreshes it instead of one per waiting request.
   */
  loadByUser(userId: string): Promise<LiveGrant | null> {
    let pending = this.loading.get(userId);
    if (!pending) {
      const load: Promise<LiveGrant | null> = this.fetchByUser(userId).finally(() => {
        if (this.loading.get(userId) === load) this.loading.delete(userId);
      });
      this.loading.set(userId, load);
      pending = load;
    }
    return pending;
  }

  private async fetchByUser(userId: string): Promise<LiveGrant | null> {
    const generation = this.generation;
    const grant = await this.load({ userId });
    if (generation === this.generation) {
      if (grant) this.byId.set(grant.id, grant);
      // Bound the negative cache: unknown user ids are attacker-chosen.
      if (this.byUser.size > 100_000) this.byUser.clear();
      this.byUser.set(userId, { grant, loadedAt: Date.now() });
    }
    return grant;
  }

  /** A grant by id (devices, portal operators), from the cache when fresh. */
  async grantById(id: string): Promise<LiveGrant | null> {
    const hit = this.byId.get(id);
    if (hit && Date.now() - hit.loadedAt <= GRANT_TTL_MS) return hit;
    const generation = this.generation;
    const grant = await this.load({ id });
    if (!grant) return null;
    if (generation === this.generation) {
      this.byId.set(id, grant);
      if (grant.userId) this.byUser.set(grant.userId, { grant, loadedAt: grant.loadedAt });
    }
    return grant;
  }

  /** Drops one grant: the next request rebuilds it from the database. */
  invalidate(grant: { id: string; user_id?: string | null }): void {
    this.generation++;
    const live = this.byId.get(grant.id);
    for (const userId of [live?.userId, grant.user_id]) {
      if (!userId) continue;
      this.loading.delete(userId);
      this.byUser.delete(userId);
    }
    this.byId.delete(grant.id);
  }

  /** Drops every grant (an institution, an agreement or another process changed something). */
  invalidateAll(): void {
    this.generation++;
    this.loading.clear();
    this.byUser.clear();
    this.byId.clear();
  }
}
