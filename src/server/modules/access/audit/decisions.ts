/**
 * Decisions on the record. Every use case that decides something (an application's fate, a PKS approved or
 * signed, an institution verified, a user created, an SOP published, a login) writes its audit entry with
 * `recordDecision` inside its own transaction: if the entry cannot be written the decision does not happen.
 * The entry waits in `audit_pending` until the audit writer seals it into the signed log (AuditLog.collectPending,
 * run before the response of every state-changing request and at start), where `gerbang audit verify` checks it.
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../../db/schema.js';
import type { Actor } from '../../../../domain/authz.js';
import { canonicalIp } from '../../../../domain/grant/ip.js';
import { newId } from '../../../lib/ids.js';
import { safeText } from './audit-log.js';
import { insertPending } from './audit.repository.js';

type Q = Kysely<DB> | Transaction<DB>;

/** What a decision entry says beyond its actor. */
export interface Decision {
  /** What was decided: "application.submitted", "pks.approve", "institution.verify", "login.failed", … */
  action: string;
  /** Outcome word: "ok", a branch label, "refused", … */
  result?: string;
  institutionId?: string | null;
  pksId?: string | null;
  pksVersionHash?: string | null;
  /** Element codes the decision concerns (a PKS's elements when it is approved). */
  elements?: readonly string[];
  /** The subject and anything else worth keeping: ids, a reason (free text is shortened and NIK-safe). */
  detail?: Record<string, string | number | boolean | null | undefined>;
  /** The keyed hash of the NIK a decision concerns (a resident's identification), never the NIK itself. */
  nikHash?: string | null;
}

/** Who decided: a signed-in actor, a user known only by id (a failed login), or the system. */
export type DecisionActor =
  | Actor
  | { kind: 'user'; userId: string; clientIp?: string | null; orgId?: string | null; roles?: readonly string[] }
  | { kind: 'system' };

function actorFields(actor: DecisionActor) {
  if ('kind' in actor) {
    if (actor.kind === 'system') return { actor: { kind: 'system' as const, id: 'system' }, ip: null, org: {} };
    return {
      actor: { kind: 'user' as const, id: actor.userId },
      ip: actor.clientIp ?? null,
      org: { org: actor.orgId ?? null, roles: (actor.roles ?? []).join(',') },
    };
  }
  return {
    actor: { kind: 'user' as const, id: actor.userId },
    ip: actor.clientIp ?? null,
    org: { org: actor.orgId, orgKind: actor.orgKind, roles: actor.roles.join(',') },
  };
}

/** Writes a decision's audit entry in the caller's transaction. */
export async function recordDecision(trx: Q, at: Date, actor: DecisionActor, d: Decision): Promise<void> {
  const { actor: who, ip, org } = actorFields(actor);
  const detail: Record<string, string | number | boolean | null> = {};
  for (const [k, v] of Object.entries({ ...org, ...d.detail })) {
    if (v === undefined) continue;
    detail[k] = typeof v === 'string' ? safeText(v, 300) : v;
  }
  await insertPending(trx, {
    id: newId(),
    time: at.toISOString(),
    action: d.action,
    actor: who,
    institutionId: d.institutionId ?? null,
    pksId: d.pksId ?? null,
    pksVersionHash: d.pksVersionHash ?? null,
    elements: [...(d.elements ?? [])],
    resultCode: d.result ?? 'ok',
    clientIp: ip ? (canonicalIp(ip) ?? null) : null,
    nikHash: d.nikHash ?? null,
    detail,
  });
}
