import { describe, expect, it } from 'vitest';
import { tanggal, tanggalIn, tanggalKata, tanggalWaktu, terbilang } from './tanggal.js';

describe('dates in words', () => {
  it('writes a date and an instant in the office time zone, in Indonesian and English', () => {
    expect(tanggal('2026-07-30')).toBe('30 Juli 2026');
    // 17:30 UTC on 31 December is already 1 January in WIB, still 31 December in UTC.
    expect(tanggal('2026-12-31T17:30:00Z')).toBe('1 Januari 2027');
    expect(tanggal('2026-12-31T17:30:00Z', 'UTC')).toBe('31 Desember 2026');
    expect(tanggalIn('2026-05-02', 'en')).toBe('2 May 2026');
    expect(tanggalIn('2026-05-02', 'id')).toBe('2 Mei 2026');
    expect(tanggalIn(null, 'en')).toBe('-');
  });
});

describe('dates as a deed writes them', () => {
  it('writes numbers in Indonesian words', () => {
    expect(terbilang(0)).toBe('nol');
    expect(terbilang(1)).toBe('satu');
    expect(terbilang(11)).toBe('sebelas');
    expect(terbilang(12)).toBe('dua belas');
    expect(terbilang(20)).toBe('dua puluh');
    expect(terbilang(31)).toBe('tiga puluh satu');
    expect(terbilang(100)).toBe('seratus');
    expect(terbilang(115)).toBe('seratus lima belas');
    expect(terbilang(1000)).toBe('seribu');
    expect(terbilang(1999)).toBe('seribu sembilan ratus sembilan puluh sembilan');
    expect(terbilang(2026)).toBe('dua ribu dua puluh enam');
    expect(terbilang(2100)).toBe('dua ribu seratus');
    expect(terbilang(1_500_000)).toBe('satu juta lima ratus ribu');
    expect(() => terbilang(-1)).toThrow(RangeError);
    expect(() => terbilang(1.5)).toThrow(RangeError);
  });

  it('names the day, the day of the month, the month and the year of a date', () => {
    expect(tanggalKata('2026-12-02')).toEqual({
      hari: 'Rabu',
      tanggal: 'dua',
      bulan: 'Desember',
      tahun: 'dua ribu dua puluh enam',
    });
    expect(tanggalKata('2027-01-31')).toEqual({
      hari: 'Minggu',
      tanggal: 'tiga puluh satu',
      bulan: 'Januari',
      tahun: 'dua ribu dua puluh tujuh',
    });
    expect(tanggalKata('2024-02-29').hari).toBe('Kamis');
    expect(() => tanggalKata('2026-13-01')).toThrow(RangeError);
    expect(() => tanggalKata('2 Desember 2026')).toThrow(RangeError);
  });
});

describe('an instant as a letter prints it', () => {
  it('writes the date and the time with the zone', () => {
    expect(tanggalWaktu('2026-12-02T03:15:00Z')).toBe('2 Desember 2026 pukul 10.15 WIB');
    expect(tanggalWaktu('2026-12-31T17:30:00Z', 'Asia/Makassar')).toBe('1 Januari 2027 pukul 01.30 WITA');
    expect(tanggalWaktu('2026-12-02T15:00:00Z', 'Asia/Jayapura')).toBe('3 Desember 2026 pukul 00.00 WIT');
    expect(tanggalWaktu(null)).toBe('-');
  });
});
