/** The resident's view API (/api/resident/…): public, with the resident's own session cookie (HttpOnly). */
import { ApiError } from './client';
import type { Problem } from './types';

/** A message in both languages. */
export interface Words {
  id: string;
  en: string;
}

/** One access to the resident's data, as the server words it. */
export interface ResidentAccess {
  id: string;
  time: string;
  when: Words;
  institution: string | null;
  pksNumber: string | null;
  elements: Words[];
  channel: string;
  channelWords: Words;
  answered: boolean;
  result: Words;
  proof: boolean;
  reported: boolean;
}

/** A signed tree head (verification data). */
export interface ResidentTreeHead {
  treeSize: number;
  rootHash: string;
  timestamp: string;
  keyId: string;
  signature: string;
}

export interface ResidentAccessList {
  accesses: ResidentAccess[];
  head: ResidentTreeHead | null;
  truncated: boolean;
}

/** What the demo's identification form sends. */
export interface IdentifyInput {
  nik: string;
  kk: string;
  birthDate: string;
  motherName: string;
}

const FALLBACK: Problem = {
  code: 'network_error',
  message: {
    id: 'Tidak dapat terhubung ke server. Periksa koneksi Anda.',
    en: 'Cannot reach the server. Check your connection.',
  },
};

async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: { accept: 'application/json', ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, FALLBACK);
  }
  if (!res.ok) {
    let problem: Problem = FALLBACK;
    try {
      const p = (await res.json()) as Problem;
      if (p && typeof p.code === 'string') problem = p;
    } catch {
      // Not JSON: the generic message.
    }
    throw new ApiError(res.status, problem);
  }
  return (res.status === 204 ? undefined : await res.json()) as T;
}

export const residentApi = {
  identify: (input: IdentifyInput) => call<{ expiresAt: string }>('POST', '/api/resident/identify', input),
  accesses: () => call<ResidentAccessList>('GET', '/api/resident/accesses'),
  report: (entryId: string, text: string) =>
    call<{ id: string }>('POST', `/api/resident/accesses/${encodeURIComponent(entryId)}/report`, { text }),
  logout: () => call<void>('POST', '/api/resident/logout'),
};

/** The download address of one access's inclusion proof (JSON for `gerbang audit verify-proof`). */
export function residentProofUrl(entryId: string, treeSize?: number): string {
  const q = treeSize === undefined ? '' : `?treeSize=${treeSize}`;
  return `/api/resident/accesses/${encodeURIComponent(entryId)}/proof${q}`;
}
