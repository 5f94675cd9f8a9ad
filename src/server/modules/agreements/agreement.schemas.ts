/** Shapes of the PKS the API answers: the content of a version (domain/agreement/pks.ts PksContent). */
import { Type } from '@sinclair/typebox';
import { OneOf } from '../../http/schemas.js';
import { ACCESS_METHODS } from '../../../domain/grant/grant.js';
import { PKS_PARTIES } from '../../../domain/agreement/pks.js';
import { BALIKAN_FREQUENCIES } from '../../../domain/balikan/kinds.js';

/** An access method a PKS may grant. */
export const MethodSchema = OneOf(ACCESS_METHODS);

/**
 * The machine-readable content of one PKS version, as stored and hashed. Optional fields are those contents drafted
 * before them lack (they hash as they did).
 */
export const PksContentSchema = Type.Object(
  {
    parties: Type.Object({
      office: Type.Object({ name: Type.String(), code: Type.String(), head: Type.String() }),
      institution: Type.Object({
        name: Type.String(),
        type: Type.String(),
        profitOriented: Type.Boolean(),
        head: Type.String(),
      }),
    }),
    purpose: Type.String(),
    rightsAndDuties: Type.Object({ office: Type.Array(Type.String()), institution: Type.Array(Type.String()) }),
    elements: Type.Array(Type.String(), { description: 'element codes of the catalogue (UU 24/2013 art. 58(2))' }),
    methods: Type.Array(MethodSchema),
    dataBalikan: Type.String(),
    dataBalikanDuties: Type.Optional(
      Type.Array(Type.Object({ kind: Type.String(), frequency: OneOf(BALIKAN_FREQUENCIES) }), {
        description: 'the data balikan duties as data, when the PKS names any',
      }),
    ),
    reporting: Type.String({ description: 'the semester usage-report duty' }),
    financing: Type.Object({ profitOriented: Type.Boolean(), feePerNikRupiah: Type.Number(), text: Type.String() }),
    prohibition: Type.String(),
    duration: Type.Object({ startDate: Type.String(), endDate: Type.String(), months: Type.Integer() }),
    signatories: Type.Array(
      Type.Object({
        party: OneOf(PKS_PARTIES),
        name: Type.String(),
        title: Type.String(),
        nip: Type.Optional(Type.String()),
        position: Type.Optional(Type.String()),
        rank: Type.Optional(Type.String()),
      }),
    ),
    legalBasis: Type.String({ description: 'written legal basis, required when protected elements are granted' }),
  },
  {
    description:
      'The PKS content: parties, purpose, rights and duties, elements, methods, data balikan, reporting, financing, prohibition, duration, signatories',
  },
);
