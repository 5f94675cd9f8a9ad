/** The resident's view API (/api/resident/…): public, with the resident's own session cookie (HttpOnly). */
import { publicCall } from './client';
import type { Body, Reply } from './http';

/** The accesses to the resident's data, with the signed head their proofs lead to. */
export type ResidentAccessList = Reply<'/api/resident/accesses'>;

/** One access to the resident's data, as the server words it. */
export type ResidentAccess = ResidentAccessList['accesses'][number];

/** A message in both languages. */
export type Words = ResidentAccess['when'];

/** A signed tree head (verification data). */
export type ResidentTreeHead = NonNullable<ResidentAccessList['head']>;

/** What the demo's identification form sends. */
export type IdentifyInput = Body<'/api/resident/identify'>;

// The resident routes need no staff session nor its CSRF token (the resident cookie is SameSite=Strict).
export const residentApi = {
  identify: (body: IdentifyInput) => publicCall('post', '/api/resident/identify', { body }),
  accesses: () => publicCall('get', '/api/resident/accesses'),
  report: (entryId: string, text: string) =>
    publicCall('post', '/api/resident/accesses/{id}/report', { path: { id: entryId }, body: { text } }),
  logout: () => publicCall('post', '/api/resident/logout'),
};

/** The download address of one access's inclusion proof (JSON for `gerbang audit verify-proof`). */
export function residentProofUrl(entryId: string, treeSize?: number): string {
  const q = treeSize === undefined ? '' : `?treeSize=${treeSize}`;
  return `/api/resident/accesses/${encodeURIComponent(entryId)}/proof${q}`;
}
