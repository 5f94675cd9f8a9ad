import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Transaction, type Kysely } from 'kysely';
import type { DB, SopVersionTable } from '../../db/schema.js';
import type { Deps } from '../../deps.js';
import { can, roleAllowedInOffice, type Actor } from '../../../domain/authz.js';
import { DomainError, errors } from '../../../domain/errors.js';
import { controlCharacterError, controlCharacterFields } from '../../http/validation.js';
import { parseSop, sheetModel, type SopDefinition, type SopIssue } from '../../../domain/sop/index.js';
import { formatDuration, sameDuration } from '../../../domain/sop/waktu.js';
import { newId } from '../../lib/ids.js';
import { findOffice, insertRole, listRoles } from '../directory/directory.repository.js';
import * as repo from './sop.repository.js';
import { recordDecision } from '../access/audit/decisions.js';

type Q = Kysely<DB> | Transaction<DB>;

const SOP = { id: 'Versi SOP', en: 'SOP version' };

// Published versions never change, so their parsed definitions are cached for the life of the process.
const definitions = new Map<string, SopDefinition>();

/** The parsed definition of a stored version. */
export function definitionOf(row: SopVersionTable): SopDefinition {
  const hit = definitions.get(row.id);
  if (hit) return hit;
  const result = parseSop(row.source, `${row.code} v${row.version}`);
  // A stored version passed the same check when it was published; failing now means the format changed under it.
  if (!result.definition) throw new Error(`stored SOP ${row.id} no longer validates: ${result.errors[0]?.message.en}`);
  definitions.set(row.id, result.definition);
  return result.definition;
}

/** Loads a version row or 404. */
export async function versionRow(db: Q, id: string): Promise<SopVersionTable> {
  const row = await repo.findVersion(db, id);
  if (!row) throw errors.notFound(SOP);
  return row;
}

function invalid(found: { errors: SopIssue[]; warnings: SopIssue[] }): DomainError {
  return new DomainError(
    'invalid',
    'sop_invalid',
    { id: 'Definisi SOP tidak valid.', en: 'The SOP definition is invalid.' },
    found.errors.map((e) => ({
      field: [e.file, e.stepId ? `langkah ${e.stepId}` : '', e.path ?? ''].filter(Boolean).join(' · '),
      message: e.message,
    })),
    { errors: found.errors, warnings: found.warnings },
  );
}

/** Role codes an office has (built-in and its own), for checking a definition against it. */
async function officeRoleCodes(db: Q, officeId: string, atPusat: boolean): Promise<string[]> {
  return (await listRoles(db, 'office', officeId)).map((r) => r.code).filter((c) => roleAllowedInOffice(c, atPusat));
}

/** Checks a definition without saving it (the editor's preview). */
export async function check(deps: Pick<Deps, 'db'>, officeId: string | undefined, source: string) {
  const office = officeId ? await findOffice(deps.db, officeId) : undefined;
  const options = office ? { officeRoles: await officeRoleCodes(deps.db, office.id, office.level === 'pusat') } : {};
  const result = parseSop(source, 'upload', options);
  const errs = [...result.errors];
  if (office && result.definition && result.definition.office.region !== office.code)
    errs.push(wrongOffice(result.definition, office.code));
  const warnings = [...result.warnings];
  if (office && result.definition) warnings.push(...(await unheldRoles(deps.db, office.id, result.definition)));
  return { valid: errs.length === 0, errors: errs, warnings };
}

/** A warning for each office or pusat role a step's task would go to that no active user holds. */
async function unheldRoles(db: Q, officeId: string, def: SopDefinition): Promise<SopIssue[]> {
  const own = await repo.heldRoles(db, officeId);
  const pusat = await db.selectFrom('offices').select('id').where('level', '=', 'pusat').executeTakeFirst();
  const atPusat = pusat ? await repo.heldRoles(db, pusat.id) : new Set<string>();
  const out: SopIssue[] = [];
  for (const step of def.steps) {
    for (const code of step.joint ? step.pelaksana : step.pelaksana.slice(0, 1)) {
      const a = def.pelaksana.find((p) => p.code === code);
      if (!a || a.assignee.org === 'institution') continue;
      const held = a.assignee.org === 'pusat' ? atPusat : own;
      if (held.has(a.assignee.role)) continue;
      out.push({
        severity: 'warning',
        code: 'role_unheld',
        file: def.source,
        stepId: step.id,
        message: {
          id: `langkah ${step.no}: tidak ada pengguna aktif dengan peran "${a.assignee.role}" (${a.name}); tugasnya tidak akan sampai ke siapa pun`,
          en: `step ${step.no}: no active user holds the role "${a.assignee.role}" (${a.name}); its task would reach nobody`,
        },
      });
    }
  }
  return out;
}

