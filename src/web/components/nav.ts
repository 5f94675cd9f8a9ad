/** One entry of the navigation: its i18n key, path, and whether it is built yet. */
export interface NavItem {
  key:
    | 'home'
    | 'inbox'
    | 'sop'
    | 'applications'
    | 'agreements'
    | 'dataAccess'
    | 'integration'
    | 'usage'
    | 'reports'
    | 'dataBalikan'
    | 'billing'
    | 'campaigns'
    | 'anomalies'
    | 'operations'
    | 'oversight'
    | 'institutions'
    | 'offices'
    | 'users';
  path: string;
  ready: boolean;
  adminOnly?: boolean;
  /** Shown to office admins only (not to institution admins). */
  officeAdminOnly?: boolean;
  /** Shown to office and pusat staff only (never to institution users). */
  officeOnly?: boolean;
  /** Shown to institution users only (with adminOnly: the institution's admin). */
  institutionOnly?: boolean;
  /** The Kotak Masuk counts shown as a badge beside the entry (summed; a count that does not apply is null). */
  counts?: readonly WorkCount[];
}

/** A count of GET /api/work/summary a menu entry may show. */
export type WorkCount =
  'total' | 'pksToSign' | 'institutionsToVerify' | 'reportsToReview' | 'findingsToDecide' | 'reportsToSubmit';

/** The badge of an entry: the sum of its counts that apply, null when none applies or all are zero. */
export function navCount(
  item: Pick<NavItem, 'counts'>,
  summary: Partial<Record<WorkCount, number | null>> | undefined,
): number | null {
  if (!item.counts || !summary) return null;
  const total = item.counts.reduce((sum, c) => sum + (summary[c] ?? 0), 0);
  return total > 0 ? total : null;
}

/** The app's sections, in menu order. */
export const NAV: readonly NavItem[] = [
  { key: 'home', path: '/', ready: true },
  { key: 'inbox', path: '/inbox', ready: true, counts: ['total'] },
  { key: 'sop', path: '/sop', ready: true },
  { key: 'applications', path: '/applications', ready: true },
  { key: 'agreements', path: '/agreements', ready: true, counts: ['pksToSign'] },
  { key: 'dataAccess', path: '/data-access', ready: true },
  { key: 'integration', path: '/cara-integrasi', ready: true, adminOnly: true, institutionOnly: true },
  { key: 'usage', path: '/usage', ready: true },
  { key: 'reports', path: '/reports', ready: true, counts: ['reportsToReview', 'reportsToSubmit'] },
  { key: 'dataBalikan', path: '/data-balikan', ready: true },
  { key: 'billing', path: '/billing', ready: true },
  { key: 'oversight', path: '/oversight', ready: true },
  { key: 'anomalies', path: '/anomalies', ready: true, counts: ['findingsToDecide'] },
  { key: 'campaigns', path: '/campaigns', ready: true },
  { key: 'operations', path: '/operations', ready: true, officeOnly: true },
  { key: 'institutions', path: '/institutions', ready: true, counts: ['institutionsToVerify'] },
  { key: 'offices', path: '/offices', ready: true, adminOnly: true, officeAdminOnly: true },
  { key: 'users', path: '/users', ready: true, adminOnly: true },
];
