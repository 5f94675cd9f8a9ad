import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { registerSopCommands } from './sop.js';

async function run(
  args: string[],
  files: Record<string, string> = {},
): Promise<{ out: string[]; err: string[]; code: number }> {
  const out: string[] = [];
  const err: string[] = [];
  let code = 0;
  const program = new Command('gerbang').exitOverride();
  registerSopCommands(program, {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    readFile: (p) => files[p] ?? readFileSync(p, 'utf8'),
    setExitCode: (c) => {
      code = c;
    },
  });
  await program.parseAsync(['node', 'gerbang', ...args]);
  return { out, err, code };
}

describe('gerbang sop', () => {
  it('check prints warnings and exits 0 for a valid SOP', async () => {
    const r = await run(['sop', 'check', 'sops/kebumen.yaml']);
    expect(r.code).toBe(0);
    expect(r.out[0]).toMatch(/^sops\/kebumen\.yaml: OK/);
    expect(r.err.join('\n')).toMatch(/declared total "3 hari 3 jam" differs/);
  });

  it('check prints errors naming file and step and exits 1', async () => {
    const broken = readFileSync('sops/bengkulu.yaml', 'utf8').replace('waktu: 3-5 hari', 'waktu: "5"');
    const r = await run(['sop', 'check', 'rusak.yaml'], { 'rusak.yaml': broken });
    expect(r.code).toBe(1);
    expect(r.err).toContain('rusak.yaml: error: step 6: waktu "5" has no unit (menit, jam, hari, hari kerja)');
  });

  it('simulate prints each step with its role and due time, and the total', async () => {
    const r = await run([
      'sop',
      'simulate',
      'sops/padang-pariaman.yaml',
      '--start',
      '2025-07-07T01:00:00Z',
      '--choose',
      '2=Tidak',
    ]);
    expect(r.code).toBe(0);
    expect(r.out[1]).toBe('start: 2025-07-07 08:00 WIB');
    expect(r.out.some((l) => l.includes('Bupati (office:kepala_daerah)') && l.endsWith('→ Tidak'))).toBe(true);
    expect(r.out).toContain('end: Permohonan tidak disetujui Bupati (ditolak) at 2025-07-11 08:00 WIB');
    expect(r.out).toContain('total standard time on this path: 4 hari kerja');
  });

  it('simulate refuses an unknown branch', async () => {
    const r = await run(['sop', 'simulate', 'sops/sibolga.yaml', '--choose', '2=Mungkin']);
    expect(r.code).toBe(1);
    expect(r.err[0]).toMatch(/has no branch "Mungkin"/);
  });
});
