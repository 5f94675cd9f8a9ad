/**
 * Data balikan: an institution delivers the data its PKS says it returns (a CSV per duty and period, through the
 * web or the v1 API); Gerbang checks every row, keeps the good ones, reports the bad ones, records the delivery on
 * the signed record (counts only, never a NIK), and tracks deliveries against the duties.
 */
import crypto from 'node:crypto';
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Deps } from '../../deps.js';
import type { DataBalikanDeliveryTable } from '../../db/schema-balikan.js';
import type { Actor } from '../../../domain/authz.js';
import { DomainError, errors, type Message } from '../../../domain/errors.js';
import { maskNik } from '../../../domain/nik/nik.js';
import { BALIKAN_KINDS, balikanKind, type DataBalikanDuty } from '../../../domain/balikan/kinds.js';
import { PERIOD_FORMATS, parsePeriod, periodLabel, periodLabelEn } from '../../../domain/balikan/period.js';
import {
  BALIKAN_MAX_BYTES,
  BALIKAN_MAX_ROWS,
  UNKNOWN_RESIDENT,
  checkHeader,
  checkRow,
  headerOf,
  type CheckedRow,
  type RowProblem,
} from '../../../domain/balikan/rows.js';
import { trackDuty, type DeliveryFact } from '../../../domain/balikan/tracking.js';
import { readCsv, type CsvRecord } from '../access/population/csv-reader.js';
import { recordDecision } from '../access/audit/decisions.js';
import { insertPending } from '../access/audit/audit.repository.js';
import { officeChain } from '../directory/actor.repository.js';
import { officeDescendants } from '../directory/directory.repository.js';
import { newId } from '../../lib/ids.js';
import * as repo from './balikan.repository.js';
import { officeToday } from './balikan.time.js';

type Ctx = Pick<Deps, 'db' | 'now'>;

/** The audit action of a delivery. */
export const DELIVERY_ACTION = 'data_balikan.delivered';

/** Bad rows returned with a delivery's answer and view (the CSV report holds them all). */
export const BAD_ROWS_SHOWN = 500;

const DELIVERY: Message = { id: 'Penyerahan data balikan', en: 'Data balikan delivery' };

/** Who submits: a signed-in institution user, or a web-service credential (the v1 API). */
export type Submitter =
  | { channel: 'web'; actor: Actor }
  | { channel: 'v1'; grantId: string; institutionId: string; agreementId: string; clientIp: string | null };

/** What a delivery carries. */
export interface DeliveryInput {
  kind: string;
  period: string;
  /** Which PKS (web only; needed when the institution has more than one in force with this duty). */
  agreementId?: string;
  bytes: Buffer;
  filename: string;
}

/** Institution roles that may deliver through the web. */
const UPLOADERS = ['pimpinan', 'admin'];

/** Refuses, before the file is read, a web user who may not deliver data balikan. */
export function assertMayDeliver(actor: Actor): void {
  if (actor.orgKind !== 'institution' || !actor.roles.some((r) => UPLOADERS.includes(r))) throw errors.forbidden();
}

/** The catalogue of kinds with their columns, for forms and integrators. */
export function kinds() {
  return BALIKAN_KINDS.map((k) => ({
    code: k.code,
    name: k.name,
    description: k.description,
    header: headerOf(k),
    fields: k.fields.map((f) => ({ name: f.name, type: f.type, required: f.required, label: f.label })),
  }));
}

function invalid(code: string, id: string, en: string) {
  return errors.invalid(code, { id, en });
}

/** The file as text, or a 400 saying what is wrong with it (encoding, binary, an unclosed quote, no rows). */
function csvRecords(bytes: Buffer): CsvRecord[] {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw invalid('balikan_csv_encoding', 'Berkas bukan teks UTF-8.', 'The file is not UTF-8 text.');
  }
  if (text.includes('\u0000'))
    throw invalid(
      'balikan_csv_malformed',
      'Berkas bukan CSV (berisi data biner).',
      'The file is not CSV (binary data).',
    );
  // Quotes come in pairs in a well-formed file (an escaped quote is doubled): an odd count is a cell left open.
  let quotes = 0;
  for (let i = text.indexOf('"'); i >= 0; i = text.indexOf('"', i + 1)) quotes++;
  if (quotes % 2 === 1)
    throw invalid(
      'balikan_csv_malformed',
      'Berkas CSV rusak: ada tanda kutip yang tidak ditutup.',
      'The CSV is malformed: a quote is never closed.',
    );
  const records: CsvRecord[] = [];
  for (const r of readCsv(text)) {
    records.push(r);
    if (records.length > BALIKAN_MAX_ROWS + 1) {
      throw new DomainError('too_large', 'balikan_too_many_rows', {
        id: `Satu penyerahan paling banyak ${BALIKAN_MAX_ROWS.toLocaleString('id-ID')} baris; bagi berkasnya.`,
        en: `One delivery holds at most ${BALIKAN_MAX_ROWS.toLocaleString('en-US')} rows; split the file.`,
      });
    }
  }
  if (records.length < 2)
    throw invalid(
      'balikan_csv_empty',
      'Berkas tidak berisi baris data (baris pertama adalah judul kolom).',
      'The file holds no data rows (the first line is the header).',
    );
  return records;
}

