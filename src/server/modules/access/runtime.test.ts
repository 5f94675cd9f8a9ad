import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, freshDatabase } from '../../../../test/harness.js';
import { ensureReferenceData } from '../../seed/reference.js';
import { seedDemo } from '../../seed/demo.js';
import { AccessRuntime } from './runtime.js';
import { BANK_ELEMENTS, dayOffset, insertActivePks, demoBankId } from './fixtures.js';
import { createGrant, setGrantStatus } from './provisioning/provisioning.service.js';

describe.each(DIALECTS)('the access runtime grant cache on %s', (kind) => {
  let fresh: Awaited<ReturnType<typeof freshDatabase>>;
  let rt: AccessRuntime;
  let grantId = '';
  let userId = '';
  const ctx = { clientIp: null };
  beforeAll(async () => {
    fresh = await freshDatabase(kind);
    const now = new Date();
    await ensureReferenceData(fresh.database.db, now);
    await seedDemo(fresh.database.db, now);
    const bankId = (await demoBankId(fresh.database.db)) ?? '';
    const pks = await insertActivePks(fresh.database.db, {
      institutionId: bankId,
      startDate: dayOffset(now, -1),
      endDate: dayOffset(now, 30),
      now,
    });
    rt = new AccessRuntime({ db: fresh.database.db, config: fresh.config, now: () => new Date() });
    await rt.init();
    const created = await createGrant({ rt, now: () => new Date() }, 'system', ctx, pks.id, {
      kind: 'web_service',
      environment: 'trial',
      elements: BANK_ELEMENTS,
      ipAllow: ['127.0.0.1'],
    });
    grantId = created.grant.id;
    userId = created.grant.userId ?? '';
  });
  afterAll(async () => {
    await rt.close();
    await fresh.drop();
  });

  it('serves concurrent loads of one credential from one query', async () => {
    rt.invalidate({ id: grantId, user_id: userId });
    const loads = await Promise.all(Array.from({ length: 20 }, () => rt.loadByUser(userId)));
    expect(loads[0]?.id).toBe(grantId);
    expect(new Set(loads).size).toBe(1); // the same object: one load shared, not twenty
    expect(rt.cachedByUser(userId)).toBe(loads[0]);
  });

  it('drops the cached copy on a provisioning change: the next request sees it', async () => {
    expect((await rt.loadByUser(userId))?.compiled.status).toBe('active');
    await setGrantStatus({ rt, now: () => new Date() }, 'system', ctx, grantId, 'suspended', 'uji');
    expect(rt.cachedByUser(userId)).toBeUndefined();
    expect((await rt.loadByUser(userId))?.compiled.status).toBe('suspended');
    await setGrantStatus({ rt, now: () => new Date() }, 'system', ctx, grantId, 'active', null);
    expect((await rt.loadByUser(userId))?.compiled.status).toBe('active');
  });
});
