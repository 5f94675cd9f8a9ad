/** Table types of the billing feature (issue 12, PNBP fees; migration 0020). Amounts are whole rupiah. */
import type { BillingMethod } from '../../domain/billing/tariffs.js';

/** A tariff per billing method, in force from its date until the next one of that method. */
export interface BillingTariffTable {
  id: string;
  /** web_service, web_portal, fingerprint, face (domain/billing/tariffs.ts). */
  method: BillingMethod;
  amount_rupiah: number;
  /** YYYY-MM-DD (office-local day of the call). */
  effective_from: string;
  legal_basis: string;
  created_by: string | null;
  created_at: string;
}

/** A prepaid payment, recorded by the institution's office (or pusat) as a decision. */
export interface BillingPaymentTable {
  id: string;
  institution_id: string;
  /** SIMPONI kode billing, unique. */
  billing_code: string;
  amount_rupiah: number;
  /** YYYY-MM-DD the payment was made. */
  paid_on: string;
  proof_file_id: string | null;
  note: string;
  recorded_by: string;
  recorded_at: string;
}

/** Billable answers per institution, office-local day, method and unit tariff (written with the audit batch). */
export interface BillingChargeTable {
  institution_id: string;
  day: string;
  /** A BillingMethod: the audit batch writes `billingMethodOf` of the call (access/gateway/gateway.service.ts). */
  method: string;
  unit_rupiah: number;
  count: number;
  amount_rupiah: number;
}

/** The billing tables. */
export interface BillingTables {
  billing_tariffs: BillingTariffTable;
  billing_payments: BillingPaymentTable;
  billing_charges: BillingChargeTable;
}