/** The PKS in force the delivery is for, and its duty of this kind. */
async function dutyFor(ctx: Ctx, submitter: Submitter, input: DeliveryInput) {
  if (!input.kind)
    throw invalid('balikan_kind_missing', 'Pilih jenis data balikan.', 'Name the kind of data balikan (kind).');
  if (!input.period)
    throw invalid('balikan_period_missing', 'Isi periode penyerahan.', 'Name the period of the delivery (period).');
  const kind = balikanKind(input.kind);
  if (!kind)
    throw invalid(
      'balikan_kind_unknown',
      'Jenis data balikan tidak dikenal.',
      `Unknown kind of data balikan; one of ${BALIKAN_KINDS.map((k) => k.code).join(', ')}.`,
    );
  const filter =
    submitter.channel === 'v1'
      ? { agreementId: submitter.agreementId }
      : { institutionId: submitter.actor.orgId, ...(input.agreementId ? { agreementId: input.agreementId } : {}) };
  const candidates = (await repo.agreementsInForce(ctx.db, filter)).filter((a) =>
    a.duties.some((d) => d.kind === kind.code),
  );
  if (!candidates.length)
    throw errors.conflict('balikan_no_duty', {
      id: `PKS yang berlaku tidak mewajibkan data balikan "${kind.name.id}".`,
      en: `No PKS in force requires "${kind.name.en}" as data balikan.`,
    });
  if (candidates.length > 1)
    throw invalid(
      'balikan_agreement_required',
      'Lebih dari satu PKS mewajibkan data balikan ini; pilih PKS-nya.',
      'More than one PKS requires this data balikan; name the agreement.',
    );
  const agreement = candidates[0] as repo.DutyAgreement;
  const duty = agreement.duties.find((d) => d.kind === kind.code) as DataBalikanDuty;
  const period = parsePeriod(duty.frequency, input.period);
  if (!period)
    throw invalid(
      'balikan_period_invalid',
      `Periode tidak sah; tulis ${PERIOD_FORMATS[duty.frequency]}.`,
      `Invalid period; write ${PERIOD_FORMATS[duty.frequency]}.`,
    );
  const today = officeToday(agreement.timezone, ctx.now());
  if (period.start > today)
    throw invalid('balikan_period_not_started', 'Periode ini belum dimulai.', 'This period has not started yet.');
  if (period.end < agreement.startDate || (agreement.endDate && period.start > agreement.endDate))
    throw invalid(
      'balikan_period_outside_pks',
      'Periode ini di luar masa berlaku PKS.',
      "This period lies outside the PKS's term.",
    );
  return { kind, agreement, duty, period, today };
}

