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
