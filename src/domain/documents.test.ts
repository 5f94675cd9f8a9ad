import { describe, expect, it } from 'vitest';
import { kindForOutput, letterNumber } from './documents.js';

describe('produced documents', () => {
  it('maps the outputs the source SOPs name to templates', () => {
    expect(kindForOutput('Tanda terima surat masuk')).toBe('receipt');
    expect(kindForOutput('Bukti pengiriman surat permohonan kepada Dirjen Dukcapil Kemendagri RI')).toBe(
      'surat_pengantar',
    );
    expect(kindForOutput('Surat Persetujuan/Penolakan dari Dirjen Dukcapil Kemendagri RI', 'setuju')).toBe(
      'approval_letter',
    );
    expect(kindForOutput('Surat Persetujuan/Penolakan dari Dirjen Dukcapil Kemendagri RI', 'tolak')).toBe(
      'rejection_letter',
    );
    expect(kindForOutput('Naskah Perjanjian Kerja Sama')).toBe('pks');
    expect(kindForOutput('Draft Perjanjian Kerjasama (PKS)')).toBe('draft_pks');
    expect(kindForOutput('SK Tim Pemanfaatan Data')).toBe('sk_tim');
    expect(kindForOutput('Draft Nota Dinas Pengantar')).toBe('nota_dinas');
    expect(kindForOutput('Petunjuk Teknis')).toBe('juknis');
    expect(kindForOutput('Alamat Webportal/Webservice')).toBe('access_letter');
    expect(kindForOutput('Jadwal Pemberian Hak Akses')).toBe('access_letter');
    expect(kindForOutput('Hasil pelaksanaan kegiatan')).toBe('record');
  });

  it('numbers letters from the office format', () => {
    const date = new Date('2026-11-24T03:00:00Z');
    expect(letterNumber('{seq}/{kind}/{code}/{year}', { seq: 7, kind: 'pks', code: '33.05', date })).toBe(
      '007/PKS/33.05/2026',
    );
    expect(
      letterNumber('470/{seq}/Disdukcapil/{roman}/{year}', { seq: 12, kind: 'receipt', code: '33.05', date }),
    ).toBe('470/012/Disdukcapil/XI/2026');
  });
});
