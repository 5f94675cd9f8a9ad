/**
 * The obligations job (issue 12): over every obligation — the semester reports owed (reports module) and the data
 * balikan deliveries owed (balikan module) — on each office's local date: a reminder before the due date and one
 * on it, a numbered warning letter the day after, and more than three months overdue the institution's access
 * suspended as a recorded sanction with its letter; once nothing of a sanctioned institution is overdue, the
 * ladder lifts the suspension it imposed (never one made by someone else), also with a letter. Rules are pure in
 * domain/reports/ladder.ts; each step is one transaction holding its once-only marker (unique per obligation and
 * step, or the sanction row), its letter, its notices and its decision by actor `system`, so a second tick on the
 * same day does nothing again.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Job, JobContext } from '../scheduler.js';
import type { DB } from '../../db/schema.js';
import type { Obligation } from '../../../domain/obligations/obligation.js';
import type { DocumentKind } from '../../../domain/documents.js';
import { institutionStep, obligationStep, sanctionable, type ObligationStep } from '../../../domain/reports/ladder.js';
import { tanggal } from '../../../domain/tanggal.js';
import { newId } from '../../lib/ids.js';
import { recordDecision } from '../../modules/access/audit/decisions.js';
import { accessChanged, announceAccessChange } from '../../modules/access/runtime/access-changes.js';
import { dataBalikanObligations } from '../../modules/balikan/balikan.obligations.js';
import { campaignFollowUpObligations } from '../../modules/campaigns/campaign.obligations.js';
import { findInstitution } from '../../modules/directory/directory.repository.js';
import { produce } from '../../modules/documents/document.service.js';
import type { TemplateData } from '../../modules/documents/templates.js';
import { templateOffice } from '../../modules/directory/letterhead.service.js';
import { notify, type NoticeInput } from '../../modules/reports/notices.js';
import { OfficeDates, reportObligations } from '../../modules/reports/report.obligations.js';
import * as repo from '../../modules/reports/reports.repository.js';

const SYSTEM = { kind: 'system' } as const;

type Ctx = Pick<JobContext['deps'], 'db' | 'config'> & { now: () => Date };

async function letterData(db: Kysely<DB> | Transaction<DB>, officeId: string, institutionId: string) {
  const inst = await findInstitution(db, institutionId);
  const data: TemplateData = {
    office: await templateOffice(db, officeId),
    ...(inst ? { institution: { name: inst.name, type: inst.type, address: inst.address } } : {}),
  };
  return { data, name: inst?.name ?? '' };
}

/** Every obligation the ladder runs over. */
export async function allObligations(db: Kysely<DB>, now: Date): Promise<Obligation[]> {
  return [
    ...(await reportObligations(db, now)),
    ...(await dataBalikanObligations(db, now)),
    ...(await campaignFollowUpObligations(db)),
  ];
}

