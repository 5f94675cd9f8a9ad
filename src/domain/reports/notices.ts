/**
 * The kinds of notice an organisation's Kotak Masuk shows (issue 12 and the features that write notices since):
 * the obligation ladder's reminders, letters and sanctions; a semester report's submission and review; an anomaly
 * finding and its decision; a control campaign's follow-up. Every writer names one of these (the notices module
 * takes only a `NoticeKind`), so the API's answer lists them all.
 */
/** Every kind of notice. */
export const NOTICE_KINDS = [
  'obligation_reminder_before',
  'obligation_reminder_due',
  'obligation_warning',
  'obligation_sanction',
  'obligation_reactivation',
  'report_submitted',
  'report_resubmitted',
  'report_accepted',
  'report_returned',
  'anomaly_finding',
  'anomaly_suspended',
  'anomaly_decided',
  'campaign_follow_up',
  'campaign_follow_up_responded',
  'campaign_follow_up_accepted',
  'campaign_follow_up_returned',
] as const;

/** A kind of notice. */
export type NoticeKind = (typeof NOTICE_KINDS)[number];