function wrongOffice(def: SopDefinition, code: string): SopIssue {
  return {
    severity: 'error',
    code: 'sop_wrong_office',
    file: def.source,
    path: '/office/region',
    message: {
      id: `SOP ini untuk wilayah ${def.office.region}, bukan kantor ${code}.`,
      en: `This SOP is for region ${def.office.region}, not office ${code}.`,
    },
  };
}

/** Who may publish an office's SOPs: the roles the office gives `sop.publish` (default its admin and kadis), or pusat's. */
function canPublish(actor: Actor, officeId: string): boolean {
  return (actor.orgId === officeId || actor.atPusat) && can(actor, 'sop.publish');
}

/**
 * Publishes a new version of an SOP for an office. Running cases stay on the version they started on;
 * new cases take the highest version whose effective date has come.
 */
export async function publish(
  deps: Pick<Deps, 'db' | 'now'>,
  actor: Actor | null,
  officeId: string,
  input: { source: string; effectiveFrom?: string; note?: string },
) {
  const office = await findOffice(deps.db, officeId);
  if (!office) throw errors.notFound({ id: 'Kantor', en: 'Office' });
  if (actor && !canPublish(actor, officeId)) throw errors.forbidden();
  const roles = await officeRoleCodes(deps.db, officeId, office.level === 'pusat');
  const result = parseSop(input.source, 'upload', { officeRoles: roles });
  if (!result.definition) throw invalid(result);
  const def = result.definition;
  // The body hook saw only the JSON text; YAML escapes (\u202E, \0, \e) decode to control characters here.
  const controls = controlCharacterFields(def, 'source');
  if (controls.length) throw controlCharacterError(controls);
  if (def.office.region !== office.code)
    throw invalid({ errors: [wrongOffice(def, office.code)], warnings: result.warnings });
  const now = deps.now();
  const effective = input.effectiveFrom ? new Date(input.effectiveFrom) : now;
  if (Number.isNaN(effective.getTime())) {
    throw errors.invalid('invalid_date', { id: 'Tanggal berlaku tidak valid.', en: 'Invalid effective date.' }, [
      { field: 'effectiveFrom', message: { id: 'format ISO 8601', en: 'ISO 8601 expected' } },
    ]);
  }
  const warnings = [...result.warnings];
  const write = async (trx: Transaction<DB>) => {
    const version = (await repo.lastVersionNumber(trx, officeId, def.code)) + 1;
    const row: SopVersionTable = {
      id: newId(),
      office_id: officeId,
      code: def.code,
      version,
      name: def.header.nama,
      effective_from: effective.toISOString(),
      source: input.source,
      content_hash: crypto.createHash('sha256').update(input.source).digest('hex'),
      note: input.note ?? '',
      published_by: actor?.userId ?? null,
      published_at: now.toISOString(),
    };
    await repo.insertVersion(trx, row);
    warnings.push(...(await unheldRoles(trx, officeId, def)));
    await recordDecision(trx, now, actor ?? { kind: 'system' }, {
      action: 'sop.publish',
      detail: {
        officeId,
        sopVersionId: row.id,
        code: row.code,
        version,
        purpose: def.purpose ?? null,
        contentHash: row.content_hash,
        effectiveFrom: row.effective_from,
      },
    });
    return { ...summary(row), warnings };
  };
  // Called with a transaction (a template published on first use inside the use case that needs it): join it.
  return deps.db instanceof Transaction ? write(deps.db) : deps.db.transaction().execute(write);
}

function summary(row: SopVersionTable) {
  return {
    id: row.id,
    officeId: row.office_id,
    code: row.code,
    version: row.version,
    name: row.name,
    effectiveFrom: row.effective_from,
    publishedAt: row.published_at,
    publishedBy: row.published_by,
    note: row.note,
    contentHash: row.content_hash,
  };
}

/** An office's SOPs with every version; `current` marks the one new cases start on. */
export async function list(deps: Pick<Deps, 'db' | 'now'>, officeId: string) {
  if (!(await findOffice(deps.db, officeId))) throw errors.notFound({ id: 'Kantor', en: 'Office' });
  const rows = await repo.listVersions(deps.db, officeId);
  const now = deps.now().toISOString();
  const byCode = new Map<string, SopVersionTable[]>();
  for (const r of rows) byCode.set(r.code, [...(byCode.get(r.code) ?? []), r]);
  return [...byCode.entries()].map(([code, versions]) => {
    const current = versions.find((v) => v.effective_from <= now);
    return {
      code,
      name: versions[0]?.name ?? code,
      versions: versions.map((v) => ({ ...summary(v), current: v.id === current?.id })),
    };
  });
}

