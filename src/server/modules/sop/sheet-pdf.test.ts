import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import PDFDocument from 'pdfkit';
import { PNG } from 'pngjs';
import { parseSop, type SopDefinition } from '../../../domain/sop/index.js';
import { checkSop } from '../../../domain/sop/validate.js';
import { baseFile } from '../../../domain/sop/fixtures.test-helpers.js';
import { kopLines, renderSheetPdf, sheetGeometry, tanggal, type SheetBox, type SheetGeometry } from './sheet-pdf.js';

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

// ---------------------------------------------------------------- the flowchart's layout

const TEMPLATES = path.join(SOPS, 'templates');

/** A shipped template as an office publishes it (sop.service ensureTemplateSop fills these in). */
function loadTemplate(file: string): SopDefinition {
  const source = fs
    .readFileSync(path.join(TEMPLATES, file), 'utf8')
    .replaceAll('{code}', '33.05')
    .replaceAll('{name}', 'Dinas Kependudukan dan Pencatatan Sipil Kabupaten Kebumen')
    .replaceAll('{timeZone}', 'Asia/Jakarta');
  const r = parseSop(source, file);
  if (!r.definition) throw new Error(`${file}: ${JSON.stringify(r.errors)}`);
  return r.definition;
}

/**
 * A deep and wide flow: `cols` pelaksana, `n` steps walking across them, every third a decision whose "Tidak"
 * branch ends the procedure with a long end label and every fifth a revision loop back up.
 */
const ROLES = ['kepala_daerah', 'kadis', 'sekretaris', 'kabid', 'kasi', 'staf', 'tim', 'adb', 'admin'];
function bigFlow(cols: number, n: number): SopDefinition {
  const pelaksana = Array.from({ length: cols }, (_, i) => ({
    code: `p${i}`,
    name: `Pelaksana Nomor ${i + 1} Bidang Pelayanan`,
    kind: 'office',
    role: ROLES[i % ROLES.length],
  }));
  const ends = [
    { id: 'selesai', label: 'Selesai', outcome: 'selesai' },
    { id: 'ditolak', label: 'Permohonan tidak disetujui dan dikembalikan kepada pemohon', outcome: 'ditolak' },
  ];
  const steps = Array.from({ length: n }, (_, i) => {
    const next = i === n - 1 ? 'selesai' : `s${i + 1}`;
    const base = {
      id: `s${i}`,
      kegiatan: `Kegiatan ${i + 1}`,
      pelaksana: `p${(i * 5) % cols}`,
      waktu: i % 4 === 0 ? { tanpaStandar: 'di bawah kendali instansi lain' } : '1 hari',
    };
    if (i > 0 && i % 3 === 0)
      return {
        ...base,
        decision: {
          question: `Berkas ${i + 1} lengkap?`,
          branches: [
            { label: 'Lengkap dan sesuai', to: next },
            i % 5 === 0 && i > 2
              ? { label: 'Perlu perbaikan', to: `s${i - 2}` }
              : { label: 'Tidak disetujui', to: 'ditolak' },
          ],
        },
      };
    return { ...base, next };
  });
  const raw = {
    ...baseFile(),
    code: `uji.${cols}.${n}`,
    office: {
      region: '33.05',
      name: 'Dinas Kependudukan dan Pencatatan Sipil Kabupaten Kebumen',
      timeZone: 'Asia/Jakarta',
    },
    pelaksana,
    steps,
    ends,
  };
  const r = checkSop(raw, 'uji.yaml');
  if (!r.definition) throw new Error(r.errors.map((e) => e.message.en).join('\n'));
  return r.definition;
}

