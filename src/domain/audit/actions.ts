/**
 * What an audit action is, in one place: the data calls of every channel (a person's data asked for) and
 * everything else (administrative decisions: a case step, a PKS signed, a login). Pengawasan's filters and its
 * per-day chart, and the durability test, read these lists; a new channel adds its action here.
 */

/** The data channels in display order. */
export const DATA_CHANNELS = ['web_service', 'v1', 'card_reader', 'web_portal'] as const;

/** The channels through which an institution asks for a person's data. */
export type DataChannel = (typeof DATA_CHANNELS)[number];

/** Every data-call action, by channel. */
export const DATA_CALL_ACTIONS: Readonly<Record<DataChannel, readonly string[]>> = {
  web_service: ['CALL_NIK', 'CALL_VERIFY_BY_ELEMEN'],
  v1: ['v1.lookup', 'v1.verify'],
  card_reader: ['reader.read'],
  web_portal: ['PORTAL_LOOKUP'],
};

/** All data-call actions. */
export const ALL_DATA_CALL_ACTIONS: readonly string[] = DATA_CHANNELS.flatMap((c) => DATA_CALL_ACTIONS[c]);

const DATA = new Set(ALL_DATA_CALL_ACTIONS);

/** Whether an action is a data call (of any channel) rather than an administrative decision. */
export function isDataCall(action: string): boolean {
  return DATA.has(action);
}

/** The channel of a data-call action, or null for a decision. */
export function channelOf(action: string): DataChannel | null {
  for (const c of DATA_CHANNELS) if (DATA_CALL_ACTIONS[c].includes(action)) return c;
  return null;
}

/**
 * Result codes of a data call that was answered (the person found, not found, deceased, inactive): every other
 * code of a data call is a refusal (login, IP, quota, hours, scope, validity, a card-reader check…).
 */
export const ANSWERED_CODES: readonly string[] = ['01', '11', '13', '14'];

/** Whether a data call's result code is a refusal. */
export function isRefusal(resultCode: string): boolean {
  return !ANSWERED_CODES.includes(resultCode);
}

/** Result codes of a call refused at its login (wrong secret, throttled): nobody proved to be the caller named. */
export const LOGIN_REFUSAL_CODES: readonly string[] = ['03', '19'];

/**
 * Whether a data call was made by the principal it names: it passed its login (a stranger who only knew a user
 * id is refused 03/19 under that name, or is recorded as `unknown:<userId>`). What a resident is shown as an
 * institution's access, and may report, is only such a call.
 */
export function byItsPrincipal(resultCode: string, actorId: string): boolean {
  return !LOGIN_REFUSAL_CODES.includes(resultCode) && !actorId.startsWith('unknown:');
}

/** The kinds Pengawasan filters on: a data call of any channel, or an administrative decision. */
export const ENTRY_KINDS = ['data_call', 'decision'] as const;
/** The kinds Pengawasan filters on. */
export type EntryKind = (typeof ENTRY_KINDS)[number];

/**
 * A signal for oversight, not a data call: failed web-service logins of one user id or one client address are
 * being throttled (gateway/credential-guard.ts). Recorded once when throttling starts and then with the count of
 * attempts refused unchecked, attributed to the credential named and its institution when the user id exists.
 * Pengawasan counts these per day (`throttled`) and filters them with `action=credential.throttled`.
 */
export const CREDENTIAL_THROTTLED = 'credential.throttled';

/**
 * Every administrative action (a decision, not a data call) the server records, so that every screen can name it
 * in words (src/web/lib/labels.ts; its test fails for an action here without an Indonesian and an English name,
 * and for an action the server records that is missing here).
 */
export const DECISION_ACTIONS: readonly string[] = [
  'access.request',
  'trial.result',
  'anomaly.finding',
  'anomaly.decided',
  'anomaly.rule_settings',
  'anomaly.rule_tuned',
  'application.submitted',
  'application.approved',
  'application.rejected',
  'application.withdrawn',
  'audit.recovered',
  'billing.payment',
  'billing.tariff',
  'campaign.opened',
  'campaign.checklist_filled',
  'campaign.data_dukung_prepared',
  'campaign.visit_recorded',
  'campaign.evidence_added',
  'campaign.finding_recorded',
  'campaign.follow_up_responded',
  'campaign.follow_up_accepted',
  'campaign.follow_up_returned',
  'campaign.report_produced',
  'case.opened',
  'case.task_completed',
  'case.task_returned',
  'case.ended',
  'case.document_replaced',
  'data_balikan.delivered',
  'v1.data_balikan',
  'device.register',
  'device.revoke',
  'grant.create',
  'grant.update',
  'grant.rotate',
  'grant.trial',
  'grant.suspend',
  'grant.resume',
  'grant.revoke',
  'grant.follow_pks',
  'institution.verify',
  'institution.suspend',
  'login',
  'login.failed',
  CREDENTIAL_THROTTLED,
  'obligation.reminder',
  'obligation.warning',
  'obligation.sanction',
  'obligation.reactivation',
  'office.create',
  'office.permission',
  'office.report_deadline',
  'office.require_totp',
  'office.emblem',
  'office.letterhead',
  'operator.add',
  'operator.remove',
  'pks.draft',
  'pks.revised',
  'pks.submit',
  'pks.approve',
  'pks.sign',
  'pks.activate',
  'pks.approve_juknis',
  'pks.institution_number',
  'pks.terminate',
  'pks.in_force',
  'pks.expiring',
  'pks.expired',
  'pks.expiry_notice',
  'pks.addendum_requested',
  'pks.renewal_requested',
  'pks.change_drafted',
  'pks.change_approved',
  'pks.change_signed',
  'pks.change_in_force',
  'pks.change_rejected',
  'report.submitted',
  'report.resubmitted',
  'report.accepted',
  'report.returned',
  'resident.identify',
  'resident.report',
  'role.create',
  'sop.publish',
  'sop.purpose_set',
  'sop.purpose_retired',
  'user.create',
  'user.deactivate',
  'user.reactivate',
  'user.signatory',
];
