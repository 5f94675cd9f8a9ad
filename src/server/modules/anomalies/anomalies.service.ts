/**
 * The review of anomaly findings (issue 13): findings listed in the actor's scope (an office its institutions' and
 * those of the offices under it, pusat all, an institution its own), a finding's evidence in words, the reviewer's
 * decision — true or false, resume or revoke what was suspended, a note — taken through the review case's step so
 * the Kotak Masuk closes, and the office's tuning of its rules (a false positive moves the rule's parameters by
 * their step and is counted). Each use case is one transaction with its decisions on the signed record.
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Deps } from '../../deps.js';
import type { Actor } from '../../../domain/authz.js';
import { errors } from '../../../domain/errors.js';
import { RULES, ruleByCode, type RuleSpec } from '../../../domain/anomalies/rules.js';
import {
  canSeeFinding,
  canTuneRules,
  decisionProblem,
  effectiveParams,
  paramIssues,
  tuneAfterFalsePositive,
  type Outcome,
  type Verdict,
} from '../../../domain/anomalies/review.js';
import { evidenceWords } from '../../../domain/anomalies/evidence.js';
import { tanggalIn } from '../../../domain/tanggal.js';
import { recordDecision } from '../access/audit/decisions.js';
import { accessChanged } from '../access/runtime/access-changes.js';
import { officeChain } from '../directory/actor.repository.js';
import { officeDescendants } from '../directory/directory.repository.js';
import { completeIn, openTasksWithAction } from '../cases/case.service.js';
import { sopForPurpose } from '../sop/sop.service.js';
import { notify } from '../reports/notices.js';
import { settleSubject } from './subjects.js';
import { RESIDENT_RULE, RESIDENT_TITLE } from './findings.js';
import * as repo from './anomalies.repository.js';
import './review.subject.js';

type Q = Kysely<DB> | Transaction<DB>;
type Ctx = Pick<Deps, 'db' | 'now' | 'config'>;

const FINDING = { id: 'Temuan anomali', en: 'Anomaly finding' };
const RULE = { id: 'Aturan anomali', en: 'Anomaly rule' };
/** The reviewer of the shipped template (sops/templates/tinjauan-anomali.yaml), until an office publishes its own. */
const TEMPLATE_REVIEWERS = ['kabid'];

function titleOf(rule: string) {
  if (rule === RESIDENT_RULE) return RESIDENT_TITLE;
  return ruleByCode(rule)?.title ?? { id: rule, en: rule };
}

/**
 * The roles that review an office's findings: those of the `anomaly.decide` steps of the SOP serving
 * anomaly_review there, or the template's reviewer when none was published yet. Admins tune as well.
 */
async function reviewerRoles(db: Q, officeId: string, now: Date): Promise<string[]> {
  const serving = await sopForPurpose(db, officeId, 'anomaly_review', now);
  if (!serving || serving === 'retired') return TEMPLATE_REVIEWERS;
  const { def } = serving;
  const roles = def.steps
    .filter((s) => s.actions.some((a) => a.type === 'anomaly.decide'))
    .flatMap((s) => s.pelaksana.slice(0, 1))
    .flatMap((code) => {
      const a = def.pelaksana.find((p) => p.code === code);
      return a && a.assignee.org === 'office' ? [a.assignee.role] : [];
    });
  return roles.length ? [...new Set(roles)] : TEMPLATE_REVIEWERS;
}

/** The finding if the actor may see it; 404 otherwise (nothing tells whether another institution's exists). */
async function visibleFinding(db: Q, actor: Actor, id: string) {
  const f = await repo.findFinding(db, id);
  if (!f) throw errors.notFound(FINDING);
  const chain = actor.orgKind === 'office' && !actor.atPusat ? await officeChain(db, f.office_id) : [];
  if (!canSeeFinding(actor, { officeChain: chain, institutionId: f.institution_id })) throw errors.notFound(FINDING);
  return f;
}

