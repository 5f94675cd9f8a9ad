import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config.js';
import { isSealed, loadSecretKey, openSecret, sealSecret } from './secrets.js';

describe('secrets at rest', () => {
  it('creates the key file once, owner-only, and encrypts with it (AES-256-GCM, v1: prefix)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gerbang-key-'));
    try {
      const config = loadConfig({ DATA_DIR: dir });
      const key = loadSecretKey(config);
      expect(fs.statSync(config.secretKeyFile).mode & 0o777).toBe(0o600);
      expect(loadSecretKey(config).equals(key)).toBe(true);
      const sealed = sealSecret(key, 'JBSWY3DPEHPK3PXP');
      expect(isSealed(sealed)).toBe(true);
      expect(sealed).not.toContain('JBSWY3DPEHPK3PXP');
      expect(sealSecret(key, 'JBSWY3DPEHPK3PXP')).not.toBe(sealed);
      expect(openSecret(key, sealed)).toBe('JBSWY3DPEHPK3PXP');
      // A secret stored before encryption reads as it is.
      expect(openSecret(key, 'JBSWY3DPEHPK3PXP')).toBe('JBSWY3DPEHPK3PXP');
      // Another key cannot read it, nor can a tampered text.
      const other = loadSecretKey({ secretKey: Buffer.alloc(32, 7).toString('base64'), secretKeyFile: '' });
      expect(() => openSecret(other, sealed)).toThrow();
      const raw = Buffer.from(sealed.slice(3), 'base64url');
      raw[raw.length - 1] = (raw[raw.length - 1] ?? 0) ^ 1;
      expect(() => openSecret(key, `v1:${raw.toString('base64url')}`)).toThrow();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('takes GERBANG_SECRET_KEY only as the base64 of 32 bytes', () => {
    const good = Buffer.alloc(32, 1).toString('base64');
    expect(loadConfig({ GERBANG_SECRET_KEY: good }).secretKey).toBe(good);
    expect(() => loadConfig({ GERBANG_SECRET_KEY: Buffer.alloc(16).toString('base64') })).toThrow(ConfigError);
    expect(() => loadConfig({ GERBANG_SECRET_KEY: 'not a key!' })).toThrow(ConfigError);
    expect(loadConfig({ SESSION_ABSOLUTE_HOURS: '8' }).sessionAbsoluteHours).toBe(8);
    expect(() => loadConfig({ SESSION_ABSOLUTE_HOURS: '0' })).toThrow(ConfigError);
  });
});
