import { describe, expect, it } from 'vitest';
import { formatWorkingMinutes } from './format';

describe('formatWorkingMinutes', () => {
  it('counts days of 480 working minutes, then hours and minutes', () => {
    expect(formatWorkingMinutes(0, 'id')).toBe('0 menit');
    expect(formatWorkingMinutes(5, 'id')).toBe('5 menit');
    expect(formatWorkingMinutes(125, 'id')).toBe('2 jam 5 menit');
    expect(formatWorkingMinutes(480 * 2 + 180, 'id')).toBe('2 hari 3 jam');
    expect(formatWorkingMinutes(480, 'en')).toBe('1 day');
    expect(formatWorkingMinutes(1445, 'en')).toBe('3 days 5 min');
    expect(formatWorkingMinutes(null, 'en')).toBe('—');
  });
});