/** Checks and records a delivery in one transaction; answers its counts and its bad rows. */
export async function submit(ctx: Ctx, submitter: Submitter, input: DeliveryInput) {
  if (submitter.channel === 'web') assertMayDeliver(submitter.actor);
  if (input.bytes.length > BALIKAN_MAX_BYTES) {
    throw new DomainError('too_large', 'balikan_file_too_large', {
      id: `Berkas data balikan paling besar ${BALIKAN_MAX_BYTES / 1024 / 1024} MB.`,
      en: `A data balikan file is at most ${BALIKAN_MAX_BYTES / 1024 / 1024} MB.`,
    });
  }
  const { kind, agreement, duty, period, today } = await dutyFor(ctx, submitter, input);
  const records = csvRecords(input.bytes);
  const [head, ...data] = records as [CsvRecord, ...CsvRecord[]];
  const header = checkHeader(kind, head.cells);
  if (!header.ok) {
    throw errors.invalid(
      'balikan_csv_header',
      {
        id: `Judul kolom tidak sesuai; untuk "${kind.name.id}" tulis: ${headerOf(kind).join(',')}.`,
        en: `The header does not fit; for "${kind.name.en}" write: ${headerOf(kind).join(',')}.`,
      },
      header.issues,
    );
  }
  const rows: CheckedRow[] = data.map((r) => checkRow(header.columns, r, today));
  const known = await repo.knownNiks(
    ctx.db,
    rows.flatMap((r) => (r.nik ? [r.nik] : [])),
  );
  for (const r of rows) if (r.nik && !known.has(r.nik)) r.problems.push(UNKNOWN_RESIDENT);
  const good = rows.filter((r) => r.problems.length === 0);
  const bad = rows.filter((r) => r.problems.length > 0);
  const now = ctx.now().toISOString();
  const id = newId();
  const result = await ctx.db.transaction().execute(async (trx) => {
    const previous = await repo.currentDelivery(trx, agreement.id, kind.code, period.key);
    const row: DataBalikanDeliveryTable = {
      id,
      agreement_id: agreement.id,
      institution_id: agreement.institutionId,
      office_id: agreement.officeId,
      kind: kind.code,
      frequency: duty.frequency,
      period: period.key,
      period_start: period.start,
      period_end: period.end,
      channel: submitter.channel,
      submitted_by: submitter.channel === 'web' ? submitter.actor.userId : submitter.grantId,
      submitted_at: now,
      filename: input.filename.slice(0, 200),
      file_sha256: crypto.createHash('sha256').update(input.bytes).digest('hex'),
      total_rows: rows.length,
      good_rows: good.length,
      bad_rows: bad.length,
      supersedes_id: previous?.id ?? null,
      superseded_by: null,
    };
    await repo.insertDelivery(
      trx,
      row,
      good.map((r) => ({ line: r.line, nik: r.nik ?? '', values: r.values })),
      bad.map((r) => ({
        line: r.line,
        // The uploader's own row, shown masked: the report says which row, never more of a NIK than that.
        nikMasked: r.values.NIK ? maskNik(r.values.NIK) : null,
        problems: r.problems,
      })),
    );
    await recordDelivery(trx, ctx.now(), submitter, row);
    return row;
  });
  return viewOf(
    { ...result, institution_name: agreement.institutionName, agreement_number: agreement.number },
    bad.slice(0, BAD_ROWS_SHOWN).map((r) => ({
      line: r.line,
      nikMasked: r.values.NIK ? maskNik(r.values.NIK) : null,
      problems: r.problems,
    })),
  );
}

/** The delivery's decision entry: counts, kind, period and channel — never a NIK or a row. */
async function recordDelivery(trx: Transaction<DB>, at: Date, submitter: Submitter, d: DataBalikanDeliveryTable) {
  const detail = {
    deliveryId: d.id,
    kind: d.kind,
    period: d.period,
    channel: d.channel,
    totalRows: d.total_rows,
    goodRows: d.good_rows,
    badRows: d.bad_rows,
    supersedes: d.supersedes_id,
  };
  const decision = {
    action: DELIVERY_ACTION,
    result: d.supersedes_id ? 'correction' : 'ok',
    institutionId: d.institution_id,
    pksId: d.agreement_id,
    detail,
  };
  if (submitter.channel === 'web') return recordDecision(trx, at, submitter.actor, decision);
  // A machine channel's decision, attributed to its credential as its data calls are (recordDecision knows users).
  await insertPending(trx, {
    id: newId(),
    time: at.toISOString(),
    action: DELIVERY_ACTION,
    actor: { kind: 'credential', id: submitter.grantId },
    institutionId: d.institution_id,
    pksId: d.agreement_id,
    pksVersionHash: null,
    elements: [],
    resultCode: decision.result,
    clientIp: submitter.clientIp,
    nikHash: null,
    detail,
  });
}

type DeliveryRow = NonNullable<Awaited<ReturnType<typeof repo.findDelivery>>>;

function periodOfRow(d: Pick<DeliveryRow, 'frequency' | 'period' | 'period_start' | 'period_end'>) {
  return { frequency: d.frequency, key: d.period, start: d.period_start, end: d.period_end };
}

function viewOf(d: DeliveryRow, badRows?: { line: number; nikMasked: string | null; problems: RowProblem[] }[]) {
  const p = periodOfRow(d);
  return {
    id: d.id,
    agreementId: d.agreement_id,
    agreementNumber: d.agreement_number,
    institution: { id: d.institution_id, name: d.institution_name },
    kind: d.kind,
    kindName: balikanKind(d.kind)?.name ?? { id: d.kind, en: d.kind },
    frequency: d.frequency,
    period: d.period,
    periodLabel: { id: periodLabel(p), en: periodLabelEn(p) },
    channel: d.channel,
    submittedAt: d.submitted_at,
    filename: d.filename,
    totalRows: d.total_rows,
    goodRows: d.good_rows,
    badRows: d.bad_rows,
    supersedesId: d.supersedes_id,
    supersededBy: d.superseded_by,
    ...(badRows ? { badRowList: badRows } : {}),
  };
}

