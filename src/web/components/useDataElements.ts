import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { api, type ApiError } from '../api/client';
import type { DataElement } from '../api/client';

/** The data-element catalogue (public, changes only with the law): the list and a lookup by code. */
export function useDataElements() {
  const query = useQuery<DataElement[], ApiError>({
    queryKey: ['data-elements'],
    queryFn: api.dataElements,
    staleTime: Infinity,
  });
  const byCode = useMemo(() => new Map((query.data ?? []).map((e) => [e.code, e])), [query.data]);
  return { ...query, byCode };
}
