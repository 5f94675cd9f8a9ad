/**
 * Words for the codes the server sends, in one place: role names, audit action names, status words, decisions and
 * outcomes. No screen shows a code: an unknown one falls back to a readable form of it ("kasi_monev" → "Kasi
 * monev"), never to SCREAMING_SNAKE or dotted codes. Pure (the hooks are in ./useLabels.ts).
 */
import type { TFunction } from 'i18next';
import type { Bilingual } from '../api/client';
import type { Lang } from '../i18n';

/** A code as words when nothing names it: "kasi_monev" → "Kasi monev", "PORTAL_LOOKUP" → "Portal lookup". */
export function humanize(code: string): string {
  const words = code
    .replace(/[._-]+/g, ' ')
    .trim()
    .toLowerCase();
  return words ? words[0]!.toUpperCase() + words.slice(1) : code;
}

/** The i18n key of an audit action ("case.opened" → "case_opened"). */
export function actionKey(action: string): string {
  return action.replaceAll('.', '_');
}

/** An audit action in words: "PORTAL_LOOKUP" → "Pencarian melalui portal". */
export function actionName(action: string, t: TFunction): string {
  return t(`auditAction.${actionKey(action)}`, { defaultValue: humanize(action) });
}

/** A role known to the page: its code and names (from the roles API or the session). */
export interface NamedRole {
  code: string;
  name: Bilingual;
}

/**
 * A role's name: a role the page knows (the roles API, the session's roles) by its own name, a built-in role by
 * the shipped name (office roles first unless `orgKind` says institution), an SOP's assignee word by its name,
 * anything else humanized.
 */
export function roleName(
  code: string | null | undefined,
  t: TFunction,
  lang: Lang,
  known: readonly NamedRole[] = [],
  orgKind: 'office' | 'institution' = 'office',
): string {
  if (!code) return '—';
  const own = known.find((r) => r.code === code);
  if (own) return own.name[lang] || own.name.id || humanize(code);
  const kinds = orgKind === 'institution' ? ['institution', 'office'] : ['office', 'institution'];
  for (const kind of [...kinds, 'assignee']) {
    const key = `plain.role.${kind}.${code}`;
    const name = t(key, { defaultValue: '' });
    if (name) return name;
  }
  // A code qualified by its organisation ("kebumen.kabid") names the role after the dot.
  const dot = code.lastIndexOf('.');
  if (dot > 0) return roleName(code.slice(dot + 1), t, lang, known, orgKind);
  return humanize(code);
}

/** The families of status words the screens show, by their i18n prefix. */
export const STATUS_KINDS = {
  pks: 'pksStatus',
  application: 'applicationStatus',
  case: 'caseStatus',
  task: 'taskStatus',
  grant: 'grantStatus',
  sla: 'sla',
  account: 'status',
  document: 'verifyStatus',
  trial: 'trialResult',
  outcome: 'plain.outcome',
} as const;

/** A family of status words. */
export type StatusKind = keyof typeof STATUS_KINDS;

/** The i18n key of a status word. */
export function statusKey(kind: StatusKind, value: string): string {
  return `${STATUS_KINDS[kind]}.${value}`;
}

/** A status in words: ('pks', 'in_review') → "Dalam telaah". */
export function statusName(kind: StatusKind, value: string | null | undefined, t: TFunction): string {
  if (!value) return '—';
  return t(statusKey(kind, value), { defaultValue: humanize(value) });
}

/** The i18n key of a decision label ("tidak lengkap" → "tidak_lengkap"). */
function decisionKey(label: string): string {
  return label.trim().toLowerCase().replace(/\s+/g, '_');
}

/**
 * A decision branch of an SOP step ("setuju", "tolak") in the UI's language: "Setuju"/"Approve". A branch the
 * list does not know keeps the SOP's own words, capitalised.
 */
export function decisionName(label: string | null | undefined, t: TFunction): string {
  if (!label) return '—';
  const text = label.trim();
  return t(`plain.decision.${decisionKey(text)}`, { defaultValue: text.charAt(0).toUpperCase() + text.slice(1) });
}

/**
 * The result of an administrative decision in the audit trail ("ok", "passed", "recompiled", a PKS status, an
 * SOP branch) in words; a number (days before a PKS ends) stays a number.
 */
export function resultName(code: string | null | undefined, t: TFunction): string {
  if (!code) return '—';
  if (/^\d+$/.test(code)) return code;
  for (const key of [`plain.result.${code}`, `plain.decision.${decisionKey(code)}`, `pksStatus.${code}`]) {
    const text = t(key, { defaultValue: '' });
    if (text) return text;
  }
  return humanize(code);
}