/** One version: its source, the checked definition, warnings, the sheet model and the totals. */
export async function get(deps: Pick<Deps, 'db'>, id: string) {
  const row = await versionRow(deps.db, id);
  const def = definitionOf(row);
  const warnings = parseSop(row.source, `${row.code} v${row.version}`).warnings;
  const sum = def.sumOfStandardTimes;
  return {
    ...summary(row),
    source: row.source,
    warnings,
    definition: def,
    sheet: sheetModel(def),
    totals: {
      sumTarget: formatDuration(sum.target),
      sumDeadline: formatDuration(sum.deadline),
      declared: def.declaredTotal?.text ?? null,
      declaredDiffers: def.declaredTotal ? !sameDuration(def.declaredTotal.duration, sum.target) : false,
    },
  };
}

/** The version in force for an office and SOP code now. */
export async function current(db: Q, officeId: string, code: string, at: Date): Promise<SopVersionTable> {
  const row = await repo.currentVersion(db, officeId, code, at.toISOString());
  if (!row) throw errors.notFound(SOP);
  return row;
}

/**
 * Publishes the SOP files shipped in `sops/` as version 1 for offices that exist and have no version of that
 * code yet. Effective from the sheet's own date (efektif, else pengesahan, else pembuatan).
 */
export async function ensureShippedSops(db: Kysely<DB>, now: Date, dir = path.resolve('sops')) {
  if (!fs.existsSync(dir)) return [];
  const published: string[] = [];
  for (const file of fs
    .readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()) {
    const source = fs.readFileSync(path.join(dir, file), 'utf8');
    const result = parseSop(source, file);
    if (!result.definition) throw new Error(`shipped SOP ${file} is invalid: ${result.errors[0]?.message.en}`);
    const def = result.definition;
    const office = await db.selectFrom('offices').select('id').where('code', '=', def.office.region).executeTakeFirst();
    if (!office) continue;
    if ((await repo.lastVersionNumber(db, office.id, def.code)) > 0) continue;
    // A shipped SOP brings the office-specific roles it declares (e.g. Kasi SIAK) into its office.
    const have = new Set((await listRoles(db, 'office', office.id)).map((r) => r.code));
    for (const role of def.officeRoles.filter((r) => !have.has(r.code))) {
      await insertRole(db, {
        id: newId(),
        orgKind: 'office',
        orgId: office.id,
        code: role.code,
        nameId: role.name,
        nameEn: role.name,
        now: now.toISOString(),
      });
    }
    const h = def.header;
    const dated = h.tanggalEfektif ?? h.tanggalPengesahan ?? h.tanggalPembuatan ?? null;
    await repo.insertVersion(db, {
      id: newId(),
      office_id: office.id,
      code: def.code,
      version: 1,
      name: h.nama,
      effective_from: dated ? new Date(`${dated}T00:00:00+07:00`).toISOString() : now.toISOString(),
      source,
      content_hash: crypto.createHash('sha256').update(source).digest('hex'),
      note: `sops/${file}`,
      published_by: null,
      published_at: now.toISOString(),
    });
    published.push(def.code);
  }
  return published;
}

/** The purposes an SOP can serve, in display order. */
export const PURPOSES = [
  'application',
  'pks_change',
  'control',
  'evaluation',
  'report_review',
  'anomaly_review',
] as const;
/** One of them. */
export type Purpose = (typeof PURPOSES)[number];

/** The current versions of an office's SOPs, newest publication first. */
async function currentVersions(db: Q, officeId: string, at: Date) {
  const codes = [...new Set((await repo.listVersions(db, officeId)).map((v) => v.code))];
  const out: SopVersionTable[] = [];
  for (const code of codes) {
    const v = await repo.currentVersion(db, officeId, code, at.toISOString());
    if (v) out.push(v);
  }
  return out.sort((x, y) => (x.published_at < y.published_at ? 1 : -1));
}

/**
 * The SOP version that serves a purpose in an office now: the one the office assigned (only while its current
 * version still declares that purpose, so the law's minimum applies to it), else the newest current one that
 * declares it. `retired` when the office retired the purpose.
 */
export async function sopForPurpose(
  db: Q,
  officeId: string,
  purpose: Purpose,
  at: Date,
): Promise<{ version: SopVersionTable; def: SopDefinition } | 'retired' | undefined> {
  const assigned = (await repo.purposeAssignments(db, officeId)).find((p) => p.purpose === purpose);
  if (assigned && assigned.sop_code === null) return 'retired';
  const current = await currentVersions(db, officeId, at);
  const serving = current
    .map((version) => ({ version, def: definitionOf(version) }))
    .filter((c) => c.def.purpose === purpose);
  if (assigned) return serving.find((c) => c.version.code === assigned.sop_code);
  return serving[0];
}

