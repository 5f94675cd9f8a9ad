import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Deps } from '../../deps.js';
import { canManageOfficeRoles, canManageUsers, type Actor } from '../../../domain/authz.js';
import { errors } from '../../../domain/errors.js';
import {
  checkEmblem,
  checkLetterhead,
  checkSignatory,
  type LetterheadInput,
  type SignatoryInput,
} from '../../../domain/letterhead.js';
import type { SopDefinition, SopStep } from '../../../domain/sop/types.js';
import type { LetterPerson, TemplateData, TemplateOffice } from '../documents/templates.js';
import { recordDecision } from '../access/audit/decisions.js';
import { findFile, ownFile, readBlob } from '../files/files.service.js';
import { EMBLEM_MAX_PIXELS, safeEmblem } from '../../lib/emblem.js';
import { officeChain } from './actor.repository.js';
import * as repo from './letterhead.repository.js';

type Q = Kysely<DB> | Transaction<DB>;

const OFFICE = { id: 'Kantor', en: 'Office' };
const USER = { id: 'Pengguna', en: 'User' };

/**
 * The issuing office as a letter's template data: name, level, the kop (address, phone, e-mail, website, the
 * emblem by its blob's SHA-256) and the head who signs (name, NIP, rank). The one builder every producer uses.
 */
export async function templateOffice(db: Q, officeId: string): Promise<TemplateOffice> {
  const o = await repo.findLetterheadRow(db, officeId);
  if (!o) return { name: '', code: '', level: '', headTitle: '' };
  return {
    name: o.name,
    code: o.code,
    level: o.level,
    headTitle: o.head_title,
    timezone: o.timezone,
    address: o.address,
    phone: o.phone,
    email: o.email,
    website: o.website,
    head: { name: o.head_name, nip: o.head_nip, rank: o.head_rank },
    ...(o.emblem_sha256 ? { emblem: o.emblem_sha256 } : {}),
  };
}

function personOf(row: { display_name: string; nip: string; position: string; rank: string }): LetterPerson {
  return { name: row.display_name, nip: row.nip, position: row.position, rank: row.rank };
}

/**
 * Who a case's letter names beyond the office: the office user who produced it (the signer), the office's
 * receiving officer (for a receipt), and the PKS it cites. The receiving officer is the actor when an office user of
 * the issuing office produced it; when the applicant's own submission produced it, the first active user of the
 * issuing office holding the role of the next office step (the one who receives the letter), else none (the head
 * signs).
 */
export async function letterPeople(
  db: Q,
  input: {
    issuerOfficeId: string;
    actor: Actor;
    def?: SopDefinition;
    step?: SopStep;
    agreementId?: string | null;
  },
): Promise<Pick<TemplateData, 'signer' | 'receiver' | 'agreement'>> {
  const out: Pick<TemplateData, 'signer' | 'receiver' | 'agreement'> = {};
  const { actor } = input;
  if (actor.orgKind === 'office') {
    const me = await repo.findPerson(db, actor.userId);
    if (me) out.signer = personOf(me);
    if (me && actor.orgId === input.issuerOfficeId) out.receiver = personOf(me);
  }
  if (!out.receiver && input.def && input.step) {
    const role = nextOfficeRole(input.def, input.step);
    const user = role ? await repo.officeUserWithRole(db, input.issuerOfficeId, role) : undefined;
    if (user) out.receiver = personOf(user);
  }
  if (input.agreementId) {
    const a = await repo.agreementRef(db, input.agreementId);
    if (a) out.agreement = { number: a.number, signedOn: a.signed_on ?? a.start_date };
  }
  return out;
}

/** The role of the first step after `step` whose responsible pelaksana is the case's office. */
function nextOfficeRole(def: SopDefinition, step: SopStep): string | undefined {
  for (const s of def.steps.filter((x) => x.index > step.index).sort((a, b) => a.index - b.index)) {
    const actor = def.pelaksana.find((p) => p.code === s.pelaksana[0]);
    if (actor?.assignee.org === 'office') return actor.assignee.role;
  }
  return undefined;
}

/** The letterhead as its settings screen shows it. */
async function view(db: Q, officeId: string) {
  const o = await repo.findLetterheadRow(db, officeId);
  if (!o) throw errors.notFound(OFFICE);
  return {
    officeId: o.id,
    address: o.address,
    phone: o.phone,
    email: o.email,
    website: o.website,
    headName: o.head_name,
    headNip: o.head_nip,
    headRank: o.head_rank,
    emblem: o.emblem_file_id
      ? { fileId: o.emblem_file_id, contentType: o.emblem_type ?? '', size: o.emblem_size ?? 0 }
      : null,
  };
}

/** Who may read an office's letterhead: its own staff, the offices above it and pusat. */
async function mayRead(db: Q, actor: Actor, officeId: string): Promise<boolean> {
  if (actor.orgKind !== 'office') return false;
  if (actor.atPusat || actor.orgId === officeId) return true;
  return (await officeChain(db, officeId)).includes(actor.orgId);
}

/** An office's letterhead: the kop's contacts, the signing head and the emblem. */
export async function getLetterhead(deps: Pick<Deps, 'db'>, actor: Actor, officeId: string) {
  if (!(await mayRead(deps.db, actor, officeId))) throw errors.notFound(OFFICE);
  return view(deps.db, officeId);
}

