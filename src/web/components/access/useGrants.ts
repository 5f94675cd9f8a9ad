import { useQueries, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { api, type ApiError } from '../../api/client';
import type { Grant, InstitutionSummary, Me } from '../../api/client';

/** A grant with the name of its institution. */
export interface GrantRow extends Grant {
  institutionName: string;
}

/**
 * The grants the user may see: an institution member's own, or, for office staff, those of every institution
 * they oversee (institutions whose grants the server refuses, 403, are simply left out).
 */
export function useVisibleGrants(me: Me) {
  const isInstitution = me.organisation.kind === 'institution';
  const institutions = useQuery<InstitutionSummary[], ApiError>({
    queryKey: ['institutions'],
    queryFn: api.institutions,
    enabled: !isInstitution,
  });
  const ids = isInstitution ? [me.organisation.id] : (institutions.data ?? []).map((i) => i.id);
  const names = useMemo(() => {
    const m = new Map<string, string>();
    if (isInstitution) m.set(me.organisation.id, me.organisation.name);
    for (const i of institutions.data ?? []) m.set(i.id, i.name);
    return m;
  }, [institutions.data, isInstitution, me.organisation.id, me.organisation.name]);
  const grants = useQueries({
    queries: ids.map((id) => ({
      queryKey: ['institution-grants', id],
      queryFn: () => api.institutionGrants(id),
    })),
  });
  const rows: GrantRow[] = grants.flatMap((q, i) =>
    (q.data ?? []).map((g) => ({ ...g, institutionName: names.get(ids[i] ?? '') ?? g.institutionId })),
  );
  // A refusal (403) only means that institution is outside the user's oversight; other errors are shown.
  const error =
    institutions.error ??
    grants.map((q) => q.error as ApiError | null).find((e) => e !== null && e.status !== 403 && e.status !== 404) ??
    null;
  const isPending = (!isInstitution && institutions.isPending) || grants.some((q) => q.isPending);
  return { rows, names, isPending, error };
}
