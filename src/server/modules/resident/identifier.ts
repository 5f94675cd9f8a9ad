/**
 * How a resident proves who they are: a REPLACEABLE module (docs/resident-sign-in.md). Everything after it —
 * the session, the accesses, the proofs, the reports — relies only on what `identify` returns: the NIK of the
 * person, whom the rest knows by its keyed hash alone. The demo implementation checks four things a resident
 * knows against the warehouse; a national digital ID (IKD, an SSO) returns the NIK its assertion names.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { FIELD_SPECS } from '../../../domain/elements/elements.js';
import { exactMatch, normalizeName } from '../../../domain/match/index.js';
import { identifyingValues } from './resident.repository.js';

/** A resident identified: their NIK (16 digits). */
export interface IdentifiedResident {
  nik: string;
}

/** Identifies a resident from what they present; null when it does not identify anyone (whatever the reason). */
export interface ResidentIdentifier<Claim> {
  /** Names the method on the signed record ("demo_warehouse", "ikd", …). */
  readonly method: string;
  identify(claim: Claim): Promise<IdentifiedResident | null>;
}

/** What the demo's form asks for. */
export interface DemoClaim {
  nik: string;
  /** Nomor Kartu Keluarga, 16 digits. */
  kk: string;
  /** Date of birth, YYYY-MM-DD. */
  birthDate: string;
  /** Nama lengkap ibu kandung. */
  motherName: string;
}

/**
 * The demo's identification: the NIK's warehouse record must carry the same No KK, date of birth and mother's
 * name (case, spaces and honorifics normalised as verification compares names). Every field is compared, so a
 * wrong one costs the same as another; the answer never says which.
 */
export function warehouseIdentifier(db: Kysely<DB>): ResidentIdentifier<DemoClaim> {
  return {
    method: 'demo_warehouse',
    async identify(claim) {
      const row = await identifyingValues(db, claim.nik);
      const kk = exactMatch(FIELD_SPECS.NO_KK, claim.kk, row?.no_kk ?? '');
      const born = exactMatch(FIELD_SPECS.TGL_LHR, claim.birthDate, row?.tgl_lhr ?? '');
      const mother = normalizeName(claim.motherName);
      const motherOk = mother !== '' && mother === normalizeName(row?.nama_lgkp_ibu ?? '');
      return row && kk && born && motherOk ? { nik: row.nik } : null;
    },
  };
}
