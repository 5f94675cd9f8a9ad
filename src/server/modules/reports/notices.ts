/**
 * Notices (issue 12): short messages in an organisation's Kotak Masuk and on its home page — a report due soon,
 * a warning letter sent, access suspended or reactivated, a report returned or accepted. Written in the
 * transaction of what they announce; read by the organisation they are addressed to.
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Deps } from '../../deps.js';
import type { Actor } from '../../../domain/authz.js';
import type { Message } from '../../../domain/errors.js';
import type { NoticeKind } from '../../../domain/reports/notices.js';
import { newId } from '../../lib/ids.js';
import * as repo from './reports.repository.js';

type Q = Kysely<DB> | Transaction<DB>;

/** A notice to write. */
export interface NoticeInput {
  to: { kind: 'office' | 'institution'; id: string };
  institutionId: string | null;
  kind: NoticeKind;
  title: Message;
  body: Message;
  link?: string | null;
  documentId?: string | null;
}

/** Writes a notice in the caller's transaction. */
export async function notify(db: Q, at: Date, n: NoticeInput): Promise<void> {
  await repo.insertNotice(db, {
    id: newId(),
    org_kind: n.to.kind,
    org_id: n.to.id,
    institution_id: n.institutionId,
    kind: n.kind,
    title_id: n.title.id,
    title_en: n.title.en,
    body_id: n.body.id,
    body_en: n.body.en,
    link: n.link ?? null,
    document_id: n.documentId ?? null,
    created_at: at.toISOString(),
  });
}

/** The newest notices addressed to the actor's organisation. */
export async function myNotices(deps: Pick<Deps, 'db'>, actor: Actor, limit = 20) {
  const rows = await repo.noticesOf(deps.db, actor.orgKind, [actor.orgId], Math.min(Math.max(limit, 1), 100));
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    title: { id: r.title_id, en: r.title_en },
    body: { id: r.body_id, en: r.body_en },
    link: r.link,
    documentId: r.document_id,
    createdAt: r.created_at,
  }));
}
