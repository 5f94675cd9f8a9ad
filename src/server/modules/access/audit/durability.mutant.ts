/**
 * A deliberately broken build for durability.test.ts (a test of the test), loaded into the server process only
 * by that test (`node --import tsx --import <this file> bin/gerbang.js serve`): the audit writer hands back the
 * entry's id at once and commits it later, so a channel answers before its entry is durable. Never imported by
 * production code.
 */
import { AuditLog, type NewEntry } from './audit-log.js';
import { newId } from '../../../lib/ids.js';

const append = AuditLog.prototype.append;
AuditLog.prototype.append = function answerBeforeCommit(this: AuditLog, entry: NewEntry): Promise<string> {
  const id = entry.id ?? newId();
  append.call(this, { ...entry, id }).catch(() => undefined);
  return Promise.resolve(id);
};
process.stderr.write('durability mutant loaded: audit entries answer before their commit\n');
