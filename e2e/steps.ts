import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { minimalPdf } from './pdf';

/** Logs out through the header button. */
export async function logout(page: Page): Promise<void> {
  await page.getByTestId('logout').click();
  await page.waitForURL('**/login');
}

/** From the inbox, opens the task of the given case at the given step. */
export async function openFromInbox(page: Page, caseNumber: string, stepId: string): Promise<void> {
  await page.getByTestId('nav-inbox').click();
  const row = page.locator(`[data-testid="inbox-row"][data-case-number="${caseNumber}"][data-step="${stepId}"]`);
  await expect.poll(() => row.count()).toBe(1);
  await row.click();
  await page.waitForURL('**/cases/*');
  await expect.poll(() => page.locator(`[data-testid="task-panel"][data-step="${stepId}"]`).isVisible()).toBe(true);
}

/** Attaches a PDF for the named required document of the open task. */
export async function attach(page: Page, docType: string): Promise<void> {
  const item = page.locator(`[data-testid="kelengkapan-item"][data-doc-type="${docType}"]`);
  await expect.poll(() => item.count()).toBe(1);
  await item
    .locator('input[type="file"]')
    .setInputFiles({ name: 'dokumen.pdf', mimeType: 'application/pdf', buffer: minimalPdf(docType) });
  await expect.poll(() => item.getByText('dokumen.pdf').isVisible()).toBe(true);
}

/** From Perjanjian, opens the PKS of the named institution and waits for its access section (beside the PKS). */
export async function openAgreementOf(page: Page, institution: string) {
  await page.getByTestId('nav-agreements').click();
  const row = page.locator('[data-testid="agreement-row"]', { hasText: institution });
  await expect.poll(() => row.count()).toBe(1);
  await row.click();
  await page.waitForURL('**/agreements/*');
  const section = page.getByTestId('access-section');
  await expect.poll(() => section.isVisible()).toBe(true);
  return section;
}

/** Ticks every check (kelengkapan of type cek) the open task asks its holder to confirm. */
export async function confirmAll(page: Page): Promise<void> {
  const boxes = page.getByTestId('task-confirmation');
  await expect.poll(() => boxes.count()).toBeGreaterThan(0);
  for (const box of await boxes.all()) await box.check();
}

/** Completes the open task and waits for its step to show as done on the case page. */
export async function completeAndWait(page: Page, stepId: string): Promise<void> {
  await page.getByTestId('task-complete').click();
  await expect
    .poll(() => page.locator(`[data-testid="step-row"][data-step="${stepId}"]`).last().getAttribute('data-status'))
    .toBe('done');
}

/**
 * As the institution's head (already signed in), fills a complete application to Kebumen and submits it: the
 * submission opens its case and completes step 1. Returns the application's address and the case number.
 */
export async function submitApplication(
  page: Page,
  purpose: string,
  applicant: { name: string; ipRange: string; officeCode: string } = {
    name: 'Dinas Sosial Kabupaten Kebumen',
    ipRange: '203.0.113.20/32',
    officeCode: '33.05',
  },
): Promise<{ applicationUrl: string; caseNumber: string }> {
  await page.goto('/applications/new');
  await expect.poll(() => page.getByTestId('application-form').isVisible()).toBe(true);
  await page.getByTestId('application-user-name').fill(applicant.name);
  await page.getByTestId('application-purpose').fill(purpose);
  for (const code of ['nik', 'nama_lengkap']) {
    await page.getByTestId('application-elements').click();
    await page.getByTestId(`element-option-${code}`).click();
  }
  await page.keyboard.press('Escape');
  await page.getByTestId('method-web_service').check();
  await page.getByTestId('application-data-balikan').fill('Status kelayakan');
  await page.getByTestId('application-duration').fill('12');
  await page.getByTestId('application-volume').fill('100');
  await page.getByTestId('application-ip-ranges').fill(applicant.ipRange);
  await page
    .getByTestId('application-letter-file')
    .setInputFiles({ name: 'surat-permohonan.pdf', mimeType: 'application/pdf', buffer: minimalPdf('Surat') });
  await expect.poll(() => page.getByTestId('application-letter-file-done').isVisible()).toBe(true);
  await page.getByTestId('application-submit').click();
  await page.waitForURL(/\/applications\/(?!new)[^/]+$/);
  await expect.poll(() => page.getByTestId('application-case').isVisible()).toBe(true);
  const caseNumber = (await page.getByTestId('application-case-number').textContent()) ?? '';
  expect(caseNumber.startsWith(`${applicant.officeCode}/`)).toBe(true);
  expect(caseNumber).toMatch(/\/\d{4}\/\d{4}$/);
  return { applicationUrl: page.url(), caseNumber };
}