const EPS = 0.01;
const overlap = (a: SheetBox, b: SheetBox): boolean => {
  const boxes = a.x < b.x + b.w - EPS && b.x < a.x + a.w - EPS && a.y < b.y + b.h - EPS && b.y < a.y + a.h - EPS;
  if (!boxes) return false;
  // A diamond fills only part of its box: the box touches it when its nearest point is inside |dx|/a + |dy|/b <= 1.
  const diamond = a.shape === 'decision' ? a : b.shape === 'decision' ? b : undefined;
  const other = diamond === a ? b : a;
  if (!diamond || other.shape === 'decision') return true;
  const cx = diamond.x + diamond.w / 2;
  const cy = diamond.y + diamond.h / 2;
  const dx = Math.max(0, other.x - cx, cx - (other.x + other.w));
  const dy = Math.max(0, other.y - cy, cy - (other.y + other.h));
  return dx / (diamond.w / 2) + dy / (diamond.h / 2) < 1 - EPS;
};
const inside = (b: SheetBox, r: { left: number; right: number; top: number; bottom: number }): boolean =>
  b.x >= r.left - EPS && b.x + b.w <= r.right + EPS && b.y >= r.top - EPS && b.y + b.h <= r.bottom + EPS;
const describeBox = (b: SheetBox): string =>
  `${b.kind} "${b.text ?? ''}" on page ${b.page} at ${b.x.toFixed(1)},${b.y.toFixed(1)} (${b.w.toFixed(1)}x${b.h.toFixed(1)})`;

const measurer = new PDFDocument({ autoFirstPage: false });

/** Everything wrong with the flowchart's layout, as sentences (empty when it is right). */
function layoutProblems(g: SheetGeometry): string[] {
  const problems: string[] = [];
  const area = { left: g.pelaksana.left, right: g.pelaksana.right, top: g.page.top, bottom: g.page.bottom };
  const drawn = g.boxes;
  for (const b of drawn) {
    if (!inside(b, area)) problems.push(`${describeBox(b)} is outside the pelaksana columns of the page`);
    if ((b.kind === 'end' || b.kind === 'connector') && b.column) {
      const col = { left: b.column.x, right: b.column.x + b.column.w, top: area.top, bottom: area.bottom };
      if (!inside(b, col)) problems.push(`${describeBox(b)} is clipped by its column`);
    }
    if ((b.kind === 'end' || b.kind === 'start') && b.text && b.textWidth && b.font && b.size) {
      const th = measurer.font(b.font).fontSize(b.size).heightOfString(b.text, { width: b.textWidth, lineGap: 0.5 });
      if (th > b.h - 2) problems.push(`${describeBox(b)}: its text (${th.toFixed(1)} high) overflows the capsule`);
      const width = b.textWidth;
      const broken = b.text.split(/\s+/).filter((w) => measurer.widthOfString(w) > width);
      if (broken.length) problems.push(`${describeBox(b)}: ${broken.join(', ')} broken inside the capsule`);
    }
  }
  // Labels and terminators overlap nothing else drawn; symbols do not overlap each other.
  for (let i = 0; i < drawn.length; i++) {
    for (let j = i + 1; j < drawn.length; j++) {
      const a = drawn[i];
      const b = drawn[j];
      if (!a || !b || a.page !== b.page) continue;
      if (a.kind === 'connector' && b.kind === 'connector') continue;
      if (overlap(a, b)) problems.push(`${describeBox(a)} overlaps ${describeBox(b)}`);
    }
  }
  // No label is crossed by an arrow.
  for (const b of drawn.filter((d) => d.kind === 'label')) {
    for (const l of g.lines.filter((x) => x.page === b.page)) {
      if (crosses(b, l))
        problems.push(
          `${describeBox(b)} is crossed by the arrow ${[l.x1, l.y1, l.x2, l.y2].map((v) => v.toFixed(1)).join(',')}`,
        );
    }
  }
  return problems;
}

/** Whether a segment runs through a box (sampled along the segment; arrows are short). */
function crosses(b: SheetBox, l: { x1: number; y1: number; x2: number; y2: number }): boolean {
  const steps = Math.max(2, Math.ceil(Math.hypot(l.x2 - l.x1, l.y2 - l.y1) / 0.25));
  for (let i = 0; i <= steps; i++) {
    const x = l.x1 + ((l.x2 - l.x1) * i) / steps;
    const y = l.y1 + ((l.y2 - l.y1) * i) / steps;
    if (x > b.x + 0.2 && x < b.x + b.w - 0.2 && y > b.y + 0.2 && y < b.y + b.h - 0.2) return true;
  }
  return false;
}