async function view(
  db: Q,
  actor: Actor,
  f: repo.FindingRow & { institution_name?: string | null; office_name?: string },
) {
  // A resident's report stays with the office that reviews it: the institution learns that one of its accesses
  // was reported, on which day the report came, never the resident's words nor the access's instant or channel
  // (its own log would tell it at once which customer complained).
  const hidden = actor.orgKind === 'institution' && f.source === 'resident_report';
  const evidence = hidden ? {} : repo.evidenceOf(f);
  const window = hidden
    ? { start: f.created_at.slice(0, 10), end: f.created_at.slice(0, 10) }
    : { start: f.window_start, end: f.window_end };
  const words = evidenceWords(f.rule, evidence);
  const subject = await repo.subjectName(db, f.subject_kind, f.subject_id);
  const office = f.office_name ?? (await repo.officeOf(db, f.office_id))?.name ?? '';
  const institutionName =
    f.institution_name ?? (f.institution_id ? ((await repo.institutionOf(db, f.institution_id))?.name ?? null) : null);
  return {
    id: f.id,
    rule: f.rule,
    ruleTitle: titleOf(f.rule),
    severity: f.severity,
    source: f.source,
    status: f.status,
    outcome: f.outcome,
    office: { id: f.office_id, name: office },
    institution: f.institution_id ? { id: f.institution_id, name: institutionName ?? '' } : null,
    subject:
      f.subject_kind && f.subject_id
        ? {
            kind: f.subject_kind,
            id: f.subject_id,
            name: subject?.name ?? f.subject_id,
            status: subject?.status ?? null,
          }
        : null,
    windowStart: window.start,
    windowEnd: window.end,
    createdAt: hidden ? window.start : f.created_at,
    suspendedAt: f.suspended_at,
    decidedAt: f.decided_at,
    caseId: f.case_id,
    summary: words.summary,
    evidence: words,
  };
}

/** Findings in the actor's scope, newest first (at most 200), open or decided. */
export async function listFindings(
  deps: Pick<Deps, 'db'>,
  actor: Actor,
  query: { status?: 'open' | 'decided'; institutionId?: string; rule?: string },
) {
  const scope =
    actor.orgKind === 'institution'
      ? { officeIds: null, institutionId: actor.orgId }
      : { officeIds: actor.atPusat ? null : await officeDescendants(deps.db, actor.orgId) };
  const rows = await repo.listFindings(deps.db, scope, query, 200);
  const out = [];
  for (const r of rows) out.push(await view(deps.db, actor, r));
  return out;
}

/** One finding as its viewers see it, with the rule's rationale and whether the actor may decide it. */
export async function getFinding(deps: Pick<Deps, 'db' | 'now'>, actor: Actor, id: string) {
  const f = await visibleFinding(deps.db, actor, id);
  const spec = ruleByCode(f.rule);
  let canDecide = false;
  if (f.status === 'open') {
    canDecide = f.case_id
      ? (await openTasksWithAction(deps.db, actor, f.case_id, 'anomaly.decide')).length > 0
      : canTuneRules(actor, f.office_id, await reviewerRoles(deps.db, f.office_id, deps.now()));
  }
  return {
    ...(await view(deps.db, actor, f)),
    rationale: spec?.rationale ?? null,
    decisionNote: f.decision_note,
    decidedBy: await repo.userName(deps.db, f.decided_by),
    reportId: actor.orgKind === 'office' ? f.report_id : null,
    canDecide,
  };
}

function alreadyDecided() {
  return errors.conflict('finding_decided', {
    id: 'Temuan ini sudah diputuskan.',
    en: 'This finding has already been decided.',
  });
}

const OUTCOME_WORDS = {
  resumed: { id: 'dipulihkan', en: 'resumed' },
  revoked: { id: 'dicabut', en: 'revoked' },
} as const;

