/** The resident view's wire shapes: strict bodies, the access list, proofs. */
import { Type } from '@sinclair/typebox';
import { Bilingual, Id, Line, Nullable, OneOf } from '../../http/schemas.js';
import { REPORT_MAX, RESIDENT_CHANNELS } from '../../../domain/resident/resident.js';

/** The demo identification form (identifier.ts DemoClaim). */
export const IdentifyBody = Type.Object(
  {
    nik: Type.String({ pattern: '^[0-9]{16}$', description: 'NIK, 16 digits' }),
    kk: Type.String({ pattern: '^[0-9]{16}$', description: 'No KK (family card number), 16 digits' }),
    birthDate: Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', description: 'date of birth, YYYY-MM-DD' }),
    motherName: Line({ minLength: 1, maxLength: 100, description: "mother's full name" }),
  },
  { additionalProperties: false },
);

export const IdentifyReply = Type.Object({
  expiresAt: Type.String({ description: 'when the resident session ends (ISO 8601)' }),
});

export const EntryParams = Type.Object({ id: Id }, { additionalProperties: false });

/** Which signed head a proof leads to: the one the page showed; default the newest. */
export const ProofQuery = Type.Object(
  { treeSize: Type.Optional(Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER })) },
  { additionalProperties: false },
);

export const ReportBody = Type.Object(
  { text: Type.String({ minLength: 1, maxLength: REPORT_MAX + 200, description: 'what the resident says' }) },
  { additionalProperties: false },
);

export const ReportReply = Type.Object({ id: Type.String() });

const TreeHeadView = Type.Object({
  treeSize: Type.Integer(),
  rootHash: Type.String(),
  timestamp: Type.String(),
  keyId: Type.String(),
  signature: Type.String(),
});

export const AccessView = Type.Object({
  id: Type.String({ description: 'the audit entry id' }),
  time: Type.String({ description: 'ISO 8601 (for ordering; `when` is for people)' }),
  when: Bilingual,
  institution: Nullable(Type.String()),
  pksNumber: Nullable(Type.String()),
  elements: Type.Array(Bilingual),
  channel: OneOf(RESIDENT_CHANNELS, { description: 'the channel of the call (v1 calls are the web service)' }),
  channelWords: Bilingual,
  answered: Type.Boolean(),
  result: Bilingual,
  proof: Type.Boolean({ description: 'under the signed head given: its inclusion proof can be downloaded' }),
  reported: Type.Boolean(),
});

export const AccessListView = Type.Object({
  accesses: Type.Array(AccessView),
  head: Nullable(TreeHeadView),
  truncated: Type.Boolean(),
});

/** An inclusion proof as `gerbang audit verify-proof` reads it (domain/audit/heads.ts InclusionProofBundle). */
export const ProofView = Type.Object(
  {
    v: Type.Literal(1),
    entry: Type.Object({}, { additionalProperties: true }),
    leafIndex: Type.Integer(),
    treeSize: Type.Integer(),
    path: Type.Array(Type.String()),
    head: TreeHeadView,
  },
  { additionalProperties: false },
);

export const ProofsView = Type.Object({ proofs: Type.Array(ProofView) });
