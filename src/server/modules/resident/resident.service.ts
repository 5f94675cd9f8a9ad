/**
 * The resident's view (issue 13): identification (throttled per client address by the route and per NIK here,
 * every attempt on the signed record with the keyed NIK hash, one answer for any failure), a short-lived session
 * scoped to that NIK hash, the accesses to the resident's data in words with their inclusion proofs, and reports
 * of accesses the resident does not recognise (a finding for the institution's office).
 */
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Deps } from '../../deps.js';
import type { InclusionProofBundle, TreeHead } from '../../../domain/audit/heads.js';
import type { ThrottlePolicy } from '../../../domain/throttle.js';
import { DomainError, errors, type Message } from '../../../domain/errors.js';
import { elementByCode, elementOfField } from '../../../domain/elements/elements.js';
import {
  MAX_ACCESSES,
  NOT_MATCHED,
  RESIDENT_SESSION_MINUTES,
  channelWords,
  type ResidentChannel,
  localTimeWords,
  reportText,
  resultWords,
} from '../../../domain/resident/resident.js';
import { DEFAULT_OFFSET_MINUTES } from '../../../domain/usage/fold.js';
import { MemoryThrottle } from '../../lib/throttle.js';
import { newId } from '../../lib/ids.js';
import { recordDecision } from '../access/audit/decisions.js';
import { inclusionProofsFor } from '../access/audit/audit.proofs.js';
import { headAt, lastHead, publicHead } from '../access/audit/audit.repository.js';
import { calendarFor } from '../calendar/calendar.service.js';
import { openReportedFinding } from '../anomalies/findings.js';
import type { ResidentIdentifier } from './identifier.js';
import * as repo from './resident.repository.js';

/** Failed identifications of one NIK: 5, then a wait of 1 minute doubling to 1 hour. */
export const NIK_THROTTLE: ThrottlePolicy = { free: 5, baseMs: 60_000, maxMs: 3_600_000, forgetMs: 3_600_000 };

/** What the service needs besides the database and the clock. */
export interface ResidentContext extends Pick<Deps, 'db' | 'now'> {
  hashNik: (nik: string) => string;
  /** Failed attempts per NIK hash. */
  nikThrottle: MemoryThrottle;
}

/** The actor of a resident's decisions on the record: an anonymous person known by the client address. */
const residentActor = (clientIp: string) => ({ kind: 'user' as const, userId: 'resident', clientIp });

const sha256 = (s: string) => crypto.createHash('sha256').update(s).digest('hex');

/** A new session: the token for the cookie (the database keeps its hash). */
export interface ResidentSession {
  token: string;
  expiresAt: string;
}

/**
 * Identifies a resident with `identifier` and opens a session. A failure is 401 `resident_not_matched` with
 * the same message whichever field was wrong. `claimedNik` (the demo form's NIK) is throttled per NIK before the
 * identifier is asked: a NIK failed too often is 429 for everyone trying it. An identifier that learns the NIK
 * only on success (an external ID provider) passes none.
 */
export async function identify<C>(
  ctx: ResidentContext,
  identifier: ResidentIdentifier<C>,
  claim: C,
  clientIp: string,
  claimedNik?: string,
): Promise<ResidentSession> {
  const now = ctx.now();
  const claimedHash = claimedNik === undefined ? null : ctx.hashNik(claimedNik);
  const wait = claimedHash ? ctx.nikThrottle.wait(claimedHash, now.getTime()) : 0;
  if (wait > 0) throw errors.rateLimited('resident_throttled', wait);
  // Counted before the (asynchronous) check, so a burst of parallel guesses cannot all pass the same wait();
  // forgotten again on success.
  if (claimedHash) ctx.nikThrottle.count(claimedHash, now.getTime());
  const who = await identifier.identify(claim);
  const nikHash = who ? ctx.hashNik(who.nik) : claimedHash;
  const ok = who !== null && (claimedHash === null || nikHash === claimedHash);
  if (claimedHash && ok) ctx.nikThrottle.clear(claimedHash);
  const token = crypto.randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + RESIDENT_SESSION_MINUTES * 60_000).toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    await recordDecision(trx, now, residentActor(clientIp), {
      action: 'resident.identify',
      result: ok ? 'ok' : 'not_matched',
      nikHash,
      detail: { method: identifier.method },
    });
    if (ok && nikHash)
      await repo.insertSession(trx, {
        token_hash: sha256(token),
        nik_hash: nikHash,
        created_at: now.toISOString(),
        expires_at: expiresAt,
      });
  });
  if (!ok) throw new DomainError('unauthenticated', 'resident_not_matched', NOT_MATCHED);
  return { token, expiresAt };
}

