/** Request and response shapes of PNBP billing. */
import { Type } from '@sinclair/typebox';
import { Id, Line, Nullable, OneOf } from '../../http/schemas.js';
import { BILLING_METHODS } from '../../../domain/billing/tariffs.js';

const Rupiah = Type.Integer({ minimum: 0, description: 'whole rupiah' });
const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' });

export const BillingMethodSchema = OneOf(BILLING_METHODS, {
  description: 'PP 10/2023 method: web service, web portal, fingerprint, face',
});

export const TariffOut = Type.Object({
  id: Type.String(),
  method: BillingMethodSchema,
  amountRupiah: Rupiah,
  effectiveFrom: Type.String(),
  legalBasis: Type.String(),
  createdAt: Type.String(),
});

export const TariffIn = Type.Object(
  {
    method: BillingMethodSchema,
    amountRupiah: Type.Integer({ minimum: 0, maximum: 100_000_000 }),
    effectiveFrom: Day,
    legalBasis: Line({ minLength: 1, maxLength: 200 }),
  },
  { additionalProperties: false },
);

export const BalanceOut = Type.Object({
  institutionId: Type.String(),
  name: Type.String(),
  officeName: Type.String(),
  profitOriented: Type.Boolean(),
  balanceRupiah: Type.Integer(),
});

export const PaymentOut = Type.Object({
  id: Type.String(),
  institutionId: Type.String(),
  institutionName: Type.String(),
  billingCode: Type.String(),
  amountRupiah: Rupiah,
  paidOn: Type.String(),
  proofFileId: Nullable(Type.String()),
  note: Type.String(),
  recordedBy: Type.String(),
  recordedAt: Type.String(),
});

export const PaymentIn = Type.Object(
  {
    institutionId: Id,
    billingCode: Type.String({ minLength: 1, maxLength: 40, description: 'SIMPONI kode billing: 15 digits, 8…' }),
    amountRupiah: Type.Integer({ minimum: 1, maximum: 1_000_000_000_000 }),
    paidOn: Day,
    proofFileId: Id,
    note: Type.Optional(Line({ maxLength: 300 })),
  },
  { additionalProperties: false },
);

export const SummaryOut = Type.Object({
  institutionId: Type.String(),
  name: Type.String(),
  profitOriented: Type.Boolean(),
  balanceRupiah: Type.Integer(),
  payments: Type.Array(PaymentOut),
  chargesByMonth: Type.Array(
    Type.Object({ month: Type.String(), method: BillingMethodSchema, count: Type.Integer(), amountRupiah: Rupiah }),
  ),
});

export const StatementOut = Type.Object({
  institutionId: Type.String(),
  institutionName: Type.String(),
  officeName: Type.String(),
  month: Type.String(),
  openingRupiah: Type.Integer(),
  payments: Type.Array(
    Type.Object({ id: Type.String(), billingCode: Type.String(), amountRupiah: Rupiah, paidOn: Type.String() }),
  ),
  paymentsRupiah: Type.Integer(),
  charges: Type.Array(
    Type.Object({ method: BillingMethodSchema, unitRupiah: Rupiah, count: Type.Integer(), amountRupiah: Rupiah }),
  ),
  chargesRupiah: Type.Integer(),
  billableCalls: Type.Integer(),
  closingRupiah: Type.Integer(),
});

export const Month = Type.String({ pattern: '^\\d{4}-\\d{2}$', description: 'YYYY-MM' });
