import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseSop } from './load.js';
import { decisionOf, producedOutputs, reasonRequired, stepActionsFor, uploadableOutputs } from './decision.js';
import type { SopDefinition, SopStep } from './types.js';

/** Every SOP Gerbang ships: the offices' and the templates it publishes on first use. */
const SHIPPED = [
  ...readdirSync(new URL('../../../sops/', import.meta.url))
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => `sops/${f}`),
  ...readdirSync(new URL('../../../sops/templates/', import.meta.url))
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => `sops/templates/${f}`),
];

function load(file: string): SopDefinition {
  // A template is published for an office with its code, name and time zone filled in (sop.service.ts).
  const text = readFileSync(new URL(`../../../${file}`, import.meta.url), 'utf8')
    .replaceAll('{code}', '33.05')
    .replaceAll('{name}', 'Dinas Kependudukan dan Pencatatan Sipil Kabupaten Kebumen')
    .replaceAll('{timeZone}', 'Asia/Jakarta');
  const r = parseSop(text, file);
  if (!r.definition) throw new Error(`${file}: ${r.errors.map((e) => e.message.en).join('; ')}`);
  return r.definition;
}

const step = (def: SopDefinition, id: string): SopStep => {
  const s = def.steps.find((x) => x.id === id);
  if (!s) throw new Error(`no step ${id}`);
  return s;
};

describe('what a step asks to upload, over every shipped SOP', () => {
  it('finds the shipped SOPs (offices and templates)', () => {
    expect(SHIPPED.length).toBeGreaterThanOrEqual(9);
  });

  it.each(SHIPPED)('%s: no step asks to upload a document it produces itself', (file) => {
    const def = load(file);
    for (const s of def.steps) {
      const produced = producedOutputs(s);
      const asked = uploadableOutputs(s);
      for (const p of produced) expect(asked, `${file} step ${s.id} asks for its own "${p}"`).not.toContain(p);
    }
  });

  it.each(SHIPPED)('%s: every decision shows its question and marks refusals as needing a reason', (file) => {
    const def = load(file);
    for (const s of def.steps) {
      const d = decisionOf(def, s);
      if (s.flow.type !== 'decision') {
        expect(d).toBeUndefined();
        continue;
      }
      expect(d?.question, `${file} step ${s.id}`).toBe(s.flow.question);
      expect(d?.choices.map((c) => c.label).sort()).toEqual(s.flow.branches.map((b) => b.label).sort());
      for (const c of d?.choices ?? []) expect(c.reasonRequired).toBe(c.kind === 'refuse');
      // A branch that refuses never produces an approval letter, at the step or on the branch.
      for (const b of s.flow.branches) {
        if (!reasonRequired(def, s, b.label)) continue;
        const kinds = [...stepActionsFor(def, s, b.label), ...b.actions]
          .filter((a) => a.type === 'produce')
          .map((a) => (a.type === 'produce' ? a.kind : ''));
        expect(kinds, `${file} step ${s.id} branch ${b.label}`).not.toContain('approval_letter');
      }
    }
  });

  it("Kebumen's Dirjen step (3): Setujui / Tolak, the refusal needs a reason, and the letter is not an upload", () => {
    const def = load('sops/kebumen.yaml');
    const dirjen = step(def, '3');
    expect(decisionOf(def, dirjen)).toEqual({
      question: 'Dirjen menyetujui permohonan pemanfaatan data?',
      choices: [
        { label: 'setuju', kind: 'approve', reasonRequired: false },
        { label: 'tolak', kind: 'refuse', reasonRequired: true },
      ],
    });
    expect(dirjen.output).toEqual(['Surat Persetujuan/Penolakan dari Dirjen Dukcapil Kemendagri RI']);
    expect(uploadableOutputs(dirjen)).toEqual([]);
  });

  it('the Dirjen step Gerbang appends for pks.approve: approval first, a refusal that needs a reason', () => {
    for (const file of SHIPPED) {
      const def = load(file);
      for (const s of def.steps.filter((x) => x.standard && x.flow.type === 'decision')) {
        const kinds = decisionOf(def, s)?.choices.map((c) => c.kind);
        expect(kinds, `${file} step ${s.id}`).toEqual(['approve', 'refuse']);
      }
    }
  });

  it('files already in the case are not asked for again', () => {
    const def = load('sops/sumatera-barat.yaml');
    const s2 = step(def, '2');
    expect(uploadableOutputs(s2)).toEqual(['Lembar Disposisi Arahan/petunjuk']);
    expect(uploadableOutputs(s2, ['lembar disposisi arahan/petunjuk'])).toEqual([]);
  });

  it('an approval letter declared on a decision step is issued as a refusal letter when the refusal is chosen', () => {
    const def = load('sops/kebumen.yaml');
    const s = step(def, '3');
    const onStep: SopStep = { ...s, actions: [{ type: 'produce', kind: 'approval_letter', title: 'Surat Dirjen' }] };
    expect(stepActionsFor(def, onStep, 'tolak')).toEqual([
      { type: 'produce', kind: 'rejection_letter', title: 'Surat Dirjen' },
    ]);
    expect(stepActionsFor(def, onStep, 'setuju')).toEqual(onStep.actions);
    expect(uploadableOutputs(onStep)).toEqual([]);
  });
});