const SESSION_ENDED: Message = {
  id: 'Sesi Anda sudah berakhir. Silakan identifikasi diri kembali.',
  en: 'Your session has ended. Please identify yourself again.',
};

/** The NIK hash of a live resident session, or 401. */
export async function residentOf(ctx: Pick<Deps, 'db' | 'now'>, token: string | undefined): Promise<string> {
  const nikHash = token ? await repo.sessionNikHash(ctx.db, sha256(token), ctx.now().toISOString()) : undefined;
  if (!nikHash) throw new DomainError('unauthenticated', 'resident_session_required', SESSION_ENDED);
  return nikHash;
}

/** Ends a resident session. */
export async function endSession(ctx: Pick<Deps, 'db' | 'now'>, token: string | undefined): Promise<void> {
  if (token) await repo.deleteSession(ctx.db, sha256(token), ctx.now().toISOString());
}

/** One access to a resident's data, in words. */
export interface Access {
  id: string;
  /** ISO instant (for ordering; the screen shows `when`). */
  time: string;
  when: Message;
  institution: string | null;
  pksNumber: string | null;
  elements: Message[];
  channel: ResidentChannel;
  channelWords: Message;
  answered: boolean;
  result: Message;
  /** Whether the entry is under the signed head shown (its proof can be downloaded). */
  proof: boolean;
  reported: boolean;
}

/** The accesses of a resident and the head their proofs lead to. */
export interface AccessList {
  accesses: Access[];
  /** The newest signed tree head (verification data), or null before the first. */
  head: TreeHead | null;
  /** Whether the list was cut at MAX_ACCESSES. */
  truncated: boolean;
}

async function offsets(db: Kysely<DB>, officeIds: Iterable<string>): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const id of new Set(officeIds)) {
    try {
      out.set(id, (await calendarFor(db, id)).offsetMinutes);
    } catch {
      out.set(id, DEFAULT_OFFSET_MINUTES);
    }
  }
  return out;
}

/** Exactly the indexed data calls carrying the resident's NIK hash, newest first. */
export async function accesses(ctx: Pick<Deps, 'db'>, nikHash: string): Promise<AccessList> {
  const [rows, head, reported] = await Promise.all([
    repo.accessesOf(ctx.db, nikHash, MAX_ACCESSES + 1),
    lastHead(ctx.db),
    repo.reportedEntries(ctx.db, nikHash),
  ]);
  const shown = rows.slice(0, MAX_ACCESSES);
  const offsetOf = await offsets(
    ctx.db,
    shown.flatMap((r) => (r.office_id ? [r.office_id] : [])),
  );
  const list = shown.flatMap((r): Access[] => {
    const channel = channelWords(r.action);
    // The index holds data calls only (resident-index.ts), each of a channel; anything else is not an access.
    if (!channel) return [];
    const result = resultWords(r.action, r.result_code);
    const elements = (JSON.parse(r.elements) as string[]).map((c) => {
      const e = elementByCode(c) ?? elementOfField(c);
      return e ? e.name : { id: c, en: c };
    });
    const access: Access = {
      id: r.id,
      time: r.time,
      when: localTimeWords(
        r.time,
        r.office_id ? (offsetOf.get(r.office_id) ?? DEFAULT_OFFSET_MINUTES) : DEFAULT_OFFSET_MINUTES,
      ),
      institution: r.institution_name,
      pksNumber: r.pks_number,
      elements: [...new Map(elements.map((m) => [m.id, m])).values()],
      channel: channel.channel,
      channelWords: channel.words,
      answered: result.answered,
      result: result.words,
      proof: head !== null && Number(r.seq) <= head.treeSize,
      reported: reported.has(r.id),
    };
    return [access];
  });
  return { accesses: list, head: head ? publicHead(head) : null, truncated: rows.length > MAX_ACCESSES };
}

