import { describe, expect, it } from 'vitest';
import { channelWords, localTimeWords, reportText, resultWords } from './resident.js';

describe('the resident view in words', () => {
  it('tells the time on the office clock with its zone', () => {
    expect(localTimeWords('2026-12-01T23:05:00.000Z', 420)).toEqual({
      id: '2 Desember 2026 pukul 06.05 WIB',
      en: '2 December 2026, 06:05 WIB',
    });
    expect(localTimeWords('2026-12-01T23:05:00.000Z', 480).id).toBe('2 Desember 2026 pukul 07.05 WITA');
    expect(localTimeWords('2026-12-01T23:05:00.000Z', 540).id).toBe('2 Desember 2026 pukul 08.05 WIT');
  });

  it('words channels and results without codes', () => {
    expect(channelWords('v1.lookup')?.channel).toBe('web_service');
    expect(channelWords('reader.read')?.words.id).toBe('Pembaca KTP-el');
    expect(channelWords('pks.approve')).toBeNull();
    expect(resultWords('CALL_NIK', '01')).toMatchObject({ answered: true, words: { id: 'Data diberikan' } });
    expect(resultWords('CALL_NIK', '05').answered).toBe(false);
    expect(resultWords('v1.verify', '01').words.id).toMatch(/^Data dicocokkan/);
    expect(resultWords('CALL_NIK', '13').words.id).toBe('Data tidak ditemukan');
  });

  it('keeps a report plain, bounded and free of NIKs', () => {
    expect(reportText('  Saya tidak kenal bank ini. NIK 3305123412341234  ')).toEqual({
      text: 'Saya tidak kenal bank ini. NIK […]',
    });
    expect('problem' in reportText('pendek')).toBe(true);
    expect('problem' in reportText('x'.repeat(1001))).toBe(true);
    expect('problem' in reportText('ada karakter \u0007 kendali di sini')).toBe(true);
    expect(reportText('baris satu\r\nbaris dua yang cukup')).toEqual({ text: 'baris satu\nbaris dua yang cukup' });
  });
});