/** Moves the office's parameters of the finding's rule after a false positive (a decision on the record). */
async function tuneRule(trx: Transaction<DB>, at: Date, actor: Actor, f: repo.FindingRow) {
  const spec = ruleByCode(f.rule);
  if (!spec) return;
  const stored = (await repo.settingsOf(trx, f.office_id)).find((r) => r.rule === spec.code);
  const current = effectiveParams(spec, stored?.params ?? {});
  const { params, moved } = tuneAfterFalsePositive(spec, current);
  await repo.upsertSetting(trx, {
    office_id: f.office_id,
    rule: spec.code,
    enabled: stored?.enabled ?? 1,
    params: JSON.stringify(params),
    updated_by: actor.userId,
    updated_at: at.toISOString(),
  });
  await recordDecision(trx, at, actor, {
    action: 'anomaly.rule_tuned',
    result: moved.length ? 'tuned' : 'at_bound',
    institutionId: f.institution_id,
    detail: {
      officeId: f.office_id,
      rule: spec.code,
      findingId: f.id,
      moved: moved.map((m) => `${m.name}:${m.from}->${m.to}`).join(','),
      params: JSON.stringify(params),
    },
  });
}

/**
 * The reviewer's decision on a finding, one transaction: the verdict and note on the finding (once: a second
 * decision is 409), the suspended subject resumed or revoked, a false positive tuning the rule, the institution
 * told, and the review case's step completed so the task leaves the Kotak Masuk.
 */
export async function decide(
  deps: Ctx,
  actor: Actor,
  id: string,
  input: { verdict: Verdict; outcome: Outcome | null; note: string },
) {
  const note = input.note.trim();
  await deps.db.transaction().execute(async (trx) => {
    const f = await visibleFinding(trx, actor, id);
    if (f.status !== 'open') throw alreadyDecided();
    const problem = decisionProblem(
      { suspended: f.suspended_at !== null && f.subject_kind !== null },
      { verdict: input.verdict, outcome: input.outcome },
    );
    if (problem)
      throw errors.invalid(
        'decision_invalid',
        { id: 'Keputusan ini tidak dapat diambil.', en: 'This decision cannot be taken.' },
        [problem],
      );
    const at = deps.now();
    const task = f.case_id ? (await openTasksWithAction(trx, actor, f.case_id, 'anomaly.decide'))[0] : undefined;
    if (f.case_id ? !task : !canTuneRules(actor, f.office_id, await reviewerRoles(trx, f.office_id, at)))
      throw errors.forbidden();
    const decided = await repo.decideIfOpen(trx, f.id, {
      status: input.verdict,
      outcome: input.outcome,
      decided_by: actor.userId,
      decided_at: at.toISOString(),
      decision_note: note,
      updated_at: at.toISOString(),
    });
    if (!decided) throw alreadyDecided();
    if (input.outcome && f.subject_kind && f.subject_id)
      await settleSubject(trx, at, actor, { kind: f.subject_kind, id: f.subject_id }, f.id, input.outcome);
    await recordDecision(trx, at, actor, {
      action: 'anomaly.decided',
      result: input.verdict,
      institutionId: f.institution_id,
      detail: {
        findingId: f.id,
        rule: f.rule,
        severity: f.severity,
        outcome: input.outcome,
        subjectKind: f.subject_kind,
        subjectId: f.subject_id,
        caseId: f.case_id,
        note,
      },
    });
    if (input.verdict === 'false_positive') await tuneRule(trx, at, actor, f);
    if (f.institution_id) {
      const title = titleOf(f.rule);
      const when = { id: tanggalIn(f.window_start, 'id'), en: tanggalIn(f.window_start, 'en') };
      const outcome = input.outcome ? OUTCOME_WORDS[input.outcome] : null;
      await notify(trx, at, {
        to: { kind: 'institution', id: f.institution_id },
        institutionId: f.institution_id,
        kind: 'anomaly_decided',
        title: { id: 'Temuan anomali diputuskan', en: 'Anomaly finding decided' },
        body: {
          id: `Kantor telah meninjau temuan "${title.id}" (${when.id}) dan menyatakannya ${input.verdict === 'confirmed' ? 'benar' : 'keliru'}${outcome ? `; akses yang ditangguhkan ${outcome.id}` : ''}. Catatan: ${note}`,
          en: `The office reviewed the finding "${title.en}" (${when.en}) and marked it ${input.verdict === 'confirmed' ? 'true' : 'a false positive'}${outcome ? `; the suspended access is ${outcome.en}` : ''}. Note: ${note}`,
        },
        link: `/anomalies/findings/${f.id}`,
      });
    }
    if (task)
      await completeIn(deps, trx, actor, task.taskId, {
        ...(task.decision !== undefined ? { decision: task.decision } : {}),
        comment: note,
      });
  });
  // Committed: this process's grant caches drop before the answer (other processes on the notification).
  if (input.outcome) accessChanged();
  return getFinding(deps, actor, id);
}

