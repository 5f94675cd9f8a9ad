import { useQuery } from '@tanstack/react-query';
import { useCallback, useContext } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { SessionContext } from '../api/hooks';
import type { Role } from '../api/client';
import { useLang } from '../i18n';
import { actionName, decisionName, roleName, statusName, type NamedRole, type StatusKind } from './labels';

/**
 * `roleName` with what the page knows: the signed-in user's roles and the role catalogue of `forOffice` (or the
 * user's own office; the same query the user screens use, so it is usually cached). Works outside RequireAuth too (built-in names).
 */
export function useRoleName(forOffice?: string): (code: string | null | undefined) => string {
  const { t } = useTranslation();
  const lang = useLang();
  const me = useContext(SessionContext);
  // The office whose roles are meant (a case's office, for a Dirjen reading a regency's case), else the user's own.
  const officeId = forOffice ?? (me?.organisation.kind === 'office' ? me.organisation.id : '');
  const catalogue = useQuery<Role[]>({
    queryKey: ['office-roles', officeId],
    queryFn: () => api.officeRoles(officeId),
    enabled: officeId !== '',
    staleTime: 5 * 60_000,
  });
  const data = catalogue.data;
  return useCallback(
    (code) => {
      const known: NamedRole[] = [...(data ?? []), ...(me?.roles ?? [])];
      return roleName(code, t, lang, known, me?.organisation.kind ?? 'office');
    },
    [data, me, t, lang],
  );
}

/** The label helpers bound to the current language: `const L = useLabels(); L.action('PORTAL_LOOKUP')`. */
export function useLabels() {
  const { t } = useTranslation();
  const role = useRoleName();
  return {
    role,
    action: (action: string) => actionName(action, t),
    status: (kind: StatusKind, value: string | null | undefined) => statusName(kind, value, t),
    decision: (label: string | null | undefined) => decisionName(label, t),
  };
}
