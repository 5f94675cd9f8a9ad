import { describe, expect, it } from 'vitest';
import { activationOn, lifecycleOn } from './lifecycle.js';

describe('PKS lifecycle over time', () => {
  const running = { status: 'active' as const, startDate: '2026-01-01', endDate: '2026-12-31', notices: [] };

  it('activates now, later, or not at all when the period is over', () => {
    expect(activationOn('2026-01-01', '2026-12-31', '2026-03-01')).toBe('active');
    expect(activationOn('2026-01-01', '2026-12-31', '2026-11-01')).toBe('expiring');
    expect(activationOn('2026-04-01', '2027-03-31', '2026-03-01')).toBe('scheduled');
    expect(activationOn('2026-04-01', '2027-03-31', '2026-04-01')).toBe('active');
    expect(activationOn('2024-01-01', '2024-12-31', '2026-03-01')).toBe('over');
    expect(activationOn('2025-03-01', '2026-02-28', '2026-02-28')).toBe('expiring');
  });

  it('puts a scheduled PKS in force on its start date, not before', () => {
    const scheduled = { ...running, status: 'scheduled' as const, startDate: '2026-04-01', endDate: '2027-03-31' };
    expect(lifecycleOn(scheduled, '2026-03-31')).toBeNull();
    expect(lifecycleOn(scheduled, '2026-04-01')).toEqual({ status: 'active', notices: [], event: 'in_force' });
    expect(lifecycleOn(scheduled, '2027-04-01')).toEqual({ status: 'expired', notices: [], event: 'expired' });
  });

  it('marks expiring with the notices once, then expires the day after the end date', () => {
    expect(lifecycleOn(running, '2026-06-01')).toBeNull();
    expect(lifecycleOn(running, '2026-10-02')).toEqual({ status: 'expiring', notices: ['90'], event: null });
    expect(lifecycleOn({ ...running, status: 'expiring', notices: ['90'] }, '2026-10-03')).toBeNull();
    expect(lifecycleOn({ ...running, status: 'expiring', notices: ['90'] }, '2026-12-01')).toEqual({
      status: 'expiring',
      notices: ['30'],
      event: null,
    });
    expect(lifecycleOn({ ...running, notices: ['90', '30'] }, '2026-12-31')?.status).toBe('expiring');
    expect(lifecycleOn(running, '2027-01-01')).toEqual({ status: 'expired', notices: [], event: 'expired' });
    expect(lifecycleOn({ ...running, status: 'terminated' }, '2027-01-01')).toBeNull();
  });
});