/** One once-only step of one obligation, in its own transaction; false when it was already taken. */
async function takeStep(ctx: Ctx, o: Obligation, step: ObligationStep, today: string, number: string) {
  const now = ctx.now();
  return ctx.db.transaction().execute(async (trx) => {
    const id = newId();
    const fresh = await repo.insertStep(trx, {
      id,
      obligation_key: o.key,
      step,
      kind: o.kind,
      institution_id: o.institutionId,
      office_id: o.officeId,
      agreement_id: o.agreementId,
      label: o.label,
      due_date: o.dueDate,
      local_date: today,
      document_id: null,
      created_at: now.toISOString(),
    });
    if (!fresh) return false;
    const { data, name } = await letterData(trx, o.officeId, o.institutionId);
    let documentId: string | null = null;
    let letterNumber: string | null = null;
    if (step === 'warning') {
      const doc = await produce(ctx, trx, {
        kind: 'warning_letter',
        officeId: o.officeId,
        institutionId: o.institutionId,
        agreementId: o.agreementId,
        data: {
          ...data,
          ladder: { items: [{ label: o.label, agreementNumber: number, dueDate: o.dueDate }], on: today },
        },
        createdBy: null,
      });
      documentId = doc.documentId;
      letterNumber = doc.number;
      await repo.setStepDocument(trx, id, doc.documentId);
    }
    const link =
      o.kind === 'semester_report' ? '/reports' : o.kind === 'campaign_follow_up' ? '/campaigns' : '/data-balikan';
    const due = tanggal(o.dueDate);
    const message =
      step === 'reminder_before'
        ? {
            title: { id: 'Pengingat batas waktu', en: 'Deadline reminder' },
            body: {
              id: `${o.label} harus disampaikan paling lambat ${due}.`,
              en: `${o.label} is due by ${o.dueDate}.`,
            },
          }
        : step === 'reminder_due'
          ? {
              title: { id: 'Batas waktu hari ini', en: 'Due today' },
              body: { id: `Hari ini (${due}) batas waktu ${o.label}.`, en: `${o.label} is due today (${o.dueDate}).` },
            }
          : {
              title: { id: 'Surat peringatan', en: 'Warning letter' },
              body: {
                id: `${o.label} terlambat sejak ${due}. Surat peringatan Nomor ${letterNumber ?? ''} telah dikirim; lebih dari tiga bulan terlambat, hak akses dihentikan sementara.`,
                en: `${o.label} is overdue since ${o.dueDate}. Warning letter ${letterNumber ?? ''} was sent; more than three months overdue, access is suspended.`,
              },
            };
    await notify(trx, now, {
      to: { kind: 'institution', id: o.institutionId },
      institutionId: o.institutionId,
      kind: `obligation_${step}`,
      ...message,
      link,
      documentId,
    });
    if (step === 'warning') {
      await notify(trx, now, {
        to: { kind: 'office', id: o.officeId },
        institutionId: o.institutionId,
        kind: 'obligation_warning',
        title: { id: 'Surat peringatan dikirim', en: 'Warning letter sent' },
        body: {
          id: `${name}: ${o.label} terlambat sejak ${due}; surat peringatan Nomor ${letterNumber ?? ''} dikirim.`,
          en: `${name}: ${o.label} overdue since ${o.dueDate}; warning letter ${letterNumber ?? ''} sent.`,
        },
        link: '/reports',
        documentId,
      });
    }
    await recordDecision(trx, now, SYSTEM, {
      action: step === 'warning' ? 'obligation.warning' : 'obligation.reminder',
      result: step,
      institutionId: o.institutionId,
      pksId: o.agreementId,
      detail: {
        obligation: o.key,
        kind: o.kind,
        dueDate: o.dueDate,
        localDate: today,
        documentId,
        number: letterNumber,
      },
    });
    return true;
  });
}

/** Suspends an institution for its obligations more than three months overdue; false when nothing changed. */
async function sanction(ctx: Ctx, institutionId: string, officeId: string, overdue: Obligation[], today: string) {
  const now = ctx.now();
  const numbers = await repo.agreementNumbers(
    ctx.db,
    overdue.map((o) => o.agreementId),
  );
  return ctx.db.transaction().execute(async (trx) => {
    if ((await repo.sanctionsOf(trx, [institutionId])).some((s) => s.lifted_at === null)) return false;
    if (!(await repo.setInstitutionStatusIf(trx, institutionId, 'verified', 'suspended'))) return false;
    const id = newId();
    await repo.insertSanction(trx, {
      id,
      institution_id: institutionId,
      office_id: officeId,
      obligations: JSON.stringify(overdue.map((o) => o.key)),
      imposed_at: now.toISOString(),
      imposed_on: today,
      letter_id: null,
      lifted_at: null,
      lifted_on: null,
      lift_letter_id: null,
    });
    const doc = await ladderLetter(ctx, trx, 'sanction_letter', officeId, institutionId, overdue, numbers, today);
    await repo.setSanctionLetter(trx, id, doc.documentId);
    await recordDecision(trx, now, SYSTEM, {
      action: 'obligation.sanction',
      result: 'suspended',
      institutionId,
      detail: {
        sanctionId: id,
        obligations: overdue.map((o) => o.key).join(','),
        localDate: today,
        documentId: doc.documentId,
        number: doc.number,
      },
    });
    // Its grants refuse from the very next request, in every server process.
    await announceAccessChange(trx, { institutionId, what: 'institution.suspended' });
    await notifyBoth(trx, now, institutionId, officeId, doc, {
      kind: 'obligation_sanction',
      title: { id: 'Hak akses dihentikan sementara', en: 'Access suspended' },
      body: {
        id: `Hak akses dihentikan sementara sejak ${tanggal(today)} karena kewajiban terlambat lebih dari tiga bulan (surat Nomor ${doc.number}).`,
        en: `Access suspended since ${today}: obligations more than three months overdue (letter ${doc.number}).`,
      },
    });
    return true;
  });
}

