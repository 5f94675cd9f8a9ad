/** The capabilities an office gives to its roles, in display order (labels under `capability.*`). */
export const CAPABILITIES = [
  'institution.verify',
  'access.provision',
  'pks.edit',
  'pks.sign_office',
  'pks.manage',
  'pks.terminate',
  'sop.publish',
  'report.review',
] as const;

/** What an SOP may be for, in display order (labels under `purpose.*`). */
export const SOP_PURPOSES = [
  'application',
  'pks_change',
  'control',
  'evaluation',
  'report_review',
  'anomaly_review',
] as const;

/** The office time zones the server accepts, with their labels under `timezone.*`. */
export const TIMEZONES = ['Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura'] as const;

/** The i18n key of a capability's plain label (i18next splits keys on dots). */
export function capabilityKey(capability: string): string {
  return `capability.${capability.replace(/\./g, '_')}`;
}

/** The i18n key of a time zone's label (WIB, WITA, WIT). */
export function timezoneKey(zone: string): string {
  return `timezone.${zone.replace('Asia/', '')}`;
}

/** Region names come in capitals as Dukcapil prints them ("KOTA SEMARANG"): written in title case. */
export function titleCase(name: string): string {
  return name.toLowerCase().replace(/(^|[\s.(-])(\p{L})/gu, (_, sep: string, ch: string) => sep + ch.toUpperCase());
}
