import { describe, expect, it } from 'vitest';
import { parseBillingCode } from './billing-code.js';
import { buildStatement, monthRange, rupiah } from './statement.js';
import { billingMethodOf, isBillable, isChargeable, PP10_2023_TARIFFS, tariffOn, type Tariff } from './tariffs.js';

describe('PNBP rules', () => {
  const tariffs: Tariff[] = [
    { method: 'web_service', amountRupiah: 1000, effectiveFrom: '2023-01-01' },
    { method: 'web_service', amountRupiah: 1500, effectiveFrom: '2027-01-01' },
    { method: 'fingerprint', amountRupiah: 2000, effectiveFrom: '2023-01-01' },
  ];

  it('prices a call by the tariff in force on its day', () => {
    expect(tariffOn(tariffs, 'web_service', '2026-12-31')).toBe(1000);
    expect(tariffOn(tariffs, 'web_service', '2027-01-01')).toBe(1500);
    expect(tariffOn(tariffs, 'fingerprint', '2022-12-31')).toBeNull();
    expect(tariffOn(tariffs, 'face', '2026-12-31')).toBeNull();
    expect(PP10_2023_TARIFFS).toEqual({ web_service: 1000, web_portal: 1000, fingerprint: 2000, face: 3000 });
  });

  it('maps channels to the PP methods and bills only answered calls of chargeable grants', () => {
    expect(billingMethodOf('web_service', false)).toBe('web_service');
    expect(billingMethodOf('web_portal', false)).toBe('web_portal');
    expect(billingMethodOf('card_reader', true)).toBe('fingerprint');
    expect(billingMethodOf('card_reader', false)).toBe('web_service');
    expect(['01', '11', '13', '14', '05', '20', null].map(isBillable)).toEqual([
      true,
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
    expect(isChargeable(true, 'production')).toBe(true);
    expect(isChargeable(true, 'trial')).toBe(false);
    expect(isChargeable(false, 'production')).toBe(false);
  });

  it('accepts SIMPONI PNBP billing codes only', () => {
    expect(parseBillingCode('820220922465628')).toBe('820220922465628');
    expect(parseBillingCode('8202 2092 2465 628')).toBe('820220922465628');
    expect(parseBillingCode('020220922465628')).toBeNull();
    expect(parseBillingCode('82022092246562')).toBeNull();
    expect(parseBillingCode('82022092246562x')).toBeNull();
  });

  it('builds statements whose closing is opening + payments − charges', () => {
    const s = buildStatement(
      '2026-12',
      { paymentsRupiah: 10_000, chargesRupiah: 4_000 },
      [{ id: 'p', billingCode: '820220922465628', amountRupiah: 5_000, paidOn: '2026-12-03' }],
      [
        { method: 'web_service', unitRupiah: 1000, count: 3, amountRupiah: 3000 },
        { method: 'fingerprint', unitRupiah: 2000, count: 1, amountRupiah: 2000 },
      ],
    );
    expect(s).toMatchObject({ openingRupiah: 6_000, paymentsRupiah: 5_000, chargesRupiah: 5_000, billableCalls: 4 });
    expect(s.closingRupiah).toBe(6_000);
    expect(monthRange('2026-12')).toEqual({ from: '2026-12-01', to: '2027-01-01' });
    expect(rupiah(1250000)).toBe('Rp1.250.000');
  });
});