const NOT_YOURS: Message = { id: 'Akses', en: 'An access' };

/**
 * Inclusion proofs of the resident's entries (all of them, or the one named) in the signed head of `treeSize`
 * (default the newest), in ONE walk over the log. An entry that is not the resident's is 404, as one that does
 * not exist.
 */
export async function proofs(
  ctx: Pick<Deps, 'db'>,
  nikHash: string,
  entryId?: string,
  treeSize?: number,
): Promise<InclusionProofBundle[]> {
  // The head the page showed (its proofs lead there), or the newest.
  const head = treeSize === undefined ? null : await headAt(ctx.db, treeSize);
  if (treeSize !== undefined && !head) throw errors.notFound({ id: 'Kepala pohon', en: 'The tree head' });
  let ids: string[];
  if (entryId) {
    const mine = await repo.accessOf(ctx.db, nikHash, entryId);
    if (!mine) throw errors.notFound(NOT_YOURS);
    ids = [mine.id];
  } else ids = (await repo.accessesOf(ctx.db, nikHash, MAX_ACCESSES)).map((r) => r.id);
  const map = await inclusionProofsFor(ctx.db, ids, head);
  if (entryId && !map.has(entryId))
    throw errors.conflict('proof_not_ready', {
      id: 'Akses ini belum tercakup kepala pohon yang ditandatangani. Coba lagi sebentar lagi.',
      en: 'This access is not under a signed tree head yet. Try again shortly.',
    });
  return ids.flatMap((id) => map.get(id) ?? []);
}

/**
 * A report of an access the resident does not recognise: stored once per entry and resident, and passed to
 * the office as a finding (anomalies/findings.ts) in the same transaction, with a decision on the record.
 */
export async function report(
  ctx: Pick<Deps, 'db' | 'now'>,
  nikHash: string,
  entryId: string,
  rawText: string,
  clientIp: string,
): Promise<{ id: string; findingId: string | null }> {
  const checked = reportText(rawText);
  if ('problem' in checked)
    throw errors.invalid('report_text_invalid', checked.problem, [{ field: 'text', message: checked.problem }]);
  const mine = await repo.accessOf(ctx.db, nikHash, entryId);
  if (!mine) throw errors.notFound(NOT_YOURS);
  if (!mine.institution_id)
    throw errors.conflict('report_no_institution', {
      id: 'Akses ini tidak dilakukan oleh lembaga yang dikenal; hubungi Dinas Dukcapil.',
      en: 'This access was not made by a known institution; contact the Dukcapil office.',
    });
  const institutionId = mine.institution_id;
  const now = ctx.now();
  const id = newId(now.getTime());
  return ctx.db.transaction().execute(async (trx) => {
    const fresh = await repo.insertReport(trx, {
      id,
      nik_hash: nikHash,
      audit_entry_id: entryId,
      institution_id: institutionId,
      text: checked.text,
      finding_id: null,
      created_at: now.toISOString(),
    });
    if (!fresh)
      throw errors.conflict('already_reported', {
        id: 'Anda sudah melaporkan akses ini.',
        en: 'You have already reported this access.',
      });
    const findingId = await openReportedFinding(trx, {
      source: 'resident_report',
      institutionId,
      auditEntryId: entryId,
      reportId: id,
      summary: checked.text,
      now,
    });
    if (findingId) await repo.setReportFinding(trx, id, findingId);
    await recordDecision(trx, now, residentActor(clientIp), {
      action: 'resident.report',
      institutionId,
      nikHash,
      detail: { reportId: id, entryId, findingId: findingId || null },
    });
    return { id, findingId: findingId || null };
  });
}

/** Too many reports from one resident. */
export function reportThrottled(waitMs: number): DomainError {
  const s = Math.max(1, Math.ceil(waitMs / 1000));
  return errors.rateLimited('resident_report_throttled', waitMs, {
    id: `Terlalu banyak laporan. Coba lagi dalam ${s} detik.`,
    en: `Too many reports. Try again in ${s} seconds.`,
  });
}
