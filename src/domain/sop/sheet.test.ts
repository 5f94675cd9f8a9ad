import { describe, expect, it } from 'vitest';
import { loadShipped } from './fixtures.test-helpers.js';
import { sheetModel } from './sheet.js';

describe('sheetModel', () => {
  it('gives one column per pelaksana and the symbol of each step', () => {
    const m = sheetModel(loadShipped('bengkulu'));
    expect(m.columns.map((c) => c.name)).toEqual([
      'Gubernur Bengkulu',
      'Kepala Dinas',
      'Kabid PIAK',
      'Kasi Kerjasama dan Inovasi Pelayanan',
      'Tim Pemanfaatan Data',
      'Instansi/OPD Pemohon',
      'Dirjen Dukcapil Kemendagri RI',
    ]);
    expect(m.header.nomor).toBe('10.10.04.030');
    const rows = new Map(m.rows.map((r) => [r.stepId, r]));
    expect(rows.get('1')?.startTerminator).toEqual({ label: 'Mulai', column: 5 });
    expect(rows.get('5')).toMatchObject({ symbol: 'decision', column: 3, question: 'Draft PKS lengkap?' });
    expect(rows.get('5')?.arrows).toEqual([
      { to: '6', kind: 'branch', label: 'Lengkap' },
      { to: '4', kind: 'loop', label: 'Tidak lengkap' },
    ]);
    expect(rows.get('4')).toMatchObject({ column: 4, alsoColumns: [5] });
    expect(rows.get('6')).toMatchObject({ symbol: 'decision', column: 6 });
    expect(rows.get('6')?.arrows).toEqual([
      { to: '7', kind: 'branch', label: 'setuju' },
      { to: '4', kind: 'loop', label: 'perbaikan' },
    ]);
    // The signing step 9 now leads to the appended steps, numbered W1, W2; the last one draws the end.
    expect(rows.get('9')).toMatchObject({ column: 5, alsoColumns: [1], endTerminators: [] });
    // Twelve rows: the appended ones fall on page 2, so the arrow gets an off-page connector.
    expect(rows.get('9')?.arrows).toEqual([{ to: 'gerbang_berlaku', kind: 'next', connector: '1' }]);
    expect(m.rows.map((r) => r.no).slice(-3)).toEqual(['9', 'W1', 'W2']);
    expect(m.pages).toBe(2);
    expect(rows.get('gerbang_berlaku')).toMatchObject({ no: 'W1', column: 2, waktu: '1 jam', page: 2 });
    expect(rows.get('gerbang_berlaku')?.connectorsIn).toEqual(['1']);
    expect(rows.get('gerbang_juknis')?.endTerminators).toEqual([
      { label: 'Selesai', column: 2, endId: 'selesai', outcome: 'selesai' },
    ]);
    expect(rows.get('2b')?.no).toBe('2');
    expect(rows.get('6')?.waktu).toBe('3-5 hari');
  });

  it('adds off-page connectors where an arrow crosses a page', () => {
    const m = sheetModel(loadShipped('sumatera-barat'), { rowsPerPage: 6 });
    expect(m.pages).toBe(3);
    const six = m.rows.find((r) => r.stepId === '6');
    expect(six?.arrows[0]).toEqual({ to: '7', kind: 'next', connector: '1' });
    expect(m.rows.find((r) => r.stepId === '7')?.connectorsIn).toEqual(['1']);
  });

  it('shows the printed waktu and both totals', () => {
    expect(sheetModel(loadShipped('padang-pariaman')).rows.find((r) => r.stepId === '5')?.waktu).toBe('1 4 hari');
    // The sum counts the appended steps (1 hari + 1 jam + 1 hari) on top of the SOP's own 3 hari 4 jam 5 menit.
    expect(sheetModel(loadShipped('kebumen')).totalWaktu).toEqual({
      declared: '3 hari 3 jam',
      sum: '5 hari kerja 5 jam 5 menit',
      sumDeadline: '5 hari kerja 5 jam 5 menit',
    });
  });
});

describe('tembusan on the sheet', () => {
  it("prints who is informed of a step where the sheet notes it (Padang Pariaman's Kepala Dinas)", () => {
    const m = sheetModel(loadShipped('padang-pariaman'));
    const first = m.rows.find((r) => r.stepId === '1');
    expect(first?.keterangan).toMatch(/Tembusan: .+/);
    const others = m.rows.filter((r) => r.stepId !== '1' && /Tembusan/.test(r.keterangan));
    expect(others).toEqual([]);
  });
});
