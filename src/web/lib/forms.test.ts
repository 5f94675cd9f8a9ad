import { describe, expect, it } from 'vitest';
import { checkForm, checkText, isClean, isoDate, issuesByField, parseTypedDate } from './forms';

describe('form checks', () => {
  it('names the first problem of a value', () => {
    expect(checkText('', { required: true })).toBe('required');
    expect(checkText('   ', { required: true })).toBe('required');
    expect(checkText('', { minLength: 3 })).toBeNull(); // optional and blank
    expect(checkText('ab', { required: true, minLength: 3 })).toBe('tooShort');
    expect(checkText('abcd', { maxLength: 3 })).toBe('tooLong');
    expect(checkText('a b', { pattern: /^[a-z]+$/ })).toBe('pattern');
    expect(checkText('x@y', { email: true })).toBe('email');
    expect(checkText('x@y.id', { required: true, email: true })).toBeNull();
  });

  it('checks a whole form, and the problem list empties as fields are fixed', () => {
    const rules = { name: { required: true, minLength: 3 }, email: { required: true, email: true } };
    const before = checkForm({ name: '', email: 'nope' }, rules);
    expect(before).toEqual({ name: 'required', email: 'email' });
    expect(isClean(before)).toBe(false);
    expect(checkForm({ name: 'PT Maju', email: 'nope' }, rules)).toEqual({ email: 'email' });
    expect(isClean(checkForm({ name: 'PT Maju', email: 'a@b.id' }, rules))).toBe(true);
  });

  it('keys server issues by field in the UI language, folding indexed fields onto their list', () => {
    const issues = [
      { field: 'purpose', message: { id: 'Tujuan kosong.', en: 'No purpose.' } },
      { field: 'ipRanges[1]', message: { id: 'IP salah.', en: 'Bad IP.' } },
      { field: 'ipRanges[2]', message: { id: 'IP lain salah.', en: 'Another bad IP.' } },
    ];
    expect(issuesByField(issues, 'id')).toEqual({ purpose: 'Tujuan kosong.', ipRanges: 'IP salah.' });
    expect(issuesByField(issues, 'en').purpose).toBe('No purpose.');
  });

  it('turns a picked day into YYYY-MM-DD of that calendar day', () => {
    expect(isoDate(new Date(2026, 0, 5))).toBe('2026-01-05');
    expect(isoDate(new Date(2026, 11, 31, 23, 59))).toBe('2026-12-31');
    expect(isoDate('2026-03-04')).toBe('2026-03-04');
    expect(isoDate(null)).toBe('');
    expect(isoDate('')).toBe('');
  });
});

describe('typed dates', () => {
  it('reads ISO, day-first numbers and month names in both languages', () => {
    expect(parseTypedDate('2017-01-01')).toBe('2017-01-01');
    expect(parseTypedDate('17-08-1990')).toBe('1990-08-17');
    expect(parseTypedDate('1/2/2026')).toBe('2026-02-01');
    expect(parseTypedDate('1 Januari 2017')).toBe('2017-01-01');
    expect(parseTypedDate('17 agustus 1990')).toBe('1990-08-17');
    expect(parseTypedDate('3 March 2026')).toBe('2026-03-03');
    expect(parseTypedDate('3 Mei 2026')).toBe('2026-05-03');
  });

  it('refuses what is not a calendar day', () => {
    expect(parseTypedDate('31-02-2026')).toBeNull();
    expect(parseTypedDate('2026-13-01')).toBeNull();
    expect(parseTypedDate('kemarin')).toBeNull();
    expect(parseTypedDate('')).toBeNull();
  });
});