/**
 * Publishes a shipped SOP template (`sops/templates/<code>.yaml`, with {code}, {name} and {timeZone} filled in)
 * for an office that has no SOP serving the template's purpose and never published that code (so an office that
 * retired or replaced it is left alone). From then on it is the office's own SOP. `deps.db` may be the caller's
 * transaction (the anomaly review opens its case inside the detector's): the publication then joins it.
 */
export async function ensureTemplateSop(
  deps: Pick<Deps, 'db' | 'now'>,
  officeId: string,
  template: { code: string; purpose: Purpose },
): Promise<void> {
  if ((await sopForPurpose(deps.db, officeId, template.purpose, deps.now())) !== undefined) return;
  if ((await repo.lastVersionNumber(deps.db, officeId, template.code)) > 0) return;
  const office = await findOffice(deps.db, officeId);
  if (!office) throw errors.notFound({ id: 'Kantor', en: 'Office' });
  const file = `sops/templates/${template.code}.yaml`;
  const source = fs
    .readFileSync(path.resolve(file), 'utf8')
    .replaceAll('{code}', office.code)
    .replaceAll('{name}', office.name)
    .replaceAll('{timeZone}', office.timezone);
  await publish(deps, null, officeId, { source, effectiveFrom: new Date(0).toISOString(), note: file });
}

/** Each purpose of an office: the SOP serving it, whether the office chose it, and the SOPs that could. */
export async function purposes(deps: Pick<Deps, 'db' | 'now'>, actor: Actor, officeId: string) {
  if (!(await findOffice(deps.db, officeId))) throw errors.notFound({ id: 'Kantor', en: 'Office' });
  if (actor.orgKind !== 'office' || !(actor.orgId === officeId || actor.atPusat)) throw errors.forbidden();
  const now = deps.now();
  const assigned = await repo.purposeAssignments(deps.db, officeId);
  const current = (await currentVersions(deps.db, officeId, now)).map((version) => ({
    version,
    def: definitionOf(version),
  }));
  const out = [];
  for (const purpose of PURPOSES) {
    const serving = await sopForPurpose(deps.db, officeId, purpose, now);
    const row = assigned.find((a) => a.purpose === purpose);
    out.push({
      purpose,
      retired: serving === 'retired',
      chosen: row ? row.sop_code : null,
      serving:
        serving && serving !== 'retired'
          ? {
              code: serving.version.code,
              version: serving.version.version,
              name: serving.version.name,
              versionId: serving.version.id,
            }
          : null,
      candidates: current
        .filter((c) => c.def.purpose === purpose)
        .map((c) => ({ code: c.version.code, name: c.version.name })),
    });
  }
  return out;
}

/**
 * Says which SOP serves a purpose in an office, or retires the purpose (null). Running cases stay on the version
 * they started on. The SOP must declare that purpose, so the law's minimum applies to it. On the record.
 */
export async function setPurpose(
  deps: Pick<Deps, 'db' | 'now'>,
  actor: Actor,
  officeId: string,
  purpose: string,
  sopCode: string | null,
) {
  if (!(await findOffice(deps.db, officeId))) throw errors.notFound({ id: 'Kantor', en: 'Office' });
  if (!canPublish(actor, officeId)) throw errors.forbidden();
  const p = PURPOSES.find((x) => x === purpose);
  if (!p) {
    throw errors.invalid('unknown_purpose', { id: 'Kegunaan SOP tidak dikenal.', en: 'Unknown SOP purpose.' }, [
      { field: 'purpose', message: { id: `pilih ${PURPOSES.join(', ')}`, en: `use ${PURPOSES.join(', ')}` } },
    ]);
  }
  const now = deps.now();
  if (sopCode !== null) {
    const v = await repo.currentVersion(deps.db, officeId, sopCode, now.toISOString());
    if (!v) throw errors.notFound(SOP);
    if (definitionOf(v).purpose !== p) {
      throw errors.conflict('sop_purpose_mismatch', {
        id: `SOP ${sopCode} tidak dinyatakan untuk kegunaan ini (purpose: ${p}); terbitkan versi yang menyatakannya.`,
        en: `SOP ${sopCode} does not declare this purpose (purpose: ${p}); publish a version that does.`,
      });
    }
  }
  await deps.db.transaction().execute(async (trx) => {
    await repo.setPurpose(trx, {
      office_id: officeId,
      purpose: p,
      sop_code: sopCode,
      set_by: actor.userId,
      set_at: now.toISOString(),
    });
    await recordDecision(trx, now, actor, {
      action: sopCode === null ? 'sop.purpose_retired' : 'sop.purpose_set',
      detail: { officeId, purpose: p, code: sopCode },
    });
  });
  return purposes(deps, actor, officeId);
}
