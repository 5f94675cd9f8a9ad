/**
 * The PKS and the juknis as documents (issue 14): the layout the renderer draws, checked field by field — the
 * opening day in words at signing and blanks in a draft, both parties' numbers, the signatories with NIP, position
 * and meterai, the recorded signatures on the signed copy, the closing and dispute articles, and the juknis citing
 * the PKS by number and date.
 */
import { describe, expect, it } from 'vitest';
import { draftContent } from '../agreements/agreement.service.js';
import { layoutFor, type TemplateData } from './templates.js';
import { BLANK, openingLine } from './pks-template.js';

const content = draftContent(
  {
    userName: 'PT Bank Contoh',
    purpose: 'Verifikasi identitas nasabah pada pembukaan rekening.',
    elements: ['nik', 'nama_lengkap'],
    methods: ['web_service'],
    dataBalikan: 'Data nasabah terverifikasi setiap bulan.',
    durationMonths: 24,
    expectedDailyVolume: 100,
    ipRanges: ['10.0.0.0/24'],
    legalBasis: '',
  },
  { name: 'Dinas Kependudukan dan Pencatatan Sipil Kabupaten Kebumen', code: '33.05' },
  { name: 'PT Bank Contoh', type: 'badan_hukum', profitOriented: true },
  '2026-12-01',
  {
    office: {
      name: 'Drs. Budi Santoso, M.Si.',
      nip: '197001011990031001',
      position: '',
      rank: 'Pembina Utama Muda (IV/c)',
    },
    institution: { name: 'Sari Wulandari', nip: '', position: 'Direktur Utama', rank: '' },
  },
);

const base: TemplateData = {
  office: {
    name: 'Dinas Kependudukan dan Pencatatan Sipil Kabupaten Kebumen',
    code: '33.05',
    level: 'kabupaten',
    headTitle: 'Kepala Dinas',
  },
  institution: { name: 'PT Bank Contoh', type: 'badan_hukum', address: 'Jl. Sudirman 1, Jakarta' },
  pks: content,
};
const meta = { number: '002/PKS/33.05/2026', date: new Date('2026-12-02T03:00:00Z'), verifyUrl: 'https://x/verify/1' };
const text = (l: ReturnType<typeof layoutFor>) =>
  l.sections.flatMap((s) => [...(s.heading ? [s.heading] : []), ...s.paragraphs]);