async function scopeOf(ctx: Ctx, actor: Actor): Promise<repo.DeliveryScope> {
  if (actor.orgKind === 'institution') return { institutionId: actor.orgId };
  if (actor.atPusat) return 'all';
  return { officeIds: await officeDescendants(ctx.db, actor.orgId) };
}

/** Deliveries the actor may see: the institution its own, an office its institutions', pusat all. */
export async function listDeliveries(ctx: Ctx, actor: Actor) {
  const rows = await repo.listDeliveries(ctx.db, await scopeOf(ctx, actor));
  return rows.map((r) => viewOf(r));
}

async function visibleDelivery(ctx: Ctx, actor: Actor, id: string): Promise<DeliveryRow> {
  const d = await repo.findDelivery(ctx.db, id);
  if (!d) throw errors.notFound(DELIVERY);
  const may =
    actor.orgKind === 'institution'
      ? actor.orgId === d.institution_id
      : actor.atPusat || (await officeChain(ctx.db, d.office_id)).includes(actor.orgId);
  // Another's delivery is not found: ids are not secrets, and existence is not told.
  if (!may) throw errors.notFound(DELIVERY);
  return d;
}

/** One delivery with its first bad rows. */
export async function getDelivery(ctx: Ctx, actor: Actor, id: string) {
  const d = await visibleDelivery(ctx, actor, id);
  return viewOf(d, await repo.badRowsOf(ctx.db, id, BAD_ROWS_SHOWN));
}

function csvCell(s: string): string {
  // A leading =, +, - or @ would be read as a formula by a spreadsheet.
  const safe = /^[=+\-@]/.test(s) ? `'${s}` : s;
  return /[",;\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The bad-row report of a delivery as CSV: line, NIK (masked), column, reason (Indonesian). */
export async function badRowsCsv(ctx: Ctx, actor: Actor, id: string) {
  const d = await visibleDelivery(ctx, actor, id);
  const rows = await repo.badRowsOf(ctx.db, id);
  const lines = ['BARIS,NIK,KOLOM,ALASAN'];
  for (const r of rows)
    for (const p of r.problems)
      lines.push([String(r.line), r.nikMasked ?? '', p.field, p.message.id].map(csvCell).join(','));
  return { filename: `data-balikan-${d.kind}-${d.period}-baris-salah.csv`, csv: `\uFEFF${lines.join('\r\n')}\r\n` };
}

/** The duties of the PKS in force the actor may see, with every owed period delivered, due or missing. */
export async function duties(ctx: Ctx, actor: Actor) {
  const scope = await scopeOf(ctx, actor);
  let agreements = await repo.agreementsInForce(
    ctx.db,
    typeof scope === 'object' && 'institutionId' in scope ? { institutionId: scope.institutionId } : {},
  );
  if (typeof scope === 'object' && 'officeIds' in scope)
    agreements = agreements.filter((a) => scope.officeIds.includes(a.officeId));
  agreements = agreements.filter((a) => a.duties.length > 0);
  const facts = await repo.deliveryFacts(
    ctx.db,
    typeof scope === 'object' && 'institutionId' in scope ? { institutionId: scope.institutionId } : {},
  );
  const byAgreement = new Map<string, DeliveryFact[]>();
  for (const f of facts) {
    const list = byAgreement.get(f.agreement_id) ?? [];
    list.push({
      id: f.id,
      kind: f.kind,
      period: f.period,
      submittedAt: f.submitted_at,
      goodRows: f.good_rows,
      supersededBy: f.superseded_by,
    });
    byAgreement.set(f.agreement_id, list);
  }
  return agreements.map((a) => {
    const today = officeToday(a.timezone, ctx.now());
    return {
      agreementId: a.id,
      agreementNumber: a.number,
      institution: { id: a.institutionId, name: a.institutionName },
      duties: a.duties.map((duty) => {
        const kind = balikanKind(duty.kind);
        return {
          kind: duty.kind,
          kindName: kind?.name ?? { id: duty.kind, en: duty.kind },
          frequency: duty.frequency,
          periods: trackDuty(duty, a, today, byAgreement.get(a.id) ?? []).map((p) => ({
            period: p.period.key,
            label: { id: p.label, en: periodLabelEn(p.period) },
            start: p.period.start,
            end: p.period.end,
            dueDate: p.dueDate,
            state: p.state,
            fulfilledAt: p.fulfilledAt,
            currentDeliveryId: p.currentDeliveryId,
            deliveries: p.deliveries,
          })),
        };
      }),
    };
  });
}
