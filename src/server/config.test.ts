import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';
import { configuredClock } from './lib/clock.js';

describe('GERBANG_NOW', () => {
  it('sets the clock of a demo or test instance from an ISO 8601 instant with its offset, running on', () => {
    const config = loadConfig({ GERBANG_NOW: '2027-10-05T09:00:00+07:00' });
    expect(config.clockStart).toBe('2027-10-05T02:00:00.000Z');
    const now = configuredClock(config);
    const a = now().getTime();
    const b = now().getTime();
    expect(a).toBeGreaterThanOrEqual(Date.parse('2027-10-05T02:00:00Z'));
    expect(b).toBeGreaterThanOrEqual(a);
    expect(loadConfig({ GERBANG_NOW: '2027-10-05T02:00Z' }).clockStart).toBe('2027-10-05T02:00:00.000Z');
    expect(loadConfig({}).clockStart).toBeUndefined();
  });

  it.each(['2027-10-05T09:00:00', '2027-02-30T09:00:00+07:00', '5 Oktober 2027', '2027-10-05', '1790000000000'])(
    'refuses %s as a ConfigError naming the variable',
    (value) => {
      expect(() => loadConfig({ GERBANG_NOW: value })).toThrow(ConfigError);
      expect(() => loadConfig({ GERBANG_NOW: value })).toThrow(/GERBANG_NOW/);
    },
  );
});
