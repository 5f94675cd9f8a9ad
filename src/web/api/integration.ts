/** The integration API (issue 14): the service address institutions' systems call. */
import { useQuery } from '@tanstack/react-query';
import { request, type ApiError } from './client';

/** GET /api/integration/service-address: PUBLIC_URL and the bases derived from it. */
export interface ServiceAddress {
  url: string;
  dukcapil: string;
  v1: string;
}

/** Reads the service address once per session (it only changes with the server's configuration). */
export function useServiceAddress() {
  return useQuery<ServiceAddress, ApiError>({
    queryKey: ['integration-service-address'],
    queryFn: () => request<ServiceAddress>('GET', '/api/integration/service-address'),
    staleTime: Infinity,
  });
}
