/** The integration API (issue 14): the service address institutions' systems call. */
import { useQuery } from '@tanstack/react-query';
import { call, type ApiError } from './client';
import type { Reply } from './http';

/** GET /api/integration/service-address: PUBLIC_URL (`url`) and the bases derived from it (`dukcapil`, `v1`). */
export type ServiceAddress = Reply<'/api/integration/service-address'>;

/** Reads the service address once per session (it only changes with the server's configuration). */
export function useServiceAddress() {
  return useQuery<ServiceAddress, ApiError>({
    queryKey: ['integration-service-address'],
    queryFn: () => call('get', '/api/integration/service-address'),
    staleTime: Infinity,
  });
}
