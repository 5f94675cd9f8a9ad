import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';
import { isLoopbackHost, startupWarnings } from './startup-warnings.js';

const codes = (env: Record<string, string>) => startupWarnings(loadConfig(env)).map((w) => w.code);

describe('start-up warnings', () => {
  it('warns when demo mode listens beyond loopback (the default two-command start)', () => {
    expect(codes({})).toEqual(['demo_beyond_loopback']);
    expect(codes({ HOST: '0.0.0.0' })).toEqual(['demo_beyond_loopback']);
    expect(codes({ HOST: '::' })).toEqual(['demo_beyond_loopback']);
    expect(codes({ HOST: '192.168.1.10' })).toEqual(['demo_beyond_loopback']);
    expect(codes({ HOST: '127.0.0.1' })).toEqual([]);
    expect(codes({ HOST: 'localhost' })).toEqual([]);
    expect(codes({ HOST: '::1' })).toEqual([]);
    expect(startupWarnings(loadConfig({}))[0]?.message).toMatch(/HOST=127\.0\.0\.1/);
  });

  it('warns when PUBLIC_URL is a localhost address outside demo mode', () => {
    expect(codes({ GERBANG_DEMO: '0' })).toEqual(['public_url_localhost']);
    expect(codes({ GERBANG_DEMO: '0', PUBLIC_URL: 'http://127.0.0.1:3000' })).toEqual(['public_url_localhost']);
    expect(codes({ GERBANG_DEMO: '0', PUBLIC_URL: 'http://[::1]:3000' })).toEqual(['public_url_localhost']);
    expect(codes({ GERBANG_DEMO: '0', PUBLIC_URL: 'https://gerbang.kemendagri.go.id' })).toEqual([]);
    // Demo mode on loopback with a localhost PUBLIC_URL is the laptop demo: nothing to say.
    expect(codes({ HOST: '127.0.0.1', PUBLIC_URL: 'http://localhost:3000' })).toEqual([]);
    expect(startupWarnings(loadConfig({ GERBANG_DEMO: '0' }))[0]?.message).toMatch(/QR/);
  });

  it('knows loopback hosts', () => {
    expect(['localhost', '127.0.0.1', '127.5.6.7', '::1', '[::1]', 'app.localhost'].every(isLoopbackHost)).toBe(true);
    expect(['0.0.0.0', '::', '10.0.0.1', 'example.org', '128.0.0.1'].some(isLoopbackHost)).toBe(false);
  });
});
