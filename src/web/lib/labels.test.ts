import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import i18next, { type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { ALL_DATA_CALL_ACTIONS, DECISION_ACTIONS } from '../../domain/audit/actions';
import type { PksStatus } from '../../domain/agreement/pks';
import type { SlaState } from '../../domain/sla';
import { OFFICE_ROLES, PUSAT_ROLES, INSTITUTION_ROLES } from '../../domain/authz';
import { BUILT_IN_ROLES } from '../../server/seed/reference';
import type { AccessGrantTable } from '../../server/db/schema-access';
import type {
  AgreementVersionTable,
  ApplicationTable,
  CaseTable,
  DocumentTable,
  InstitutionTable,
  TaskTable,
  UserTable,
} from '../../server/db/schema';
import {
  actionKey,
  actionName,
  decisionName,
  resultName,
  roleName,
  statusKey,
  statusName,
  type StatusKind,
} from './labels';

const I18N = join(import.meta.dirname, '../i18n');

/** Every translation file of one language merged, as src/web/i18n/index.ts merges them. */
function resources(lang: 'id' | 'en'): Record<string, unknown> {
  const merged: Record<string, unknown> = {};
  for (const f of readdirSync(I18N).sort()) {
    if (f === `${lang}.json` || f.endsWith(`.${lang}.json`)) {
      Object.assign(merged, JSON.parse(readFileSync(join(I18N, f), 'utf8')) as Record<string, unknown>);
    }
  }
  return merged;
}

const ts: Record<'id' | 'en', TFunction> = {} as Record<'id' | 'en', TFunction>;

beforeAll(async () => {
  for (const lang of ['id', 'en'] as const) {
    const inst = i18next.createInstance();
    await inst.init({ lng: lang, resources: { [lang]: { translation: resources(lang) } }, fallbackLng: false });
    ts[lang] = inst.t;
  }
});

/** A translation that exists in this language (no fallback, no default). */
function has(lang: 'id' | 'en', key: string): boolean {
  const text = ts[lang](key, { defaultValue: '' });
  return typeof text === 'string' && text !== '' && text !== key;
}

/** The action literals the server writes into the audit trail, found in its source. */
function serverActions(): Set<string> {
  const found = new Set<string>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (p.endsWith('.ts') && !p.includes('.test.')) {
        const src = readFileSync(p, 'utf8');
        for (const m of src.matchAll(/\baction\s*[:=]\s*([^,;\n}]+)/g)) {
          for (const lit of (m[1] ?? '').matchAll(/'([^']+)'/g)) found.add(lit[1]!);
        }
        for (const m of src.matchAll(/\brecord\(\s*'([^']+)'/g)) found.add(m[1]!);
        for (const m of src.matchAll(/_ACTION\s*=\s*'([^']+)'/g)) found.add(m[1]!);
      }
    }
  };
  walk(join(import.meta.dirname, '../../server'));
  // Audit actions are dotted ("case.opened") or the web service's operation names ("CALL_NIK"); other `action`
  // words in the server (grant outcomes, task verbs, a user's status) are not.
  return new Set([...found].filter((a) => a.includes('.') || /^[A-Z][A-Z_]+$/.test(a)));
}

describe('audit actions in words', () => {
  const all = [...ALL_DATA_CALL_ACTIONS, ...DECISION_ACTIONS];

  it('names every action of the action list in Indonesian and English', () => {
    const missing = all.flatMap((a) =>
      (['id', 'en'] as const).filter((l) => !has(l, `auditAction.${actionKey(a)}`)).map((l) => `${a} (${l})`),
    );
    expect(missing).toEqual([]);
  });

  it('lists every action the server records (a new action must be added to DECISION_ACTIONS and named)', () => {
    const listed = new Set(all);
    expect([...serverActions()].filter((a) => !listed.has(a)).sort()).toEqual([]);
  });

  it('says the portal lookup in words, never the code', () => {
    expect(actionName('PORTAL_LOOKUP', ts.id)).toBe('Pencarian melalui portal');
    expect(actionName('PORTAL_LOOKUP', ts.en)).toBe('Lookup through the web portal');
    expect(actionName('case.opened', ts.id)).toBe('Perkara dibuka');
    expect(actionName('something.new_here', ts.id)).toBe('Something new here');
  });
});

