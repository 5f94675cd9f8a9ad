/** Plain names of the ledger's actors: a portal operator's name, a card reader's serial, a credential's label. */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import * as repo from './usage.repository.js';

/** The name of each actor (kind, id); the id itself when it names nothing known. */
export async function actorNames(
  db: Kysely<DB>,
  actors: readonly { kind: string | null; id: string }[],
): Promise<Map<string, string>> {
  const ids = (kind: string) => actors.filter((a) => a.kind === kind).map((a) => a.id);
  const [users, devices, grants] = await Promise.all([
    repo.userNames(db, ids('operator')),
    repo.deviceSerials(db, ids('device')),
    repo.grantLabels(db, ids('credential')),
  ]);
  const out = new Map<string, string>();
  for (const a of actors) {
    const serial = a.kind === 'device' ? devices.get(a.id) : undefined;
    const name =
      a.kind === 'operator'
        ? users.get(a.id)
        : a.kind === 'device'
          ? serial && `Pembaca KTP-el ${serial}`
          : grants.get(a.id);
    out.set(a.id, name ?? a.id);
  }
  return out;
}