describe('the PKS as a document', () => {
  it('opens a draft with dotted blanks for the day and the institution’s number, naming the planned signatories', () => {
    const l = layoutFor('pks', { ...base, pksDocument: { institutionNumber: '' } }, meta);
    expect(l.form).toBe('titled');
    expect(l.number).toBe('002/PKS/33.05/2026');
    expect(l.numbers).toEqual([{ label: 'Nomor', value: BLANK }]);
    const body = text(l);
    expect(body[0]).toBe(
      `Pada hari ini ${BLANK} tanggal ${BLANK} bulan ${BLANK} tahun ${BLANK}, bertempat di Kebumen, yang bertanda tangan di bawah ini:`,
    );
    expect(body[1]).toContain('Drs. Budi Santoso, M.Si., NIP 197001011990031001');
    expect(body[1]).toContain('selanjutnya disebut PIHAK KESATU');
    expect(body[2]).toContain(
      'Sari Wulandari, Direktur Utama, dalam hal ini bertindak untuk dan atas nama PT Bank Contoh',
    );
    // Both parties sign over a meterai; nothing is recorded yet, so no electronic-signature statement.
    expect(l.signatures).toEqual([
      {
        title: 'PIHAK KESATU\nKepala Dinas Kependudukan dan Pencatatan Sipil Kabupaten Kebumen',
        name: 'Drs. Budi Santoso, M.Si.',
        nip: '197001011990031001',
        rank: 'Pembina Utama Muda (IV/c)',
        meterai: true,
      },
      { title: 'PIHAK KEDUA\nDirektur Utama PT Bank Contoh', name: 'Sari Wulandari', meterai: true },
    ]);
  });

  it('fills the opening with the signing day in words, both numbers and the recorded signatures on the signed copy', () => {
    const l = layoutFor(
      'pks',
      {
        ...base,
        pksDocument: {
          institutionNumber: 'BC/PKS/045/XII/2026',
          signing: {
            on: '2026-12-02',
            signatures: [
              {
                party: 'office',
                name: 'Drs. Budi Santoso, M.Si.',
                nip: '197001011990031001',
                position: 'Kepala Dinas',
                rank: 'Pembina Utama Muda (IV/c)',
                signedAt: '2 Desember 2026 pukul 09.00 WIB',
              },
              {
                party: 'institution',
                name: 'Sari Wulandari',
                nip: '',
                position: 'Direktur Utama',
                rank: '',
                signedAt: '2 Desember 2026 pukul 10.15 WIB',
              },
            ],
          },
        },
      },
      meta,
    );
    expect(l.number).toBe('002/PKS/33.05/2026');
    expect(l.numbers).toEqual([{ label: 'Nomor', value: 'BC/PKS/045/XII/2026' }]);
    expect(text(l)[0]).toBe(
      'Pada hari ini Rabu tanggal dua bulan Desember tahun dua ribu dua puluh enam, bertempat di Kebumen, yang bertanda tangan di bawah ini:',
    );
    // The kadis's own position at the office reads once: "Kepala Dinas" + "Dinas Kependudukan …".
    expect(l.signatures[0]?.title).toBe(
      'PIHAK KESATU\nKepala Dinas Kependudukan dan Pencatatan Sipil Kabupaten Kebumen',
    );
    expect(l.signatures.map((s) => [s.name, s.signedAt, s.meterai])).toEqual([
      ['Drs. Budi Santoso, M.Si.', '2 Desember 2026 pukul 09.00 WIB', true],
      ['Sari Wulandari', '2 Desember 2026 pukul 10.15 WIB', true],
    ]);
  });

  it('closes with the juknis, dispute-resolution and closing articles', () => {
    const l = layoutFor('pks', { ...base, pksDocument: { institutionNumber: '' } }, meta);
    const headings = l.sections.map((s) => s.heading).filter(Boolean);
    expect(headings.slice(-3)).toEqual([
      'Pasal 9 — Petunjuk Teknis',
      'Pasal 10 — Penyelesaian Perselisihan',
      'Pasal 11 — Penutup',
    ]);
    const body = text(l).join('\n');
    expect(body).toContain('diatur dalam Petunjuk Teknis');
    // One full stop after the institution's own text, however it ends.
    expect(body).toContain('berupa: Data nasabah terverifikasi setiap bulan.\n');
    expect(body).toContain('secara musyawarah untuk mufakat');
    expect(body).toContain('sesuai dengan ketentuan peraturan perundang-undangan');
    expect(body).toContain(
      'rangkap 2 (dua) asli, masing-masing bermeterai cukup dan mempunyai kekuatan hukum yang sama',
    );
  });

  it('has the juknis cite the PKS by both numbers and its signing date', () => {
    const l = layoutFor(
      'juknis',
      {
        ...base,
        pksDocument: {
          institutionNumber: 'BC/PKS/045/XII/2026',
          pks: { number: '002/PKS/33.05/2026', signedOn: '2026-12-02' },
        },
      },
      { ...meta, number: '001/JUKNIS/33.05/2026' },
    );
    expect(l.number).toBe('001/JUKNIS/33.05/2026');
    expect(text(l)[0]).toContain(
      'Nomor 002/PKS/33.05/2026 dan Nomor BC/PKS/045/XII/2026 tanggal 2 Desember 2026, sebagaimana dimaksud dalam Pasal 9',
    );
    expect(l.signatures.map((s) => s.name)).toEqual(['Drs. Budi Santoso, M.Si.', 'Sari Wulandari']);
  });

  it('writes the opening for any date, and blanks without one', () => {
    expect(openingLine('2027-01-31', 'Jakarta')).toBe(
      'Pada hari ini Minggu tanggal tiga puluh satu bulan Januari tahun dua ribu dua puluh tujuh, bertempat di Jakarta',
    );
    expect(openingLine(undefined, '')).toBe(`Pada hari ini ${BLANK} tanggal ${BLANK} bulan ${BLANK} tahun ${BLANK}`);
  });
});
