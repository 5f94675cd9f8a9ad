import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parseSop, type SopDefinition } from '../../../domain/sop/index.js';
import { kopLines, renderSheetPdf, tanggal } from './sheet-pdf.js';

const SOPS = path.resolve(import.meta.dirname, '../../../../sops');
const META = { version: 3, effectiveFrom: '2024-03-01T00:00:00+07:00' };

function load(file: string): SopDefinition {
  const r = parseSop(fs.readFileSync(path.join(SOPS, file), 'utf8'), file);
  if (!r.definition) throw new Error(`${file}: ${JSON.stringify(r.errors)}`);
  return r.definition;
}

/** The text pdfkit wrote: inflates the content streams and decodes the hex strings of each TJ (WinAnsi). */
function pdfText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const out: string[] = [];
  const re = /stream\r?\n/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(raw))) {
    const start = m.index + m[0].length;
    const end = raw.indexOf('endstream', start);
    let body: string;
    try {
      body = zlib.inflateSync(pdf.subarray(start, end)).toString('latin1');
    } catch {
      continue;
    }
    for (const tj of body.matchAll(/\[([^\]]*)\]\s*TJ/g)) {
      const hex = [...(tj[1] ?? '').matchAll(/<([0-9a-fA-F]*)>/g)].map((h) => h[1] ?? '').join('');
      out.push(Buffer.from(hex, 'hex').toString('latin1'));
    }
  }
  return out.join('\n');
}

/** Collapses whitespace so that text wrapped over lines can be searched. */
const squash = (s: string): string => s.replace(/\s+/g, '');

const pageCount = (pdf: Buffer): number => pdf.toString('latin1').match(/\/Type \/Page\b/g)?.length ?? 0;

describe('renderSheetPdf', () => {
  const files = fs.readdirSync(SOPS).filter((f) => f.endsWith('.yaml'));

  it('finds the five SOPs', () => {
    expect(files.length).toBe(5);
  });

  for (const file of files) {
    it(`renders ${file} as the SOP AP sheet`, async () => {
      const def = load(file);
      const pdf = await renderSheetPdf(def, META);
      const head = pdf.subarray(0, 5).toString('latin1');
      expect(head).toBe('%PDF-');
      expect(pdf.subarray(-8).toString('latin1')).toContain('%%EOF');
      // An identity page and at least one page of the procedure table.
      expect(pageCount(pdf)).toBeGreaterThanOrEqual(2);
      const text = squash(pdfText(pdf));
      expect(text).toContain(squash(def.header.nama));
      for (const label of [
        'Nomor SOP',
        'Dasar Hukum:',
        'Kualifikasi Pelaksana:',
        'Keterkaitan:',
        'Peralatan/Perlengkapan:',
        'Peringatan:',
        'Pencatatan dan Pendataan:',
        'Kegiatan',
        'Pelaksana',
        'Mutu Baku',
        'Kelengkapan',
        'Waktu',
        'Output',
        'Keterangan',
        'Mulai',
        'Total Waktu',
      ]) {
        expect(text, label).toContain(squash(label));
      }
      for (const p of def.pelaksana) expect(text, p.name).toContain(squash(p.name));
      for (const s of def.steps) expect(text, `step ${s.id}`).toContain(squash(s.kegiatan.slice(0, 25)));
      expect(text).toContain(squash(`Versi 3, berlaku sejak 1 Maret 2024`));
      expect(text).toContain(squash(`Halaman 1/${pageCount(pdf)}`));
    });
  }

  it('is deterministic', async () => {
    const def = load('kebumen.yaml');
    const a = await renderSheetPdf(def, META);
    const b = await renderSheetPdf(def, META);
    expect(a.equals(b)).toBe(true);
  });

  it('grows with the steps and continues on more pages with off-page connectors', async () => {
    const def = load('kebumen.yaml');
    const first = def.steps[0];
    if (!first) throw new Error('no steps');
    const many = Array.from({ length: 30 }, (_, i) => ({
      ...first,
      id: `s${i}`,
      no: String(i + 1),
      index: i,
      kegiatan: `Kegiatan nomor ${i + 1} yang cukup panjang untuk dibungkus ke beberapa baris di dalam sel tabel.`,
      flow: { type: 'next' as const, to: [i === 29 ? 'selesai' : `s${i + 1}`] },
    }));
    const big: SopDefinition = { ...def, start: 's0', steps: many };
    const small = await renderSheetPdf(def, META);
    const large = await renderSheetPdf(big, META);
    expect(large.length).toBeGreaterThan(small.length);
    expect(pageCount(large)).toBeGreaterThan(pageCount(small));
    const text = pdfText(large);
    for (let i = 1; i <= 30; i++) expect(squash(text)).toContain(squash(`Kegiatan nomor ${i} yang`));
  });
});

describe('sheet helpers', () => {
  it('formats dates in Indonesian', () => {
    expect(tanggal('2022-09-19')).toBe('19 September 2022');
    expect(tanggal(null)).toBe('-');
    expect(tanggal('2024-02-29T20:00:00Z', 'Asia/Jakarta')).toBe('1 Maret 2024');
  });

  it('derives the kop from the office name', () => {
    expect(kopLines('Dinas Kependudukan dan Pencatatan Sipil Kabupaten Kebumen')).toEqual([
      'PEMERINTAH KABUPATEN KEBUMEN',
      'DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL',
    ]);
    expect(kopLines('Sekretariat')).toEqual(['SEKRETARIAT']);
  });
});
