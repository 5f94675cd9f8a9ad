import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, type ApiError } from '../api/client';
import type { Me, Role } from '../api/client';
import { useLang } from '../i18n';

/** A role the signed-in admin may give, with its name in the current language. */
export interface RoleOption {
  code: string;
  label: string;
}

// An institution's own admin names all of its people, its pimpinan too; no office creates users inside it.
const INSTITUTION_ADMIN_ROLES = ['operator', 'admin', 'pimpinan'] as const;

/** The roles an admin may give in their own organisation. */
export function useOrgRoles(me: Me): { roles: RoleOption[]; isPending: boolean; error: ApiError | null } {
  const { t } = useTranslation();
  const lang = useLang();
  const isOffice = me.organisation.kind === 'office';
  const office = useQuery<Role[], ApiError>({
    queryKey: ['office-roles', me.organisation.id],
    queryFn: () => api.officeRoles(me.organisation.id),
    enabled: isOffice,
  });
  if (!isOffice) {
    return {
      roles: INSTITUTION_ADMIN_ROLES.map((code) => ({ code, label: t(`roles.${code}`) })),
      isPending: false,
      error: null,
    };
  }
  return {
    roles: (office.data ?? []).map((r) => ({ code: r.code, label: r.name[lang] })),
    isPending: office.isPending,
    error: office.error,
  };
}