/** The office whose settings the actor reads: its own by default; another in its scope (pusat: any). */
async function settingsOffice(db: Q, actor: Actor, officeId: string | undefined) {
  if (actor.orgKind !== 'office') throw errors.notFound({ id: 'Kantor', en: 'Office' });
  const target = officeId ?? actor.orgId;
  const office = await repo.officeOf(db, target);
  if (!office) throw errors.notFound({ id: 'Kantor', en: 'Office' });
  if (!actor.atPusat && !(await officeChain(db, target)).includes(actor.orgId))
    throw errors.notFound({ id: 'Kantor', en: 'Office' });
  return office;
}

function ruleView(spec: RuleSpec, stored: repo.RuleSetting | undefined, fps: number) {
  const values = effectiveParams(spec, stored?.params ?? {});
  return {
    code: spec.code,
    title: spec.title,
    severity: spec.severity,
    rationale: spec.rationale,
    enabled: stored ? stored.enabled === 1 : true,
    falsePositives: fps,
    updatedAt: stored?.updated_at ?? null,
    params: Object.entries(spec.params).map(([name, p]) => ({
      name,
      label: p.label,
      unit: p.unit,
      value: values[name] ?? p.default,
      default: p.default,
      min: p.min,
      max: p.max,
      step: p.step,
      tuning: spec.tuning[name] ?? null,
    })),
  };
}

/** An office's rules as it runs them: enabled, parameters within bounds, rationale, false positives counted. */
export async function settings(deps: Pick<Deps, 'db' | 'now'>, actor: Actor, officeId?: string) {
  const office = await settingsOffice(deps.db, actor, officeId);
  const stored = await repo.settingsOf(deps.db, office.id);
  const fps = await repo.falsePositives(deps.db, office.id);
  const reviewers = await reviewerRoles(deps.db, office.id, deps.now());
  return {
    officeId: office.id,
    officeName: office.name,
    reviewerRoles: reviewers,
    canTune: canTuneRules(actor, office.id, reviewers),
    rules: RULES.map((spec) =>
      ruleView(
        spec,
        stored.find((s) => s.rule === spec.code),
        fps.get(spec.code) ?? 0,
      ),
    ),
  };
}

/**
 * An office's admin or reviewer sets one rule: enabled or not, and parameters within the declared bounds
 * (those omitted keep their value). On the record.
 */
export async function updateSetting(
  deps: Pick<Deps, 'db' | 'now'>,
  actor: Actor,
  rule: string,
  input: { enabled: boolean; params: Record<string, number> },
) {
  const office = await settingsOffice(deps.db, actor, undefined);
  const spec = ruleByCode(rule);
  if (!spec) throw errors.notFound(RULE);
  const now = deps.now();
  if (!canTuneRules(actor, office.id, await reviewerRoles(deps.db, office.id, now))) throw errors.forbidden();
  const issues = paramIssues(spec, input.params);
  if (issues.length)
    throw errors.invalid(
      'rule_params_invalid',
      { id: 'Parameter aturan di luar batasnya.', en: 'Rule parameters out of bounds.' },
      issues,
    );
  await deps.db.transaction().execute(async (trx) => {
    const stored = (await repo.settingsOf(trx, office.id)).find((r) => r.rule === spec.code);
    const params = { ...effectiveParams(spec, stored?.params ?? {}), ...input.params };
    await repo.upsertSetting(trx, {
      office_id: office.id,
      rule: spec.code,
      enabled: input.enabled ? 1 : 0,
      params: JSON.stringify(params),
      updated_by: actor.userId,
      updated_at: now.toISOString(),
    });
    await recordDecision(trx, now, actor, {
      action: 'anomaly.rule_settings',
      result: input.enabled ? 'enabled' : 'disabled',
      detail: { officeId: office.id, rule: spec.code, params: JSON.stringify(params) },
    });
  });
  return settings(deps, actor);
}
