/** A PKS's usage over a period, for its semester report (issue 12). Placeholder until the ledger is built. */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

/** What the ledger says about one PKS over a period. */
export interface UsageSummary {
  /** Data calls (answered + refused). */
  calls: number;
  answered: number;
  refused: number;
  /** Calls per channel (web_service, v1, card_reader, web_portal). */
  byChannel: Record<string, number>;
  /** Disclosures per element code (answered calls only). */
  byElement: Record<string, number>;
  /** Refusals per result code or reason. */
  refusalsByReason: Record<string, number>;
  /** Calls per operator (web portal) or credential/device: id, display name, calls. */
  operators: { id: string; name: string; calls: number }[];
  /** Distinct residents (NIK hashes) answered. */
  residentsServed: number;
}

/** Usage of one PKS between two office-local dates (inclusive). */
export async function usageSummary(
  _db: Kysely<DB>,
  _q: { agreementId: string; from: string; to: string },
): Promise<UsageSummary> {
  return {
    calls: 0,
    answered: 0,
    refused: 0,
    byChannel: {},
    byElement: {},
    refusalsByReason: {},
    operators: [],
    residentsServed: 0,
  };
}
