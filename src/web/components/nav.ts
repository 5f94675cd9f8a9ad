/** One entry of the navigation: its i18n key, path, and whether it is built yet. */
export interface NavItem {
  key:
    | 'home'
    | 'inbox'
    | 'sop'
    | 'applications'
    | 'agreements'
    | 'dataAccess'
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
}

/** The app's sections, in menu order. */
export const NAV: readonly NavItem[] = [
  { key: 'home', path: '/', ready: true },
  { key: 'inbox', path: '/inbox', ready: true },
  { key: 'sop', path: '/sop', ready: true },
  { key: 'applications', path: '/applications', ready: true },
  { key: 'agreements', path: '/agreements', ready: true },
  { key: 'dataAccess', path: '/data-access', ready: true },
  { key: 'usage', path: '/usage', ready: true },
  { key: 'reports', path: '/reports', ready: true },
  { key: 'dataBalikan', path: '/data-balikan', ready: true },
  { key: 'billing', path: '/billing', ready: true },
  { key: 'oversight', path: '/oversight', ready: true },
  { key: 'anomalies', path: '/anomalies', ready: true },
  { key: 'campaigns', path: '/campaigns', ready: true },
  { key: 'operations', path: '/operations', ready: true, officeOnly: true },
  { key: 'institutions', path: '/institutions', ready: true },
  { key: 'offices', path: '/offices', ready: true, adminOnly: true, officeAdminOnly: true },
  { key: 'users', path: '/users', ready: true, adminOnly: true },
];