/** Changes an office's letterhead (its admin, or a pusat admin), with the change on the decision record. */
export async function updateLetterhead(
  deps: Pick<Deps, 'db' | 'now'>,
  actor: Actor,
  officeId: string,
  input: LetterheadInput,
) {
  if (!(await repo.findLetterheadRow(deps.db, officeId))) throw errors.notFound(OFFICE);
  if (!canManageOfficeRoles(actor, officeId)) throw errors.forbidden();
  const p = checkLetterhead(input);
  if (Object.keys(p).length === 0) return view(deps.db, officeId);
  await deps.db.transaction().execute(async (trx) => {
    await repo.updateLetterhead(trx, officeId, {
      ...(p.address === undefined ? {} : { address: p.address }),
      ...(p.phone === undefined ? {} : { phone: p.phone }),
      ...(p.email === undefined ? {} : { email: p.email }),
      ...(p.website === undefined ? {} : { website: p.website }),
      ...(p.headName === undefined ? {} : { head_name: p.headName }),
      ...(p.headNip === undefined ? {} : { head_nip: p.headNip }),
      ...(p.headRank === undefined ? {} : { head_rank: p.headRank }),
    });
    await recordDecision(trx, deps.now(), actor, {
      action: 'office.letterhead',
      result: 'updated',
      detail: { officeId, fields: Object.keys(p).join(',') },
    });
  });
  return view(deps.db, officeId);
}

/**
 * Sets (or, with null, removes) an office's emblem: a PNG or JPEG the actor's organisation uploaded through the
 * files module, at most EMBLEM_MAX_BYTES. Every letter produced afterwards carries it in its kop.
 */
export async function setEmblem(
  deps: Pick<Deps, 'db' | 'now' | 'config'>,
  actor: Actor,
  officeId: string,
  fileId: string | null,
) {
  if (!(await repo.findLetterheadRow(deps.db, officeId))) throw errors.notFound(OFFICE);
  if (!canManageOfficeRoles(actor, officeId)) throw errors.forbidden();
  if (fileId) {
    const file = await ownFile(deps.db, actor, fileId);
    checkEmblem({ contentType: file.content_type, size: file.size });
    // Decoded in full once here, so no letter ever meets an image that does not decode or is too large to embed.
    if (!safeEmblem(readBlob(deps, file))) {
      throw errors.invalid('emblem_unreadable', {
        id: `Lambang tidak dapat dibaca, atau lebih dari ${EMBLEM_MAX_PIXELS}×${EMBLEM_MAX_PIXELS} piksel.`,
        en: `The emblem cannot be read, or is larger than ${EMBLEM_MAX_PIXELS}×${EMBLEM_MAX_PIXELS} pixels.`,
      });
    }
  }
  await deps.db.transaction().execute(async (trx) => {
    await repo.updateLetterhead(trx, officeId, { emblem_file_id: fileId });
    await recordDecision(trx, deps.now(), actor, {
      action: 'office.emblem',
      result: fileId ? 'set' : 'removed',
      detail: { officeId, fileId: fileId ?? null },
    });
  });
  return view(deps.db, officeId);
}

/** The bytes of an office's emblem, for its preview (whoever may read the letterhead). */
export async function emblemFile(deps: Pick<Deps, 'db'>, actor: Actor, officeId: string) {
  const v = await getLetterhead(deps, actor, officeId);
  if (!v.emblem) throw errors.notFound({ id: 'Lambang', en: 'Emblem' });
  return findFile(deps.db, v.emblem.fileId);
}

function profileOf(row: { id: string; display_name: string; nip: string; position: string; rank: string }) {
  return { userId: row.id, name: row.display_name, nip: row.nip, position: row.position, rank: row.rank };
}

/** The actor's own NIP, position and rank, printed under their signature. */
export async function myProfile(deps: Pick<Deps, 'db'>, actor: Actor) {
  const row = await repo.findPerson(deps.db, actor.userId);
  if (!row) throw errors.notFound(USER);
  return profileOf(row);
}

/** Changes the actor's own NIP (18 digits when given), position and rank. */
export async function updateMyProfile(deps: Pick<Deps, 'db' | 'now'>, actor: Actor, input: SignatoryInput) {
  const p = checkSignatory(input);
  // Printed under the person's signature on official letters: on the record, as an admin's change is.
  await deps.db.transaction().execute(async (trx) => {
    await repo.updatePerson(trx, actor.userId, p);
    await recordDecision(trx, deps.now(), actor, {
      action: 'user.signatory',
      result: 'updated',
      detail: { userId: actor.userId, fields: Object.keys(p).join(',') },
    });
  });
  return myProfile(deps, actor);
}

/** An organisation's admin sets a person's NIP, position and rank (the people they manage). */
export async function updateUserProfile(
  deps: Pick<Deps, 'db' | 'now'>,
  actor: Actor,
  userId: string,
  input: SignatoryInput,
) {
  const row = await repo.findPerson(deps.db, userId);
  if (!row) throw errors.notFound(USER);
  const orgKind = row.office_id ? 'office' : 'institution';
  const orgId = row.office_id ?? row.institution_id ?? '';
  const chain = orgKind === 'office' ? await officeChain(deps.db, orgId) : [];
  if (!canManageUsers(actor, { orgKind, orgId, officeChain: chain })) throw errors.notFound(USER);
  const p = checkSignatory(input);
  await deps.db.transaction().execute(async (trx) => {
    await repo.updatePerson(trx, userId, p);
    await recordDecision(trx, deps.now(), actor, {
      action: 'user.signatory',
      result: 'updated',
      detail: { userId, fields: Object.keys(p).join(',') },
    });
  });
  const after = await repo.findPerson(deps.db, userId);
  return profileOf(after ?? row);
}
