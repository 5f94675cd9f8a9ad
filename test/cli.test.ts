import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

describe('the gerbang command', () => {
  it('lists its tools with --help', () => {
    const out = execFileSync('node', ['bin/gerbang.js', '--help'], { encoding: 'utf8' });
    expect(out).toMatch(/Usage: gerbang/);
    expect(out).toMatch(/serve/);
    expect(out).toMatch(/migrate/);
  });

  it('migrates the configured database (DATA_DIR) and says so', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gerbang-cli-'));
    const env = { ...process.env, DATA_DIR: dir };
    expect(execFileSync('node', ['bin/gerbang.js', 'migrate'], { encoding: 'utf8', env })).toMatch(
      /applied: 20261124_0001_foundation/,
    );
    expect(execFileSync('node', ['bin/gerbang.js', 'migrate'], { encoding: 'utf8', env })).toMatch(/up to date/);
    expect(fs.existsSync(path.join(dir, 'gerbang.sqlite'))).toBe(true);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