/** Lifts the ladder's open sanction of an institution whose obligations are no longer overdue. */
async function reactivate(ctx: Ctx, institutionId: string, officeId: string, today: string, all: Obligation[]) {
  const now = ctx.now();
  return ctx.db.transaction().execute(async (trx) => {
    const open = (await repo.sanctionsOf(trx, [institutionId])).find((s) => s.lifted_at === null);
    if (!open) return false;
    const keys = JSON.parse(open.obligations) as string[];
    const resumed = await repo.setInstitutionStatusIf(trx, institutionId, 'suspended', 'verified');
    const items = all.filter((o) => keys.includes(o.key));
    const numbers = await repo.agreementNumbers(
      trx,
      items.map((o) => o.agreementId),
    );
    const doc = resumed
      ? await ladderLetter(
          ctx,
          trx,
          'reactivation_letter',
          officeId,
          institutionId,
          items,
          numbers,
          today,
          open.imposed_on,
        )
      : null;
    if (
      !(await repo.liftSanction(trx, open.id, {
        lifted_at: now.toISOString(),
        lifted_on: today,
        lift_letter_id: doc?.documentId ?? null,
      }))
    )
      return false;
    await recordDecision(trx, now, SYSTEM, {
      action: 'obligation.reactivation',
      // Someone else changed the status meanwhile: the ladder closes its sanction and leaves the status alone.
      result: resumed ? 'verified' : 'closed',
      institutionId,
      detail: {
        sanctionId: open.id,
        localDate: today,
        documentId: doc?.documentId ?? null,
        number: doc?.number ?? null,
      },
    });
    if (resumed && doc) {
      await announceAccessChange(trx, { institutionId, what: 'institution.verified' });
      await notifyBoth(trx, now, institutionId, officeId, doc, {
        kind: 'obligation_reactivation',
        title: { id: 'Hak akses diaktifkan kembali', en: 'Access reactivated' },
        body: {
          id: `Kewajiban yang terlambat telah dipenuhi; hak akses diaktifkan kembali sejak ${tanggal(today)} (surat Nomor ${doc.number}).`,
          en: `The overdue obligations are fulfilled; access reactivated since ${today} (letter ${doc.number}).`,
        },
      });
    }
    return true;
  });
}

async function ladderLetter(
  ctx: Ctx,
  trx: Transaction<DB>,
  kind: DocumentKind,
  officeId: string,
  institutionId: string,
  items: Obligation[],
  numbers: Map<string, string>,
  today: string,
  suspendedOn?: string,
) {
  const { data } = await letterData(trx, officeId, institutionId);
  return produce(ctx, trx, {
    kind,
    officeId,
    institutionId,
    agreementId: items[0]?.agreementId ?? null,
    data: {
      ...data,
      ladder: {
        items: items.map((o) => ({
          label: o.label,
          agreementNumber: numbers.get(o.agreementId) ?? '',
          dueDate: o.dueDate,
        })),
        on: today,
        ...(suspendedOn ? { suspendedOn } : {}),
      },
    },
    createdBy: null,
  });
}

