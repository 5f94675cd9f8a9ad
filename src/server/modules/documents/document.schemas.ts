/** Shapes of produced documents the API answers: their signatures and the field-level changes between versions. */
import { Type } from '@sinclair/typebox';
import { Nullable, OneOf } from '../../http/schemas.js';
import { SIGNER_PARTIES } from '../../../domain/documents.js';

/** A signature over a version's hash. */
export const SignatureSchema = Type.Object({
  version: Type.Integer(),
  signer: Type.String(),
  role: Type.String(),
  party: OneOf(SIGNER_PARTIES),
  overSha256: Type.String(),
  scanFileId: Nullable(Type.String()),
  signedAt: Type.String(),
});

/** One changed field between two versions, by dotted path. */
export const FieldChangeSchema = Type.Object({ field: Type.String(), before: Type.Unknown(), after: Type.Unknown() });