describe('the flowchart of the sheet', () => {
  const shipped = fs.readdirSync(SOPS).filter((f) => f.endsWith('.yaml'));
  const templates = fs.readdirSync(TEMPLATES).filter((f) => f.endsWith('.yaml'));
  const cases: [string, () => SopDefinition][] = [
    ...shipped.map((f): [string, () => SopDefinition] => [f, () => load(f)]),
    ...templates.map((f): [string, () => SopDefinition] => [`templates/${f}`, () => loadTemplate(f)]),
    ['a wide flow (12 pelaksana)', () => bigFlow(12, 16)],
    ['a deep flow (40 steps)', () => bigFlow(5, 40)],
    ['a narrow flow (2 pelaksana)', () => bigFlow(2, 12)],
  ];

  for (const [name, def] of cases) {
    it(`draws decision ends and labels of ${name} inside the page, none overlapping`, async () => {
      const g = await sheetGeometry(def(), META);
      expect(g.boxes.filter((b) => b.kind === 'symbol').length).toBeGreaterThan(0);
      expect(layoutProblems(g)).toEqual([]);
    });
  }

  it('draws every end of a decision and labels every branch', async () => {
    const def = load('kebumen.yaml');
    const g = await sheetGeometry(def, META);
    const ends = g.boxes.filter((b) => b.kind === 'end').map((b) => b.text);
    expect(ends).toContain('Permohonan ditolak Dirjen');
    const labels = g.boxes.filter((b) => b.kind === 'label').map((b) => b.text);
    for (const s of def.steps)
      if (s.flow.type === 'decision') for (const b of s.flow.branches) expect(labels).toContain(b.label);
  });

  it('writes "tanpa standar waktu" on one line of its Waktu cell', async () => {
    for (const def of [load('kebumen.yaml'), load('sibolga.yaml'), bigFlow(12, 8)]) {
      const g = await sheetGeometry(def, META);
      const cells = g.waktu.filter((c) => c.text.includes('tanpa standar waktu'));
      expect(cells.length).toBeGreaterThan(0);
      for (const c of cells) {
        expect(c.text.split('\n')[0]).toBe('tanpa standar waktu');
        const w = measurer.font(c.font).fontSize(c.size).widthOfString('tanpa standar waktu');
        expect(w, `${c.text} in ${c.width.toFixed(1)} pt`).toBeLessThanOrEqual(c.width);
      }
    }
  });
});

describe('the kop of the sheet', () => {
  /** A small red square, as an uploaded emblem. */
  const png = new PNG({ width: 8, height: 8 });
  png.data.fill(0);
  for (let i = 0; i < png.data.length; i += 4) png.data.set([200, 0, 0, 255], i);
  const EMBLEM = PNG.sync.write(png);
  const images = (pdf: Buffer): number => pdf.toString('latin1').match(/\/Subtype \/Image/g)?.length ?? 0;

  it("draws the office's emblem when it has one, and no fake shield when it has none", async () => {
    const def = load('kebumen.yaml');
    const withEmblem = await renderSheetPdf(def, { ...META, emblem: EMBLEM });
    const without = await renderSheetPdf(def, META);
    expect(images(withEmblem)).toBeGreaterThan(0);
    expect(images(without)).toBe(0);
    // The old blank shield was a closed path of two curves on the identity page.
    expect(pdfContent(without, 0)).not.toMatch(/ v\n|c\n.*c\nh/);
  });

  it('still renders when the emblem is not an image pdfkit can read', async () => {
    const pdf = await renderSheetPdf(load('kebumen.yaml'), { ...META, emblem: Buffer.from('not an image') });
    expect(images(pdf)).toBe(0);
    expect(pdfText(pdf)).toContain('PEMERINTAH');
  });
});

/** The inflated content stream of the n-th stream object (the identity page is drawn first). */
function pdfContent(pdf: Buffer, n: number): string {
  const raw = pdf.toString('latin1');
  const starts = [...raw.matchAll(/stream\r?\n/g)].map((m) => (m.index ?? 0) + m[0].length);
  const start = starts[n] ?? 0;
  try {
    return zlib.inflateSync(pdf.subarray(start, raw.indexOf('endstream', start))).toString('latin1');
  } catch {
    return '';
  }
}
