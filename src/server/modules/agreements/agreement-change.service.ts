import fs from 'node:fs';
import path from 'node:path';
import type { Deps } from '../../deps.js';
import type { Actor } from '../../../domain/authz.js';
import { errors } from '../../../domain/errors.js';
import { endAfterMonths, inForce, pksHash, type PksContent } from '../../../domain/agreement/pks.js';
import type { AccessMethod } from '../../../domain/grant/grant.js';
import { newId } from '../../lib/ids.js';
import { findOffice } from '../directory/directory.repository.js';
import { openCase } from '../cases/case.service.js';
import { publish } from '../sop/sop.service.js';
import * as sopRepo from '../sop/sop.repository.js';
import * as repo from './agreement.repository.js';
import { isOfficeOf, OFFICE_EDITORS, visibleAgreement } from './agreement.service.js';

type Ctx = Pick<Deps, 'db' | 'now' | 'config'>;

/** The SOP code every office uses for PKS changes; published from sops/templates on first use. */
export const CHANGE_SOP = 'pks-perubahan';

async function ensureChangeSop(deps: Ctx, officeId: string) {
  if ((await sopRepo.lastVersionNumber(deps.db, officeId, CHANGE_SOP)) > 0) return;
  const office = await findOffice(deps.db, officeId);
  if (!office) throw errors.notFound({ id: 'Kantor', en: 'Office' });
  const source = fs
    .readFileSync(path.resolve('sops/templates/pks-perubahan.yaml'), 'utf8')
    .replaceAll('{code}', office.code)
    .replaceAll('{name}', office.name)
    .replaceAll('{timeZone}', office.timezone);
  await publish(deps, null, officeId, {
    source,
    effectiveFrom: new Date(0).toISOString(),
    note: 'sops/templates/pks-perubahan.yaml',
  });
}

/**
 * Requests an addendum (changed elements or methods) or a renewal (a further period) of a PKS in force: the new
 * content waits as a pending version while a short case runs on the office's PKS-change SOP.
 */
export async function requestChange(
  deps: Ctx,
  actor: Actor,
  id: string,
  input: {
    kind: 'addendum' | 'renewal';
    reason: string;
    elements?: string[];
    methods?: AccessMethod[];
    months?: number;
  },
) {
  const a = await visibleAgreement(deps.db, actor, id);
  const may =
    isOfficeOf(actor, a, OFFICE_EDITORS) || (actor.orgKind === 'institution' && actor.roles.includes('pimpinan'));
  if (!may) throw errors.forbidden();
  if (!inForce(a.status)) {
    throw errors.conflict('not_in_force', {
      id: 'Hanya PKS yang berlaku dapat diubah atau diperpanjang.',
      en: 'Only a PKS in force can be amended or renewed.',
    });
  }
  const pending = await deps.db
    .selectFrom('agreement_versions')
    .select('id')
    .where('agreement_id', '=', id)
    .where('state', '=', 'pending')
    .executeTakeFirst();
  if (pending) {
    throw errors.conflict('change_pending', {
      id: 'Masih ada perubahan PKS yang sedang diproses.',
      en: 'A change to this PKS is already in process.',
    });
  }
  const latest = await repo.latestVersion(deps.db, id);
  const prev = JSON.parse(latest?.content ?? '{}') as PksContent;
  let content: PksContent;
  if (input.kind === 'addendum') {
    content = {
      ...prev,
      ...(input.elements ? { elements: input.elements } : {}),
      ...(input.methods ? { methods: input.methods } : {}),
    };
    if (pksHash(content) === pksHash(prev)) {
      throw errors.invalid('nothing_changes', {
        id: 'Adendum tidak mengubah apa pun.',
        en: 'The addendum changes nothing.',
      });
    }
  } else {
    const months = input.months ?? prev.duration.months;
    const start = new Date(`${a.end_date ?? prev.duration.endDate}T00:00:00Z`);
    start.setUTCDate(start.getUTCDate() + 1);
    const startDate = start.toISOString().slice(0, 10);
    content = {
      ...prev,
      duration: {
        startDate: prev.duration.startDate,
        endDate: endAfterMonths(startDate, months),
        months: prev.duration.months + months,
      },
    };
  }
  await ensureChangeSop(deps, a.office_id);
  const versionId = newId();
  await repo.insertAgreementVersion(deps.db, {
    id: versionId,
    agreement_id: id,
    version: ((await repo.versionsOf(deps.db, id)).at(-1)?.version ?? 0) + 1,
    kind: input.kind,
    content: JSON.stringify(content),
    content_hash: pksHash(content),
    document_version_id: null,
    created_by: actor.userId,
    created_at: deps.now().toISOString(),
    state: 'pending',
  });
  const opened = await openCase(
    deps,
    actor,
    {
      officeId: a.office_id,
      sopCode: CHANGE_SOP,
      title: `${input.kind === 'addendum' ? 'Adendum' : 'Perpanjangan'} ${a.number}: ${input.reason}`,
      subjectKind: 'pks_change',
      subjectId: versionId,
      institutionId: a.institution_id,
    },
    { trusted: true },
  );
  return { versionId, caseId: opened.id, caseNumber: opened.number };
}
