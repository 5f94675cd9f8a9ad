/** The pure rules of control campaigns (issue 13): what is late, checklists, follow-ups, the report, the SOP words. */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseSop } from '../sop/load.js';
import { checklistComplete, checklistGaps, CHECKLIST_ITEMS, type Checklist } from './checklist.js';
import { lateIn } from './data-dukung.js';
import { followUpOverdue } from './finding.js';
import { campaignReportSections } from './report.js';

const template = () =>
  fs
    .readFileSync('sops/templates/pengendalian.yaml', 'utf8')
    .replaceAll('{code}', '33.05')
    .replaceAll('{name}', 'Dinas Kependudukan dan Pencatatan Sipil Kabupaten Kebumen')
    .replaceAll('{timeZone}', 'Asia/Jakarta');

describe('campaign rules', () => {
  it('counts as late what is still owed past its due date, or was met late within the period', () => {
    const period = { from: '2026-07-01', to: '2026-09-30' };
    const late = lateIn(
      [
        { label: 'owed before the period', dueDate: '2026-06-10', fulfilledOn: null },
        { label: 'met late in the period', dueDate: '2026-07-10', fulfilledOn: '2026-07-20' },
        { label: 'met on time', dueDate: '2026-08-10', fulfilledOn: '2026-08-09' },
        { label: 'met late before the period', dueDate: '2026-05-10', fulfilledOn: '2026-05-20' },
        { label: 'not yet due', dueDate: '2026-10-10', fulfilledOn: null },
      ],
      period,
      '2026-10-01',
    );
    expect(late.map((l) => [l.label, l.daysLate])).toEqual([
      ['owed before the period', 113],
      ['met late in the period', 10],
    ]);
  });

  it('a checklist is complete with every item answered; gaps are the no and partial answers', () => {
    const c: Checklist = Object.fromEntries(CHECKLIST_ITEMS.map((i) => [i, { answer: 'yes', note: '' }]));
    expect(checklistComplete(c)).toBe(true);
    expect(checklistComplete({ ...c, purpose: undefined })).toBe(false);
    expect(checklistGaps({ ...c, operators: { answer: 'partial', note: 'akun bersama' } })).toEqual(['operators']);
  });

  it('a follow-up is overdue only while owed after its due date', () => {
    expect(followUpOverdue({ status: 'owed', dueDate: '2026-10-01' }, '2026-10-02')).toBe(true);
    expect(followUpOverdue({ status: 'owed', dueDate: '2026-10-01' }, '2026-10-01')).toBe(false);
    expect(followUpOverdue({ status: 'responded', dueDate: '2026-10-01' }, '2026-10-05')).toBe(false);
    expect(followUpOverdue({ status: 'closed', dueDate: '2026-10-01' }, '2026-10-05')).toBe(false);
  });

  it('the report names the scope, the checklist results and each finding with its follow-up state', () => {
    const text = campaignReportSections({
      title: 'Uji',
      caseNumber: '33.05/2026/0001',
      period: { from: '2026-07-01', to: '2026-09-30' },
      preparedBy: 'Kasi',
      institutions: [
        {
          name: 'Bank Uji',
          dataDukung: null,
          checklist: { network: { answer: 'no', note: 'jaringan terbuka' } },
          findings: [
            {
              severity: 'high',
              finding: 'Jaringan terbuka.',
              recommendation: 'Tutup.',
              dueDate: '2026-10-20',
              status: 'owed',
            },
          ],
        },
      ],
    })
      .flatMap((s) => [s.heading ?? '', ...s.paragraphs])
      .join('\n');
    expect(text).toContain('1 lembaga pengguna: Bank Uji');
    expect(text).toContain('Tidak — jaringan terbuka');
    expect(text).toContain('[Berat] Jaringan terbuka. Rekomendasi: Tutup.');
    expect(text).toContain('Menunggu tindak lanjut lembaga');
  });

  it('the shipped template checks clean; campaign words need purpose control or evaluation', () => {
    expect(parseSop(template(), 'pengendalian.yaml').errors).toEqual([]);
    const wrong = parseSop(template().replace(/^purpose: control$/m, 'purpose: report_review'), 'x.yaml');
    expect(wrong.errors.map((e) => e.code)).toContain('action_needs_purpose');
    expect(parseSop(template().replace(/^purpose: control$/m, 'purpose: evaluation'), 'x.yaml').errors).toEqual([]);
  });
});
