import { describe, expect, it } from 'vitest';
import { bucketOf, codeLabel, labelValue, quantileOf } from './histogram.js';

describe('quantiles from buckets', () => {
  const bounds = [1, 5, 10];
  it('interpolates inside the bucket the rank falls in', () => {
    // 10 observations ≤ 1, 10 in (1, 5]: the median is the top of the first bucket, p75 halfway up the second.
    expect(quantileOf(bounds, [10, 10, 0, 0], 0.5)).toBe(1);
    expect(quantileOf(bounds, [10, 10, 0, 0], 0.75)).toBe(3);
    expect(quantileOf(bounds, [0, 0, 4, 0], 0.5)).toBe(7.5);
  });
  it('reads an observation above every bound as the highest bound, and nothing as null', () => {
    expect(quantileOf(bounds, [0, 0, 0, 3], 0.99)).toBe(10);
    expect(quantileOf(bounds, [0, 0, 0, 0], 0.5)).toBeNull();
  });
  it('puts a value in the first bucket whose bound is at least it', () => {
    expect([0.5, 1, 1.01, 10, 11].map((v) => bucketOf(bounds, v))).toEqual([0, 0, 1, 2, 3]);
  });
});

describe('codes and labels', () => {
  it('says a result code in words in both languages', () => {
    expect(codeLabel('05')).toEqual({ id: 'Kuota Akses Hari ini telah Habis', en: "Today's access quota is used up" });
    expect(codeLabel('replay')).toEqual({ id: 'Pembacaan diulang', en: 'Replayed read' });
  });
  it('keeps label values to a bounded, safe alphabet', () => {
    expect(labelValue('01HZX')).toBe('01HZX');
    expect(labelValue('a"b\nc')).toBe('other');
    expect(labelValue(null)).toBe('none');
  });
});