describe('role names', () => {
  it('names every built-in role as the server does, in both languages', () => {
    for (const r of BUILT_IN_ROLES) {
      expect(roleName(r.code, ts.id, 'id', [], r.orgKind)).toBe(r.id);
      expect(roleName(r.code, ts.en, 'en', [], r.orgKind)).toBe(r.en);
    }
    const office: string[] = [...OFFICE_ROLES, ...PUSAT_ROLES];
    const institution: string[] = [...INSTITUTION_ROLES];
    const unnamed = [
      ...office.filter((c) => !has('id', `plain.role.office.${c}`) || !has('en', `plain.role.office.${c}`)),
      ...institution.filter(
        (c) => !has('id', `plain.role.institution.${c}`) || !has('en', `plain.role.institution.${c}`),
      ),
    ];
    expect(unnamed).toEqual([]);
    expect(roleName('kabid', ts.id, 'id')).toBe('Kepala Bidang');
  });

  it("prefers the office's own name of a role, and never shows a code", () => {
    const known = [{ code: 'kasi_kerja_sama', name: { id: 'Kasi Kerja Sama', en: 'Cooperation section head' } }];
    expect(roleName('kasi_kerja_sama', ts.en, 'en', known)).toBe('Cooperation section head');
    expect(roleName('kebumen.kabid', ts.id, 'id')).toBe('Kepala Bidang');
    expect(roleName('kasi_lain', ts.id, 'id')).toBe('Kasi lain');
  });
});

describe('status words', () => {
  // Each record must list every value of the server's type (tsc fails otherwise), and each value needs words.
  const pks: Record<PksStatus, true> = {
    draft: true,
    in_review: true,
    approved: true,
    signed: true,
    scheduled: true,
    active: true,
    expiring: true,
    expired: true,
    terminated: true,
  };
  const sla: Record<SlaState, true> = {
    on_time: true,
    due_soon: true,
    overdue: true,
    paused: true,
    no_standard: true,
    done_on_time: true,
    done_late: true,
  };
  const application: Record<ApplicationTable['status'], true> = {
    draft: true,
    submitted: true,
    approved: true,
    rejected: true,
    withdrawn: true,
  };
  const kase: Record<CaseTable['status'], true> = { open: true, ended: true };
  const task: Record<TaskTable['status'], true> = { open: true, done: true, returned: true, closed: true };
  const grant: Record<AccessGrantTable['status'], true> = { active: true, suspended: true, revoked: true };
  const account: Record<UserTable['status'] | InstitutionTable['status'], true> = {
    active: true,
    disabled: true,
    pending: true,
    verified: true,
    suspended: true,
  };
  const document: Record<DocumentTable['status'], true> = { valid: true, superseded: true, revoked: true };
  const families: [StatusKind, Record<string, true>][] = [
    ['pks', pks],
    ['sla', sla],
    ['application', application],
    ['case', kase],
    ['task', task],
    ['grant', grant],
    ['account', account],
    ['document', document],
    ['outcome', { selesai: true, ditolak: true, dibatalkan: true }],
  ];
  // A PKS version's state is shown by the agreement page (versionState keys may live elsewhere); typed here.
  const versionStates: Record<AgreementVersionTable['state'] extends infer S ? Extract<S, string> : never, true> = {
    in_force: true,
    pending: true,
    rejected: true,
  };

  it('has words for every status the server declares, in both languages', () => {
    const missing: string[] = [];
    for (const [kind, values] of families) {
      for (const v of Object.keys(values)) {
        for (const lang of ['id', 'en'] as const) {
          if (!has(lang, statusKey(kind, v))) missing.push(`${kind}.${v} (${lang})`);
        }
      }
    }
    expect(missing).toEqual([]);
    expect(Object.keys(versionStates)).toHaveLength(3);
    expect(statusName('pks', 'in_review', ts.id)).not.toMatch(/_/);
  });
});

describe('decisions', () => {
  it('says the SOP branches in the UI language', () => {
    expect(decisionName('setuju', ts.id)).toBe('Setuju');
    expect(decisionName('setuju', ts.en)).toBe('Approve');
    expect(decisionName('tolak', ts.en)).toBe('Refuse');
    expect(decisionName('tidak lengkap', ts.en)).toBe('Incomplete');
    expect(decisionName('lanjutkan ke kadis', ts.en)).toBe('Lanjutkan ke kadis');
  });
});

describe('results of decisions', () => {
  it('says what a decision came to, keeping numbers', () => {
    expect(resultName('ok', ts.id)).toBe('Berhasil');
    expect(resultName('recompiled', ts.en)).toBe('Recompiled');
    expect(resultName('in_review', ts.id)).toBe(statusName('pks', 'in_review', ts.id));
    expect(resultName('setuju', ts.en)).toBe('Approve');
    expect(resultName('30', ts.id)).toBe('30');
    expect(resultName('brand_new', ts.id)).toBe('Brand new');
  });
});
