import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { useBrowser } from './browser';
import { loadConfig } from '../src/server/config';
import { readTrustFile } from '../src/server/modules/access/audit/keys';
import { verifyInclusionBundle, type InclusionProofBundle } from '../src/domain/audit/heads';

/** What the demo seed writes to DATA_DIR/demo.json about the demo resident (seed/demo-resident.ts). */
interface DemoResident {
  resident: { nik: string; kk: string; birthDate: string; motherName: string; accesses: number };
}

function poll<T>(fn: () => Promise<T> | T) {
  return expect.poll(fn, { timeout: 10_000, interval: 200 });
}

describe('the resident’s view: who read my data, with proof', () => {
  const browser = useBrowser();
  const dataDir = inject('dataDir');
  const demo = () => (JSON.parse(readFileSync(path.join(dataDir, 'demo.json'), 'utf8')) as DemoResident).resident;

  it('a wrong KK gets the generic answer; the demo resident sees their accesses, downloads a proof and reports one', async () => {
    const page = browser.page();
    const r = demo();
    expect(r.accesses).toBeGreaterThan(0);
    await page.goto('/login');
    await page.getByTestId('login-resident').click();
    await page.waitForURL('**/warga');

    const fill = async (kk: string) => {
      await page.getByTestId('resident-nik').fill(r.nik);
      await page.getByTestId('resident-kk').fill(kk);
      await page.getByTestId('resident-birth-date').fill(r.birthDate);
      await page.getByTestId('resident-mother').fill(r.motherName.toLowerCase());
      await page.getByTestId('resident-submit').click();
    };
    // 1. A wrong No KK: the one generic answer, nothing listed.
    await fill(r.kk.slice(0, 15) + String((Number(r.kk.slice(15)) + 1) % 10));
    await poll(() => page.getByTestId('resident-not-matched').isVisible()).toBe(true);
    expect(await page.getByTestId('resident-not-matched').textContent()).toContain('Data tidak cocok');
    expect(await page.getByTestId('resident-access-row').count()).toBe(0);

    // 2. The right details: the accesses, in words.
    await fill(r.kk);
    await poll(() => page.getByTestId('resident-access-row').count()).toBeGreaterThanOrEqual(r.accesses);
    const first = page.getByTestId('resident-access-row').first();
    const text = (await first.textContent()) ?? '';
    expect(text).toMatch(/pukul \d{2}\.\d{2} WI(B|TA|T)/);
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
    expect(await first.getByTestId('resident-pks-link').getAttribute('href')).toMatch(/^\/register\?q=/);

    // 3. A proof downloads as the JSON `gerbang audit verify-proof` reads, and verifies with the pinned keys.
    const [download] = await Promise.all([page.waitForEvent('download'), first.getByTestId('resident-proof').click()]);
    const file = await download.path();
    const proof = JSON.parse(readFileSync(file, 'utf8')) as InclusionProofBundle;
    const keys = readTrustFile(loadConfig({ DATA_DIR: dataDir }).auditTrustFile);
    expect(verifyInclusionBundle(proof, keys)).toEqual({ ok: true });
    await page.getByText('Data verifikasi: kepala pohon yang ditandatangani').click();
    await poll(() => page.getByTestId('resident-head').isVisible()).toBe(true);

    // 4. "Saya tidak mengenali akses ini": the report is sent and the access marked.
    await first.getByTestId('resident-report').click();
    await page.getByTestId('resident-report-text').fill('Saya tidak pernah berurusan dengan lembaga ini.');
    await page.getByTestId('resident-report-send').click();
    await poll(() => page.getByTestId('resident-report-sent').isVisible()).toBe(true);
    await poll(() => first.getByTestId('resident-reported').isVisible()).toBe(true);

    // 5. On a phone, the accesses are cards.
    await page.setViewportSize({ width: 390, height: 844 });
    await poll(() => page.getByTestId('resident-access-card').first().isVisible()).toBe(true);
  }, 60_000);
});
