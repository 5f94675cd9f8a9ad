import { useQuery } from '@tanstack/react-query';
import { ApiError, call, getMe } from '../../api/client';
import type { Query, Reply } from '../../api/http';
import type { Problem } from '../../api/client';

/** A kind of data balikan with the columns of its CSV (GET /api/data-balikan/kinds). */
export type BalikanKind = Reply<'/api/data-balikan/kinds'>[number];

/** One delivery (GET /api/data-balikan/deliveries), with its first bad rows in the single view. */
export type Delivery = Reply<'/api/data-balikan/deliveries/{id}'>;

/** How often a duty is owed. */
export type Frequency = Delivery['frequency'];

/** One bad row of a delivery. */
export type BadRow = NonNullable<Delivery['badRowList']>[number];

/** The duties of one PKS in force (GET /api/data-balikan/duties). */
export type AgreementDuties = Reply<'/api/data-balikan/duties'>[number];

/** One owed period of a duty. */
export type DutyPeriod = AgreementDuties['duties'][number]['periods'][number];

/** The query keys of the section, so an upload can refresh them. */
export const BALIKAN_KEYS = {
  duties: ['data-balikan', 'duties'] as const,
  deliveries: ['data-balikan', 'deliveries'] as const,
  kinds: ['data-balikan', 'kinds'] as const,
};

/** The catalogue of kinds. */
export function useKinds() {
  return useQuery<BalikanKind[], ApiError>({
    queryKey: BALIKAN_KEYS.kinds,
    queryFn: () => call('get', '/api/data-balikan/kinds'),
    staleTime: 600_000,
  });
}

/** The duties the user may see. */
export function useDuties() {
  return useQuery<AgreementDuties[], ApiError>({
    queryKey: BALIKAN_KEYS.duties,
    queryFn: () => call('get', '/api/data-balikan/duties'),
  });
}

/** The deliveries the user may see, newest first. */
export function useDeliveries() {
  return useQuery<Delivery[], ApiError>({
    queryKey: BALIKAN_KEYS.deliveries,
    queryFn: () => call('get', '/api/data-balikan/deliveries'),
  });
}

/** One delivery with its first bad rows. */
export function useDelivery(id: string) {
  return useQuery<Delivery, ApiError>({
    queryKey: [...BALIKAN_KEYS.deliveries, id],
    queryFn: () => call('get', '/api/data-balikan/deliveries/{id}', { path: { id } }),
  });
}

/** Where the bad-row report of a delivery downloads from. */
export function badRowsUrl(id: string): string {
  return `/api/data-balikan/deliveries/${encodeURIComponent(id)}/bad-rows`;
}

/** Uploads a delivery's CSV for a duty and period (multipart field "file"). */
export async function uploadDelivery(input: {
  file: File;
  kind: string;
  period: string;
  agreementId: string;
}): Promise<Reply<'/api/data-balikan/deliveries', 'post'>> {
  // The session's CSRF token, fresh (the upload is not a JSON call the shared client sends).
  const me = await getMe();
  const form = new FormData();
  form.append('file', input.file, input.file.name);
  const query = {
    kind: input.kind,
    period: input.period,
    agreementId: input.agreementId,
  } satisfies Query<'/api/data-balikan/deliveries', 'post'>;
  const params = new URLSearchParams(query);
  let response: Response;
  try {
    response = await fetch(`/api/data-balikan/deliveries?${params.toString()}`, {
      method: 'POST',
      headers: { accept: 'application/json', 'x-csrf-token': me.csrfToken },
      credentials: 'same-origin',
      body: form,
    });
  } catch {
    throw new ApiError(0, {
      code: 'network_error',
      message: {
        id: 'Tidak dapat terhubung ke server. Periksa koneksi Anda.',
        en: 'Cannot reach the server. Check your connection.',
      },
    });
  }
  if (!response.ok) {
    let body: unknown = null;
    try {
      body = await response.json();
    } catch {
      // Not JSON: a generic problem below.
    }
    const problem =
      typeof body === 'object' && body !== null && typeof (body as { code?: unknown }).code === 'string'
        ? (body as Problem)
        : {
            code: 'http_error',
            message: {
              id: `Terjadi kesalahan pada server (HTTP ${response.status}).`,
              en: `The server answered with an error (HTTP ${response.status}).`,
            },
          };
    throw new ApiError(response.status, problem);
  }
  return (await response.json()) as Reply<'/api/data-balikan/deliveries', 'post'>;
}
