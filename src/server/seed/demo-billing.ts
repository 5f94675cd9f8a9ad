/**
 * Demo data of PNBP billing (issue 12), seeded on first start after the demo's access: the demo bank (the only
 * profit-oriented demo institution) has one prepaid payment recorded by its office — a SIMPONI billing code, a
 * proof of deposit, the decision on the signed record — so its balance (Rp1.000.000.000, a million NIK at the
 * web-service tariff) carries the demo, the browser tests and `npm run bench` without a refusal.
 */
import type { Kysely } from 'kysely';
import type { Config } from '../config.js';
import type { DB } from '../db/schema.js';
import { newId } from '../lib/ids.js';
import { demoBankId } from '../modules/access/fixtures.js';
import { recordDecision } from '../modules/access/audit/decisions.js';
import { storeFile } from '../modules/files/files.service.js';
import { renderRecordPdf } from '../modules/documents/record-pdf.js';
import { insertPayment, institutionOf, officeOf } from '../modules/billing/billing.repository.js';
import { rupiah } from '../../domain/billing/statement.js';

/** The demo bank's prepaid balance at first start. */
export const DEMO_PREPAID_RUPIAH = 1_000_000_000;
/** The demo payment's SIMPONI billing code. */
export const DEMO_BILLING_CODE = '820261201000001';

/** Seeds the feature's demo data. */
export async function seedDemoBilling(db: Kysely<DB>, config: Config, now: Date): Promise<void> {
  const bankId = await demoBankId(db);
  if (!bankId) return;
  const bank = await institutionOf(db, bankId);
  if (!bank) return;
  const office = await officeOf(db, bank.office_id);
  const paidOn = now.toISOString().slice(0, 10);
  const proof = await renderRecordPdf({
    issuer: 'SIMPONI — Kementerian Keuangan',
    title: 'BUKTI PENERIMAAN NEGARA',
    subtitle: 'PNBP pemanfaatan data kependudukan (demo)',
    rows: [
      ['Kode billing', DEMO_BILLING_CODE],
      ['Wajib bayar', bank.name],
      ['Jumlah setoran', rupiah(DEMO_PREPAID_RUPIAH)],
      ['Tanggal bayar', paidOn],
    ],
    footer: 'Dokumen contoh untuk data demo Gerbang.',
    createdAt: now,
  });
  await db.transaction().execute(async (trx) => {
    const file = await storeFile({ config, now: () => now }, trx, {
      bytes: proof,
      filename: 'bukti-setor-pnbp.pdf',
      contentType: 'application/pdf',
      uploadedBy: null,
      orgKind: 'office',
      orgId: bank.office_id,
    });
    const id = newId();
    await insertPayment(trx, {
      id,
      institution_id: bankId,
      billing_code: DEMO_BILLING_CODE,
      amount_rupiah: DEMO_PREPAID_RUPIAH,
      paid_on: paidOn,
      proof_file_id: file.id,
      note: `Deposit PNBP prabayar, dicatat ${office?.name ?? 'Dinas'} (demo).`,
      recorded_by: 'system',
      recorded_at: now.toISOString(),
    });
    await recordDecision(
      trx,
      now,
      { kind: 'system' },
      {
        action: 'billing.payment',
        institutionId: bankId,
        detail: {
          paymentId: id,
          billingCode: DEMO_BILLING_CODE,
          amountRupiah: DEMO_PREPAID_RUPIAH,
          paidOn,
          proofFileId: file.id,
          proofSha256: file.sha256,
        },
      },
    );
  });
}