async function notifyBoth(
  trx: Transaction<DB>,
  now: Date,
  institutionId: string,
  officeId: string,
  doc: { documentId: string },
  n: { kind: NoticeInput['kind']; title: { id: string; en: string }; body: { id: string; en: string } },
) {
  const name = (await findInstitution(trx, institutionId))?.name ?? '';
  await notify(trx, now, {
    to: { kind: 'institution', id: institutionId },
    institutionId,
    ...n,
    link: '/reports',
    documentId: doc.documentId,
  });
  await notify(trx, now, {
    to: { kind: 'office', id: officeId },
    institutionId,
    ...n,
    body: { id: `${name}: ${n.body.id}`, en: `${name}: ${n.body.en}` },
    link: '/reports',
    documentId: doc.documentId,
  });
}

/**
 * Runs the ladder once at `now`; returns how many steps it took. `only` limits it to one institution (a report
 * accepted: its suspension is lifted at once rather than at the next tick).
 */
export async function runLadder(
  deps: JobContext['deps'],
  now: Date,
  log: JobContext['log'],
  only?: { institutionId: string },
): Promise<number> {
  const ctx: Ctx = { db: deps.db, config: deps.config, now: () => now };
  const dates = new OfficeDates(deps.db, now);
  const obligations = (await allObligations(deps.db, now)).filter(
    (o) => !only || o.institutionId === only.institutionId,
  );
  const taken = new Map<string, Set<ObligationStep>>();
  for (const s of await repo.stepsTaken(deps.db)) {
    const set = taken.get(s.obligation_key) ?? new Set<ObligationStep>();
    set.add(s.step as ObligationStep);
    taken.set(s.obligation_key, set);
  }
  const numbers = await repo.agreementNumbers(deps.db, [...new Set(obligations.map((o) => o.agreementId))]);
  let changed = 0;
  for (const o of obligations) {
    const today = await dates.of(o.officeId);
    if (!today) continue;
    const step = obligationStep(o, today, taken.get(o.key) ?? new Set());
    if (!step) continue;
    try {
      if (await takeStep(ctx, o, step, today, numbers.get(o.agreementId) ?? '')) changed += 1;
    } catch (e) {
      log(`obligation ${o.key}: ${step} failed`, e);
    }
  }
  // The institution as a whole: suspend, or lift the ladder's own suspension.
  const sanctions = await repo.sanctionsOf(deps.db, only ? [only.institutionId] : undefined);
  const open = new Map(sanctions.filter((s) => s.lifted_at === null).map((s) => [s.institution_id, s]));
  const byInstitution = new Map<string, Obligation[]>();
  for (const o of obligations) byInstitution.set(o.institutionId, [...(byInstitution.get(o.institutionId) ?? []), o]);
  const ids = [...new Set([...byInstitution.keys(), ...open.keys()])];
  const institutions = new Map((await repo.institutionsByIds(deps.db, ids)).map((i) => [i.id, i]));
  let announced = false;
  for (const id of ids) {
    const inst = institutions.get(id);
    if (!inst) continue;
    const list = byInstitution.get(id) ?? [];
    const officeId = open.get(id)?.office_id ?? list[0]?.officeId ?? inst.office_id;
    const today = await dates.of(officeId);
    if (!today) continue;
    const openOne = open.get(id);
    const before = new Set(
      sanctions
        .filter((s) => s.institution_id === id && s.lifted_at !== null)
        .flatMap((s) => JSON.parse(s.obligations) as string[]),
    );
    const step = institutionStep({
      obligations: list,
      today,
      status: inst.status,
      openSanction: openOne ? (JSON.parse(openOne.obligations) as string[]) : null,
      sanctionedBefore: before,
    });
    try {
      if (step === 'sanction') {
        const overdue = sanctionable(list, today, before);
        if (await sanction(ctx, id, officeId, overdue, today)) {
          changed += 1;
          announced = true;
        }
      } else if (step === 'reactivate') {
        if (await reactivate(ctx, id, officeId, today, obligations)) {
          changed += 1;
          announced = true;
        }
      }
    } catch (e) {
      log(`institution ${id}: ${step ?? ''} failed`, e);
    }
  }
  if (announced) accessChanged();
  return changed;
}

/** The obligations ladder over time. */
export const obligations: Job = {
  name: 'obligations',
  async run({ deps, now, log }) {
    return runLadder(deps, now, log);
  },
};
