import { describe, expect, it } from 'vitest';
import {
  canMove,
  diffContent,
  dueNotices,
  endAfterMonths,
  feePerNik,
  pksHash,
  statusOn,
  type PksContent,
} from './pks.js';

const content: PksContent = {
  parties: {
    office: { name: 'Disdukcapil Kebumen', code: '33.05', head: 'Kepala Dinas' },
    institution: { name: 'PT Bank', type: 'badan_hukum', profitOriented: true, head: 'Direktur' },
  },
  purpose: 'Verifikasi nasabah',
  rightsAndDuties: { office: ['memberi akses'], institution: ['melapor'] },
  elements: ['nik', 'nama_lengkap'],
  methods: ['web_service'],
  dataBalikan: 'Data nasabah terverifikasi',
  reporting: 'Laporan semester',
  financing: { profitOriented: true, feePerNikRupiah: 1000, text: 'PNBP' },
  prohibition: 'Dilarang memberikan data kepada pihak ketiga',
  duration: { startDate: '2026-01-01', endDate: '2026-12-31', months: 12 },
  signatories: [],
  legalBasis: '',
};

describe('PKS content', () => {
  it('hashes canonically: key order does not matter, content does', () => {
    const reordered = JSON.parse(JSON.stringify({ ...content, purpose: content.purpose })) as PksContent;
    expect(pksHash(reordered)).toBe(pksHash(content));
    expect(pksHash({ ...content, purpose: 'Lain' })).not.toBe(pksHash(content));
  });

  it('hashes a signatory drafted before NIP and position the same, and one with them differently', () => {
    const before = { ...content, signatories: [{ party: 'office' as const, name: 'Budi', title: 'Kepala Dinas' }] };
    const blank = { ...before, signatories: [{ ...before.signatories[0]!, nip: undefined, position: undefined }] };
    expect(pksHash(blank)).toBe(pksHash(before));
    const withNip = { ...before, signatories: [{ ...before.signatories[0]!, nip: '197001011990031001' }] };
    expect(pksHash(withNip)).not.toBe(pksHash(before));
  });

  it('diffs field by field, treating element lists as sets', () => {
    expect(diffContent(content, { ...content, elements: ['nama_lengkap', 'nik'] })).toEqual([]);
    const changes = diffContent(content, {
      ...content,
      elements: ['nik'],
      duration: { ...content.duration, endDate: '2027-12-31' },
    });
    expect(changes.map((c) => c.field)).toEqual(['duration.endDate', 'elements']);
    expect(diffContent({ a: 1 }, { a: 1, b: 'baru' })).toEqual([{ field: 'b', before: null, after: 'baru' }]);
  });

  it('follows the lifecycle and its expiry notices', () => {
    expect(canMove('draft', 'in_review')).toBe(true);
    expect(canMove('draft', 'active')).toBe(false);
    expect(canMove('active', 'terminated')).toBe(true);
    expect(canMove('expired', 'active')).toBe(false);
    expect(dueNotices('2026-12-31', '2026-10-02', [])).toEqual(['90']);
    expect(dueNotices('2026-12-31', '2026-12-01', ['90'])).toEqual(['30']);
    expect(dueNotices('2026-12-31', '2026-06-01', [])).toEqual([]);
    expect(statusOn('active', '2026-12-31', '2026-11-24')).toBe('expiring');
    expect(statusOn('active', '2026-12-31', '2027-01-01')).toBe('expired');
    expect(statusOn('signed', '2026-12-31', '2027-01-01')).toBe('signed');
  });

  it('computes end dates and fees', () => {
    expect(endAfterMonths('2026-01-01', 12)).toBe('2026-12-31');
    expect(endAfterMonths('2026-03-15', 24)).toBe('2028-03-14');
    expect(feePerNik(true, ['web_service'])).toBe(1000);
    expect(feePerNik(false, ['web_service'])).toBe(0);
  });
});
