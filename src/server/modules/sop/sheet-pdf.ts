/**
 * The official SOP AP sheet (Permenpan RB 35/2012) as PDF: an identity page (kop, Nomor SOP, dates,
 * Disahkan oleh, Nama SOP, then Dasar Hukum | Kualifikasi Pelaksana, Keterkaitan | Peralatan/Perlengkapan,
 * Peringatan | Pencatatan dan Pendataan), then the procedure table with the flowchart drawn across the
 * pelaksana columns using the standard symbols. F4 (folio) landscape, as Indonesian offices print it.
 * Deterministic: the same definition and meta give the same bytes.
 */
import PDFDocument from 'pdfkit';
import { safeEmblem } from '../../lib/emblem.js';
import { tanggal } from '../../../domain/tanggal.js';
import type { SopDefinition } from '../../../domain/sop/index.js';
import { sheetModel, type SheetModel, type SheetRow, type SheetArrow } from '../../../domain/sop/index.js';

type Doc = PDFKit.PDFDocument;
type Side = 'bottom' | 'left' | 'right';

/** F4 / folio (215 x 330 mm), landscape, in points. */
const PAGE = { w: 935.43, h: 609.45 } as const;
const MARGIN = 28;
const FOOTER_H = 22;
const CONTENT_W = PAGE.w - 2 * MARGIN;
const BODY = 7;
const SMALL = 6;
const CELL_PAD = 3;
/** Flowchart metrics. */
const F = { pad: 6, gap: 9, procH: 20, decH: 28, capH: 14, pentH: 16, pentW: 16 } as const;
const GRAY = '#e4e4e4';

interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Horizontal extent of one table column. */
interface Col {
  x: number;
  w: number;
}

/** The procedure table's columns. */
interface Cols {
  no: Col;
  kegiatan: Col;
  pel: Col[];
  kelengkapan: Col;
  waktu: Col;
  output: Col;
  keterangan: Col;
}

/** Something an arrow ends at inside the source row: an end terminator or an outgoing off-page connector. */
interface Attachment {
  kind: 'end' | 'connector';
  label: string;
  side: Side;
  h: number;
}

/** How one arrow leaves its symbol. */
interface Exit {
  arrow: SheetArrow;
  side: Side;
  /** 'step': to a symbol on this page; 'loop': back up this page; 'end'/'connector': to an attachment. */
  kind: 'step' | 'loop' | 'end' | 'connector';
  attachment?: Attachment;
}

/** The layout of one row before placement. */
interface RowPlan {
  row: SheetRow;
  exits: Exit[];
  connectorsIn: string[];
  textH: number;
  height: number;
}

/** A placed symbol. */
interface SymGeom {
  kind: 'process' | 'decision';
  cx: number;
  cy: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** What the sheet is rendered with besides the definition. */
export interface SheetMeta {
  version: number;
  effectiveFrom: string;
  /** PNG or JPEG bytes of the office's emblem (directory/letterhead.repository.ts); none: the kop has no emblem. */
  emblem?: Buffer | null;
}

/** A box drawn in the flowchart, in points from the page's top left (pdfkit's coordinates). */
export interface SheetBox {
  /** Page of the PDF, from 1. */
  page: number;
  kind: 'symbol' | 'start' | 'end' | 'connector' | 'label';
  /** A symbol's shape: a decision is the diamond inscribed in the box. */
  shape?: 'process' | 'decision';
  x: number;
  y: number;
  w: number;
  h: number;
  /** The text in it (a label, an end's name). */
  text?: string;
  /** Font and size of the text, and the width it is set in (capsules wrap their text in it). */
  font?: string;
  size?: number;
  textWidth?: number;
  /** The pelaksana column it belongs in (ends and connectors are drawn inside one column). */
  column?: { x: number; w: number };
}

/** A Waktu cell's text as set: the text is written in `width` at `size`. */
export interface SheetWaktuCell {
  page: number;
  text: string;
  font: string;
  size: number;
  width: number;
}

/** Where the sheet draws its flowchart (for tests of the layout: nothing clipped, nothing overlapping). */
export interface SheetGeometry {
  page: { w: number; h: number; top: number; bottom: number };
  /** Horizontal extent of the pelaksana columns. */
  pelaksana: { left: number; right: number };
  boxes: SheetBox[];
  /** The arrows' straight segments (x1, y1, x2, y2) by page. */
  lines: { page: number; x1: number; y1: number; x2: number; y2: number }[];
  waktu: SheetWaktuCell[];
}

/** Renders the SOP AP sheet of a definition as a PDF. */
export async function renderSheetPdf(def: SopDefinition, meta: SheetMeta): Promise<Buffer> {
  return build(def, meta);
}

/** Renders the sheet and returns where its flowchart's boxes and Waktu cells were drawn. */
export async function sheetGeometry(def: SopDefinition, meta: SheetMeta): Promise<SheetGeometry> {
  const cols = tableCols(def.pelaksana.length);
  const first = cols.pel[0];
  const last = cols.pel[cols.pel.length - 1];
  const geometry: SheetGeometry = {
    page: { w: PAGE.w, h: PAGE.h, top: MARGIN, bottom: PAGE.h - MARGIN - FOOTER_H },
    pelaksana: { left: first?.x ?? 0, right: last ? last.x + last.w : 0 },
    boxes: [],
    lines: [],
    waktu: [],
  };
  await build(def, meta, geometry);
  return geometry;
}

/** Geometry being recorded for a document, when a test asks for it. */
const recording = new WeakMap<Doc, SheetGeometry>();
const pageNo = (doc: Doc): number => doc.bufferedPageRange().count;

function record(doc: Doc, box: Omit<SheetBox, 'page'>): void {
  recording.get(doc)?.boxes.push({ ...box, page: pageNo(doc) });
}

async function build(def: SopDefinition, meta: SheetMeta, geometry?: SheetGeometry): Promise<Buffer> {
  const sheet = sheetModel(def);
  const created = validDate(meta.effectiveFrom);
  const doc = new PDFDocument({
    size: [PAGE.w, PAGE.h],
    margin: 0,
    bufferPages: true,
    autoFirstPage: false,
    info: {
      Title: `SOP ${sheet.header.nama}`,
      Author: sheet.office.name,
      Subject: sheet.header.nomor ?? sheet.header.nama,
      Creator: 'Gerbang',
      Producer: 'Gerbang',
      CreationDate: created,
      ModDate: created,
    },
  });
  if (geometry) recording.set(doc, geometry);
  const done = collect(doc);
  drawIdentityPage(doc, sheet, meta.emblem ?? null);
  drawProcedure(doc, sheet);
  drawFooters(doc, sheet, `Versi ${meta.version}, berlaku sejak ${tanggal(meta.effectiveFrom, sheet.office.timeZone)}`);
  doc.end();
  return done;
}

function collect(doc: Doc): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}

function validDate(s: string): Date {
  const d = new Date(s);
  return Number.isNaN(d.getTime()) ? new Date(0) : d;
}

export { tanggal };

/** The kop lines: "PEMERINTAH KABUPATEN KEBUMEN", "DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL". */
export function kopLines(officeName: string): string[] {
  const m = /^(.*?)\s+((?:Kabupaten|Kota|Provinsi)\s+.+)$/i.exec(officeName);
  if (!m?.[1] || !m[2]) return [officeName.toUpperCase()];
  return [`PEMERINTAH ${m[2].toUpperCase()}`, m[1].toUpperCase()];
}

/** A list as printed in a cell: numbered when there is more than one item, "-" when empty. */
function listText(items: readonly string[]): string {
  if (items.length === 0) return '-';
  if (items.length === 1) return items[0] ?? '-';
  return items.map((t, i) => `${i + 1}. ${t}`).join('\n');
}

// ---------------------------------------------------------------- text helpers

/** What a step without a time standard shows in its Waktu cell, on one line; the reason follows below. */
const NO_STANDARD = 'tanpa standar waktu';

/** The Waktu cell's text: "tanpa standar waktu" on a line of its own. */
export function waktuCellText(waktu: string): string {
  if (!waktu) return '-';
  return waktu.startsWith(NO_STANDARD) ? `${NO_STANDARD}\n${waktu.slice(NO_STANDARD.length).trim()}`.trim() : waktu;
}

let measurer: Doc | undefined;
/** The width of a text at a font and size, without a page to draw on (column widths are fixed before drawing). */
function measure(text: string, font: string, size: number): number {
  measurer ??= new PDFDocument({ autoFirstPage: false });
  return measurer.font(font).fontSize(size).widthOfString(text);
}

function textH(doc: Doc, text: string, width: number, font: string, size: number): number {
  return doc.font(font).fontSize(size).heightOfString(text, { width, lineGap: 0.5 });
}

function write(
  doc: Doc,
  text: string,
  x: number,
  y: number,
  width: number,
  font: string,
  size: number,
  align: 'left' | 'center' | 'right' = 'left',
): number {
  doc.font(font).fontSize(size).fillColor('black').text(text, x, y, { width, align, lineGap: 0.5 });
  return textH(doc, text, width, font, size);
}

function box(doc: Doc, r: Rect, fill?: string): void {
  if (fill) doc.rect(r.x, r.y, r.w, r.h).fillAndStroke(fill, 'black');
  else doc.rect(r.x, r.y, r.w, r.h).stroke();
  doc.fillColor('black');
}

// ---------------------------------------------------------------- identity page

function drawIdentityPage(doc: Doc, sheet: SheetModel, emblem: Buffer | null): void {
  doc.addPage();
  doc.lineWidth(0.7).strokeColor('black');
  const y = drawIdentityTable(doc, sheet, MARGIN, emblem);
  drawInfoBlocks(doc, sheet, y);
}

/** The top block: kop on the left, the identity rows on the right. Returns the y below it. */
function drawIdentityTable(doc: Doc, sheet: SheetModel, top: number, emblem: Buffer | null): number {
  const h = sheet.header;
  const leftW = CONTENT_W * 0.42;
  const labelW = 120;
  const valueX = MARGIN + leftW + labelW;
  const valueW = CONTENT_W - leftW - labelW;
  const rows: [string, string, 'plain' | 'bold' | 'sign'][] = [
    ['Nomor SOP', h.nomor ?? '-', 'plain'],
    ['Tanggal Pembuatan', tanggal(h.tanggalPembuatan), 'plain'],
    ['Tanggal Revisi', tanggal(h.tanggalRevisi), 'plain'],
    ['Tanggal Efektif', tanggal(h.tanggalEfektif), 'plain'],
    ...(h.tanggalPengesahan
      ? [['Tanggal Pengesahan', tanggal(h.tanggalPengesahan), 'plain'] as [string, string, 'plain']]
      : []),
    ['Disahkan oleh', '', 'sign'],
    ['Nama SOP', h.nama.toUpperCase(), 'bold'],
  ];
  let y = top;
  for (const [label, value, style] of rows) {
    const rh = style === 'sign' ? signatureHeight(doc, sheet, valueW) : identityRowHeight(doc, value, valueW, style);
    box(doc, { x: MARGIN + leftW, y, w: labelW, h: rh });
    box(doc, { x: valueX, y, w: valueW, h: rh });
    write(doc, label, MARGIN + leftW + 5, y + 5, labelW - 10, 'Helvetica-Bold', 8);
    if (style === 'sign') drawSignature(doc, sheet, valueX, y, valueW);
    else
      write(
        doc,
        value,
        valueX + 5,
        y + 5,
        valueW - 10,
        style === 'bold' ? 'Helvetica-Bold' : 'Helvetica',
        style === 'bold' ? 9 : 8,
      );
    y += rh;
  }
  box(doc, { x: MARGIN, y: top, w: leftW, h: y - top });
  drawKop(doc, sheet.office.name, emblem, { x: MARGIN, y: top, w: leftW, h: y - top });
  return y;
}

function identityRowHeight(doc: Doc, value: string, width: number, style: 'plain' | 'bold'): number {
  return (
    textH(doc, value, width - 10, style === 'bold' ? 'Helvetica-Bold' : 'Helvetica', style === 'bold' ? 9 : 8) + 10
  );
}

function signatureLines(sheet: SheetModel): { jabatan: string; nama: string; nip: string } {
  const d = sheet.header.disahkanOleh;
  return { jabatan: d.jabatan.toUpperCase(), nama: d.nama ?? '', nip: d.nip ? `NIP. ${d.nip}` : '' };
}

function signatureHeight(doc: Doc, sheet: SheetModel, width: number): number {
  const s = signatureLines(sheet);
  return 10 + textH(doc, s.jabatan, width - 10, 'Helvetica-Bold', 8) + 26 + 2 * 11;
}

/** Jabatan, space for the signature and the stamp, nama (underlined), NIP. */
function drawSignature(doc: Doc, sheet: SheetModel, x: number, y: number, width: number): void {
  const s = signatureLines(sheet);
  let yy = y + 5 + write(doc, s.jabatan, x + 5, y + 5, width - 10, 'Helvetica-Bold', 8, 'center') + 26;
  doc
    .font('Helvetica-Bold')
    .fontSize(8)
    .text(s.nama || ' ', x + 5, yy, { width: width - 10, align: 'center', underline: !!s.nama });
  yy += 11;
  write(doc, s.nip, x + 5, yy, width - 10, 'Helvetica', 8, 'center');
}

/** Height of the emblem in the kop. */
const EMBLEM_H = 44;

/**
 * The kop: the office's emblem (when it has uploaded one) above the government and office names, centred. Without
 * an emblem the names stand alone: no placeholder pretends to be one.
 */
function drawKop(doc: Doc, officeName: string, emblem: Buffer | null, r: Rect): void {
  const lines = kopLines(officeName);
  const textW = r.w - 40;
  const heights = lines.map((l, i) => textH(doc, l, textW, 'Helvetica-Bold', i === 0 ? 12 : 11));
  const image = safeEmblem(emblem);
  const emblemH = image ? EMBLEM_H + 10 : 0;
  const total = heights.reduce((a, b) => a + b + 4, 0) + emblemH;
  let y = r.y + (r.h - total) / 2;
  if (image) {
    try {
      doc.image(image, r.x + (r.w - EMBLEM_H) / 2, y, { fit: [EMBLEM_H, EMBLEM_H], align: 'center', valign: 'center' });
    } catch {
      // An image pdfkit cannot read leaves the kop without an emblem rather than the sheet unproduced.
    }
    y += emblemH;
  }
  lines.forEach((l, i) => {
    y += write(doc, l, r.x + 20, y, textW, 'Helvetica-Bold', i === 0 ? 12 : 11, 'center') + 4;
  });
}

/** Dasar Hukum | Kualifikasi Pelaksana, Keterkaitan | Peralatan/Perlengkapan, Peringatan | Pencatatan dan Pendataan. */
function drawInfoBlocks(doc: Doc, sheet: SheetModel, top: number): void {
  const h = sheet.header;
  const pairs: [string, readonly string[], string, readonly string[]][] = [
    ['Dasar Hukum:', h.dasarHukum, 'Kualifikasi Pelaksana:', h.kualifikasiPelaksana],
    ['Keterkaitan:', h.keterkaitan, 'Peralatan/Perlengkapan:', h.peralatanPerlengkapan],
    ['Peringatan:', h.peringatan, 'Pencatatan dan Pendataan:', h.pencatatanPendataan],
  ];
  const half = CONTENT_W / 2;
  let y = top;
  for (const [t1, l1, t2, l2] of pairs) {
    const rh = Math.max(infoCellHeight(doc, l1, half), infoCellHeight(doc, l2, half));
    if (y + rh > PAGE.h - MARGIN - FOOTER_H) {
      doc.addPage();
      y = MARGIN;
    }
    drawInfoCell(doc, t1, l1, { x: MARGIN, y, w: half, h: rh });
    drawInfoCell(doc, t2, l2, { x: MARGIN + half, y, w: half, h: rh });
    y += rh;
  }
}

function infoCellHeight(doc: Doc, items: readonly string[], width: number): number {
  return 16 + textH(doc, listText(items), width - 12, 'Helvetica', 8) + 8;
}

function drawInfoCell(doc: Doc, title: string, items: readonly string[], r: Rect): void {
  box(doc, { x: r.x, y: r.y, w: r.w, h: 14 }, GRAY);
  box(doc, { x: r.x, y: r.y + 14, w: r.w, h: r.h - 14 });
  write(doc, title, r.x + 6, r.y + 3.5, r.w - 12, 'Helvetica-Bold', 8);
  write(doc, listText(items), r.x + 6, r.y + 18, r.w - 12, 'Helvetica', 8);
}

// ---------------------------------------------------------------- procedure table: columns and header

/** Column widths: pelaksana columns share what the text columns leave, within limits. */
function tableCols(n: number): Cols {
  // The Waktu column holds "tanpa standar waktu" on one line.
  const waktu = Math.max(52, Math.ceil(measure(NO_STANDARD, 'Helvetica', BODY)) + 2 * CELL_PAD + 2);
  const fixed = { no: 20, kelengkapan: 92, waktu, output: 92 };
  const fixedSum = fixed.no + fixed.kelengkapan + fixed.waktu + fixed.output;
  // Many pelaksana: the columns narrow below 46 pt rather than push Kegiatan and Keterangan off the page.
  const floor = Math.min(46, (CONTENT_W - fixedSum - 110 - 70) / Math.max(1, n));
  const pelW = Math.min(84, Math.max(floor, (CONTENT_W - fixedSum - 150 - 90) / Math.max(1, n)));
  const rest = CONTENT_W - fixedSum - pelW * n;
  const kegW = Math.max(110, rest * 0.6);
  const ketW = rest - kegW;
  let x = MARGIN;
  const take = (w: number): Col => {
    const c = { x, w };
    x += w;
    return c;
  };
  const no = take(fixed.no);
  const kegiatan = take(kegW);
  const pel = Array.from({ length: n }, () => take(pelW));
  return {
    no,
    kegiatan,
    pel,
    kelengkapan: take(fixed.kelengkapan),
    waktu: take(fixed.waktu),
    output: take(fixed.output),
    keterangan: take(ketW),
  };
}

function headerHeights(doc: Doc, sheet: SheetModel, cols: Cols): { top: number; sub: number } {
  const names = sheet.columns.map((c, i) => textH(doc, c.name, (cols.pel[i]?.w ?? 40) - 4, 'Helvetica-Bold', SMALL));
  return { top: 14, sub: Math.max(14, ...names.map((h) => h + 6)) };
}

/** The two header rows: No | Kegiatan | Pelaksana (one sub-column each) | Mutu Baku (3) | Keterangan. */
function drawTableHeader(doc: Doc, sheet: SheetModel, cols: Cols, y: number): number {
  const { top, sub } = headerHeights(doc, sheet, cols);
  const full = top + sub;
  const first = cols.pel[0] ?? cols.kegiatan;
  const last = cols.pel[cols.pel.length - 1] ?? cols.kegiatan;
  const spanned = (label: string, c: Col): void => headerCell(doc, label, { x: c.x, y, w: c.w, h: full });
  spanned('No', cols.no);
  spanned('Kegiatan', cols.kegiatan);
  headerCell(doc, 'Pelaksana', { x: first.x, y, w: last.x + last.w - first.x, h: top });
  sheet.columns.forEach((c, i) => {
    const col = cols.pel[i];
    if (col) headerCell(doc, c.name, { x: col.x, y: y + top, w: col.w, h: sub }, SMALL);
  });
  headerCell(doc, 'Mutu Baku', {
    x: cols.kelengkapan.x,
    y,
    w: cols.output.x + cols.output.w - cols.kelengkapan.x,
    h: top,
  });
  headerCell(doc, 'Kelengkapan', { x: cols.kelengkapan.x, y: y + top, w: cols.kelengkapan.w, h: sub });
  headerCell(doc, 'Waktu', { x: cols.waktu.x, y: y + top, w: cols.waktu.w, h: sub });
  headerCell(doc, 'Output', { x: cols.output.x, y: y + top, w: cols.output.w, h: sub });
  spanned('Keterangan', cols.keterangan);
  return y + full;
}

function headerCell(doc: Doc, label: string, r: Rect, size = BODY): void {
  box(doc, r, GRAY);
  const th = textH(doc, label, r.w - 4, 'Helvetica-Bold', size);
  write(doc, label, r.x + 2, r.y + (r.h - th) / 2, r.w - 4, 'Helvetica-Bold', size, 'center');
}

// ---------------------------------------------------------------- procedure table: rows

/** The text cells of a row: [column, text, font, align]. */
function rowTexts(row: SheetRow, cols: Cols): [Col, string, string, 'left' | 'center'][] {
  const texts: [Col, string, string, 'left' | 'center'][] = [
    [cols.no, row.no, 'Helvetica', 'center'],
    [cols.kegiatan, row.kegiatan, 'Helvetica', 'left'],
    [cols.kelengkapan, listText(row.kelengkapan), 'Helvetica', 'left'],
    [cols.waktu, waktuCellText(row.waktu), 'Helvetica', 'center'],
    [cols.output, listText(row.output), 'Helvetica', 'left'],
    [cols.keterangan, row.keterangan, 'Helvetica', 'left'],
  ];
  return texts;
}

function rowTextHeight(doc: Doc, row: SheetRow, cols: Cols): number {
  const heights = rowTexts(row, cols).map(([c, t, f]) => textH(doc, t, c.w - 2 * CELL_PAD, f, BODY));
  const question = row.question
    ? textH(doc, row.question, cols.kegiatan.w - 2 * CELL_PAD, 'Helvetica-Oblique', BODY) + 3
    : 0;
  heights[1] = (heights[1] ?? 0) + question;
  return Math.max(...heights) + 2 * CELL_PAD;
}

function drawRowCells(doc: Doc, plan: RowPlan, cols: Cols, y: number): void {
  const all: Col[] = [cols.no, cols.kegiatan, ...cols.pel, cols.kelengkapan, cols.waktu, cols.output, cols.keterangan];
  for (const c of all) box(doc, { x: c.x, y, w: c.w, h: plan.height });
  for (const [c, t, f, align] of rowTexts(plan.row, cols)) {
    write(doc, t, c.x + CELL_PAD, y + CELL_PAD, c.w - 2 * CELL_PAD, f, BODY, align);
    if (c === cols.waktu) {
      recording.get(doc)?.waktu.push({ page: pageNo(doc), text: t, font: f, size: BODY, width: c.w - 2 * CELL_PAD });
    }
  }
  if (plan.row.question) {
    const k = cols.kegiatan;
    const below = textH(doc, plan.row.kegiatan, k.w - 2 * CELL_PAD, 'Helvetica', BODY);
    write(
      doc,
      plan.row.question,
      k.x + CELL_PAD,
      y + CELL_PAD + below + 3,
      k.w - 2 * CELL_PAD,
      'Helvetica-Oblique',
      BODY,
    );
  }
}

/** The "Total Waktu" row closing the table. */
function totalText(sheet: SheetModel): { value: string; note: string } {
  const t = sheet.totalWaktu;
  const sum = t.sum === t.sumDeadline ? t.sum : `${t.sum} - ${t.sumDeadline}`;
  if (t.declared) return { value: t.declared, note: t.declared === sum ? '' : `Jumlah waktu per kegiatan: ${sum}` };
  return { value: sum, note: '' };
}

function totalRowHeight(doc: Doc, sheet: SheetModel, cols: Cols): number {
  const { value, note } = totalText(sheet);
  const valueW = cols.output.x + cols.output.w - cols.waktu.x - 6;
  return (
    Math.max(
      textH(doc, value, valueW, 'Helvetica-Bold', BODY),
      textH(doc, note, cols.keterangan.w - 6, 'Helvetica-Oblique', SMALL),
    ) + 8
  );
}

function drawTotalRow(doc: Doc, sheet: SheetModel, cols: Cols, y: number): number {
  const h = totalRowHeight(doc, sheet, cols);
  const { value, note } = totalText(sheet);
  box(doc, { x: cols.no.x, y, w: cols.waktu.x - cols.no.x, h }, GRAY);
  const valueW = cols.output.x + cols.output.w - cols.waktu.x;
  box(doc, { x: cols.waktu.x, y, w: valueW, h });
  box(doc, { x: cols.keterangan.x, y, w: cols.keterangan.w, h });
  write(doc, 'Total Waktu', cols.no.x + 4, y + 4, cols.waktu.x - cols.no.x - 8, 'Helvetica-Bold', BODY, 'right');
  write(doc, value, cols.waktu.x + 3, y + 4, valueW - 6, 'Helvetica-Bold', BODY);
  if (note) write(doc, note, cols.keterangan.x + 3, y + 4, cols.keterangan.w - 6, 'Helvetica-Oblique', SMALL);
  return y + h;
}

// ---------------------------------------------------------------- flowchart planning

/** The span of columns a row's symbol covers (responsible and, when adjacent, the others taking part). */
function spanOf(row: SheetRow): { from: number; to: number; separate: number[] } {
  const cols = [row.column, ...row.alsoColumns].sort((a, b) => a - b);
  const from = cols[0] ?? row.column;
  const to = cols[cols.length - 1] ?? row.column;
  const contiguous = to - from === cols.length - 1;
  return contiguous ? { from, to, separate: [] } : { from: row.column, to: row.column, separate: row.alsoColumns };
}

/** Width of an end capsule drawn in a pelaksana column of width `colW`: always inside the column. */
function capsuleW(colW: number): number {
  return Math.max(12, Math.min(colW - 6, 70));
}

/** Height of an attachment: an end capsule grows with its wrapped text (set in the capsule's width less 6). */
function attachmentHeight(doc: Doc, kind: Attachment['kind'], label: string, colW: number): number {
  if (kind === 'connector') return F.pentH;
  const w = capsuleW(colW) - 6;
  return Math.max(F.capH, textH(doc, label, w, 'Helvetica', capsuleSize(label, w)) + 6);
}

/** The size of a capsule's text: SMALL, or smaller (down to 3.5) so that no word is broken inside the capsule. */
function capsuleSize(label: string, width: number): number {
  const widest = Math.max(0, ...label.split(/\s+/).map((word) => measure(word, 'Helvetica', SMALL)));
  return widest > width ? Math.max(3.5, (SMALL * width) / widest) : SMALL;
}

/** Decides where each arrow leaves the symbol so that branches do not share a side. */
function planExits(
  doc: Doc,
  row: SheetRow,
  cross: Map<SheetArrow, string>,
  pageOfStep: Map<string, number>,
  columnOf: Map<string, number>,
  nCols: number,
  colW: number,
): Exit[] {
  const taken = new Set<Side>();
  const span = spanOf(row);
  const sideFree = (s: Side): boolean => s === 'bottom' || (s === 'right' ? span.to + 1 < nCols : span.from > 0);
  const claim = (preferred: Side[], attach: boolean): Side => {
    const order = [...preferred, ...(['bottom', 'right', 'left'] as Side[]).filter((s) => !preferred.includes(s))];
    const ok = order.find((s) => !taken.has(s) && (!attach || sideFree(s))) ?? preferred[0] ?? 'bottom';
    if (row.symbol === 'decision') taken.add(ok);
    return ok;
  };
  const kindOf = (a: SheetArrow): Exit['kind'] => {
    if (cross.has(a)) return 'connector';
    if (!pageOfStep.has(a.to)) return 'end';
    return a.kind === 'loop' ? 'loop' : 'step';
  };
  const order: Exit['kind'][] = ['step', 'loop', 'end', 'connector'];
  const arrows = [...row.arrows].sort((a, b) => order.indexOf(kindOf(a)) - order.indexOf(kindOf(b)));
  return arrows.map((arrow) => {
    const kind = kindOf(arrow);
    if (kind === 'step') {
      const tc = columnOf.get(arrow.to) ?? row.column;
      const side: Side = tc === row.column ? 'bottom' : tc > row.column ? 'right' : 'left';
      return { arrow, kind, side: claim([side], false) };
    }
    if (kind === 'loop') return { arrow, kind, side: claim(['right', 'left'], false) };
    const side = claim(['bottom', 'right', 'left'], true);
    const label = kind === 'end' ? endLabel(row, arrow) : (cross.get(arrow) ?? '');
    return { arrow, kind, side, attachment: { kind, label, side, h: attachmentHeight(doc, kind, label, colW) } };
  });
}

function endLabel(row: SheetRow, arrow: SheetArrow): string {
  return row.endTerminators.find((t) => t.endId === arrow.to)?.label ?? 'Selesai';
}

/** Height of the flowchart stack of a row: start capsule, incoming connectors, symbol, attachments below. */
function stackHeight(
  row: SheetRow,
  exits: Exit[],
  connectorsIn: string[],
): { above: number; sym: number; below: number } {
  let above = 0;
  if (row.startTerminator) above += F.capH + F.gap;
  if (connectorsIn.length > 0) above += F.pentH + F.gap;
  // An attachment beside the symbol is centred on it, with its branch label above it.
  const side = exits
    .filter((e) => e.attachment && e.side !== 'bottom')
    .map((e) => (e.attachment?.h ?? 0) + (e.arrow.label ? 2 * (LABEL_H + 1) : 0));
  const sym = Math.max(row.symbol === 'decision' ? F.decH : F.procH, ...side);
  const below = exits
    .filter((e) => e.attachment && e.side === 'bottom')
    .reduce((s, e) => s + F.gap + (e.attachment?.h ?? 0), 0);
  return { above, sym, below };
}

// ---------------------------------------------------------------- pagination

/** Splits rows into pages: at the model's page boundaries and wherever a page is full. */
function paginate(heights: number[], rows: SheetRow[], avail: number): number[][] {
  const pages: number[][] = [];
  let current: number[] = [];
  let used = 0;
  rows.forEach((row, i) => {
    const h = heights[i] ?? 0;
    const prev = rows[i - 1];
    const modelBreak = prev !== undefined && prev.page !== row.page;
    if (current.length > 0 && (modelBreak || used + h > avail)) {
      pages.push(current);
      current = [];
      used = 0;
    }
    current.push(i);
    used += h;
  });
  pages.push(current);
  return pages;
}

/** Off-page connector numbers for arrows between pages: the model's where it has one, new ones otherwise. */
function crossings(
  rows: SheetRow[],
  pageOfStep: Map<string, number>,
): { cross: Map<SheetArrow, string>; incoming: Map<string, string[]> } {
  const cross = new Map<SheetArrow, string>();
  const incoming = new Map<string, string[]>();
  let next = Math.max(0, ...rows.flatMap((r) => r.arrows.map((a) => Number(a.connector ?? 0)).filter(Number.isFinite)));
  for (const r of rows) {
    for (const a of r.arrows) {
      const tp = pageOfStep.get(a.to);
      if (tp === undefined || tp === pageOfStep.get(r.stepId)) continue;
      const label = a.connector ?? String(++next);
      cross.set(a, label);
      incoming.set(a.to, [...(incoming.get(a.to) ?? []), label]);
    }
  }
  return { cross, incoming };
}

/** Lays the rows out in pages, re-planning until the connectors and the page breaks agree. */
function layoutRows(doc: Doc, sheet: SheetModel, cols: Cols, avail: number, totalH: number): RowPlan[][] {
  const columnOf = new Map(sheet.rows.map((r) => [r.stepId, r.column]));
  const colW = cols.pel[0]?.w ?? 50;
  const textHs = sheet.rows.map((r) => rowTextHeight(doc, r, cols));
  let pageOfStep = new Map(sheet.rows.map((r) => [r.stepId, r.page]));
  let result: RowPlan[][] = [];
  for (let round = 0; round < 4; round++) {
    const { cross, incoming } = crossings(sheet.rows, pageOfStep);
    const plans = sheet.rows.map((row, i): RowPlan => {
      const exits = planExits(doc, row, cross, pageOfStep, columnOf, sheet.columns.length, colW);
      const connectorsIn = incoming.get(row.stepId) ?? [];
      const s = stackHeight(row, exits, connectorsIn);
      const textH0 = textHs[i] ?? 0;
      return {
        row,
        exits,
        connectorsIn,
        textH: textH0,
        height: Math.max(textH0, s.above + s.sym + s.below + 2 * F.pad),
      };
    });
    const pages = paginate(
      plans.map((p, i) => p.height + (i === plans.length - 1 ? totalH : 0)),
      sheet.rows,
      avail,
    );
    result = pages.map((idx) => idx.map((i) => plans[i]).filter((p): p is RowPlan => p !== undefined));
    const nextPageOf = new Map<string, number>();
    pages.forEach((idx, p) => idx.forEach((i) => nextPageOf.set(sheet.rows[i]?.stepId ?? '', p + 1)));
    if ([...nextPageOf].every(([id, p]) => pageOfStep.get(id) === p)) break;
    pageOfStep = nextPageOf;
  }
  return result;
}

// ---------------------------------------------------------------- procedure pages

function drawProcedure(doc: Doc, sheet: SheetModel): void {
  const cols = tableCols(sheet.columns.length);
  const hh = headerHeights(doc, sheet, cols);
  const titleH = 16;
  const bottom = PAGE.h - MARGIN - FOOTER_H;
  const avail = bottom - MARGIN - titleH - hh.top - hh.sub;
  const totalH = totalRowHeight(doc, sheet, cols);
  const pages = layoutRows(doc, sheet, cols, avail, totalH);
  pages.forEach((plans, p) => {
    doc.addPage();
    doc.lineWidth(0.6).strokeColor('black');
    drawPageTitle(doc, sheet, MARGIN);
    let y = drawTableHeader(doc, sheet, cols, MARGIN + titleH);
    const placed = new Map<string, SymGeom>();
    const tops: number[] = [];
    for (const plan of plans) {
      drawRowCells(doc, plan, cols, y);
      tops.push(y);
      y += plan.height;
    }
    plans.forEach((plan, i) => placed.set(plan.row.stepId, symbolGeom(plan, cols, tops[i] ?? 0)));
    plans.forEach((plan) => drawRowFlow(doc, plan, cols, placed));
    if (p === pages.length - 1) {
      if (y + totalH > bottom) {
        doc.addPage();
        y = drawTableHeader(doc, sheet, cols, MARGIN + titleH);
        drawPageTitle(doc, sheet, MARGIN);
      }
      drawTotalRow(doc, sheet, cols, y);
    }
  });
}

function drawPageTitle(doc: Doc, sheet: SheetModel, y: number): void {
  write(doc, `Nama SOP: ${sheet.header.nama}`, MARGIN, y + 2, CONTENT_W * 0.7, 'Helvetica-Bold', 8);
  write(
    doc,
    `Nomor SOP: ${sheet.header.nomor ?? '-'}`,
    MARGIN + CONTENT_W * 0.7,
    y + 2,
    CONTENT_W * 0.3,
    'Helvetica',
    8,
    'right',
  );
}

// ---------------------------------------------------------------- flowchart drawing

function colCenter(cols: Cols, i: number): number {
  const c = cols.pel[i];
  return c ? c.x + c.w / 2 : cols.kegiatan.x + cols.kegiatan.w;
}

/** Where a row's symbol sits: vertically centred stack inside the row, in its column (or span). */
function symbolGeom(plan: RowPlan, cols: Cols, rowTop: number): SymGeom {
  const s = stackHeight(plan.row, plan.exits, plan.connectorsIn);
  const stackTop = rowTop + (plan.height - (s.above + s.sym + s.below)) / 2;
  const cy = stackTop + s.above + s.sym / 2;
  const span = spanOf(plan.row);
  const colW = cols.pel[plan.row.column]?.w ?? 50;
  const cx = colCenter(cols, plan.row.column);
  if (plan.row.symbol === 'decision') {
    const w = Math.min(colW - 10, 52);
    return {
      kind: 'decision',
      cx,
      cy,
      left: cx - w / 2,
      right: cx + w / 2,
      top: cy - F.decH / 2,
      bottom: cy + F.decH / 2,
    };
  }
  const fromC = cols.pel[span.from];
  const toC = cols.pel[span.to];
  const inset = Math.max(8, (colW - 70) / 2);
  const left = (fromC?.x ?? cx - colW / 2) + inset;
  const right = (toC ? toC.x + toC.w : cx + colW / 2) - inset;
  return { kind: 'process', cx, cy, left, right, top: cy - F.procH / 2, bottom: cy + F.procH / 2 };
}

function drawRowFlow(doc: Doc, plan: RowPlan, cols: Cols, placed: Map<string, SymGeom>): void {
  const g = placed.get(plan.row.stepId);
  if (!g) return;
  doc.save().lineWidth(0.8).strokeColor('black');
  drawSymbol(doc, g);
  drawSeparateBoxes(doc, plan.row, cols, g);
  drawIncoming(doc, plan, g, cols);
  let belowY = g.bottom;
  for (const exit of plan.exits) {
    if (exit.attachment) belowY = drawAttachmentExit(doc, exit, exit.attachment, g, cols, plan.row, belowY);
    else if (exit.kind === 'loop') drawLoop(doc, exit, g, placed.get(exit.arrow.to), cols, plan.row);
    else drawForward(doc, exit, g, placed.get(exit.arrow.to), cols, plan.row);
  }
  doc.restore();
}

function drawSymbol(doc: Doc, g: SymGeom): void {
  record(doc, { kind: 'symbol', shape: g.kind, x: g.left, y: g.top, w: g.right - g.left, h: g.bottom - g.top });
  if (g.kind === 'process') {
    doc.rect(g.left, g.top, g.right - g.left, g.bottom - g.top).fillAndStroke('white', 'black');
  } else {
    doc.polygon([g.cx, g.top], [g.right, g.cy], [g.cx, g.bottom], [g.left, g.cy]).fillAndStroke('white', 'black');
  }
  doc.fillColor('black');
}

/** Pelaksana taking part in non-adjacent columns: a second box joined with a dashed line. */
function drawSeparateBoxes(doc: Doc, row: SheetRow, cols: Cols, g: SymGeom): void {
  for (const c of spanOf(row).separate) {
    const x = colCenter(cols, c);
    const w = g.right - g.left;
    doc
      .save()
      .dash(2, { space: 2 })
      .moveTo(x < g.cx ? g.left : g.right, g.cy)
      .lineTo(x < g.cx ? x + w / 2 : x - w / 2, g.cy)
      .stroke()
      .undash()
      .restore();
    doc.rect(x - w / 2, g.top, w, g.bottom - g.top).fillAndStroke('white', 'black');
    doc.fillColor('black');
    record(doc, { kind: 'symbol', x: x - w / 2, y: g.top, w, h: g.bottom - g.top });
  }
}

/** The start capsule and incoming off-page connectors above the symbol, each with its arrow down. */
function drawIncoming(doc: Doc, plan: RowPlan, g: SymGeom, cols: Cols): void {
  let y = g.top - F.gap;
  if (plan.connectorsIn.length > 0) {
    const n = plan.connectorsIn.length;
    plan.connectorsIn.forEach((label, i) => {
      const x = g.cx + (i - (n - 1) / 2) * (F.pentW + 6);
      drawPentagon(doc, x, y - F.pentH, label);
      const pts: [number, number][] =
        n > 1
          ? [
              [x, y],
              [x, y + 3],
              [g.cx, y + 3],
              [g.cx, g.top],
            ]
          : [
              [x, y],
              [g.cx, g.top],
            ];
      arrowPath(doc, pts);
    });
    y -= F.pentH + F.gap;
  }
  if (plan.row.startTerminator) {
    const w = Math.min((cols.pel[plan.row.column]?.w ?? 50) - 8, 56);
    drawCapsule(doc, { x: g.cx - w / 2, y: y - F.capH, w, h: F.capH }, plan.row.startTerminator.label, 'start');
    arrowPath(doc, [
      [g.cx, y],
      [g.cx, plan.connectorsIn.length > 0 ? y + F.gap : g.top],
    ]);
  }
}

function drawCapsule(doc: Doc, r: Rect, label: string, kind: 'start' | 'end', column?: Col): void {
  record(doc, {
    kind,
    ...r,
    text: label,
    font: 'Helvetica',
    size: capsuleSize(label, r.w - 6),
    textWidth: r.w - 6,
    ...(column ? { column } : {}),
  });
  doc.roundedRect(r.x, r.y, r.w, r.h, Math.min(r.h / 2, 7)).fillAndStroke('white', 'black');
  const size = capsuleSize(label, r.w - 6);
  const th = textH(doc, label, r.w - 6, 'Helvetica', size);
  write(doc, label, r.x + 3, r.y + (r.h - th) / 2 + 0.5, r.w - 6, 'Helvetica', size, 'center');
}

/** The off-page connector: a pentagon pointing down with the number. */
function drawPentagon(doc: Doc, cx: number, top: number, label: string, column?: Col): void {
  const w = F.pentW / 2;
  record(doc, {
    kind: 'connector',
    x: cx - w,
    y: top,
    w: F.pentW,
    h: F.pentH,
    text: label,
    ...(column ? { column } : {}),
  });
  doc
    .polygon(
      [cx - w, top],
      [cx + w, top],
      [cx + w, top + F.pentH * 0.6],
      [cx, top + F.pentH],
      [cx - w, top + F.pentH * 0.6],
    )
    .fillAndStroke('white', 'black');
  write(doc, label, cx - w, top + 3, 2 * w, 'Helvetica-Bold', SMALL, 'center');
}

/** An end capsule or outgoing connector, below the symbol or beside it in the next column. Returns the new bottom. */
function drawAttachmentExit(
  doc: Doc,
  exit: Exit,
  a: Attachment,
  g: SymGeom,
  cols: Cols,
  row: SheetRow,
  belowY: number,
): number {
  const span = spanOf(row);
  const colIdx = exit.side === 'right' ? span.to + 1 : exit.side === 'left' ? span.from - 1 : row.column;
  const column = cols.pel[colIdx] ?? { x: g.cx - 25, w: 50 };
  const w = a.kind === 'connector' ? F.pentW : capsuleW(column.w);
  const cx = exit.side === 'bottom' ? g.cx : column.x + column.w / 2;
  const top = exit.side === 'bottom' ? belowY + F.gap : g.cy - a.h / 2;
  const r: Rect = { x: cx - w / 2, y: top, w, h: a.h };
  if (exit.side === 'bottom')
    arrowPath(doc, [
      [g.cx, belowY],
      [g.cx, top],
    ]);
  else {
    const from = exitPoint(g, exit.side);
    arrowPath(doc, [from, [exit.side === 'right' ? r.x : r.x + r.w, g.cy]]);
  }
  if (a.kind === 'connector') drawPentagon(doc, cx, top, a.label, column);
  else drawCapsule(doc, r, a.label, 'end', column);
  // Below the symbol the label goes beside the arrow, in the gap above the capsule; beside it, above the capsule.
  branchLabel(doc, exit, g, cols, row, exit.side === 'bottom' ? 'beside' : { over: r, column });
  return exit.side === 'bottom' ? top + a.h : belowY;
}

function exitPoint(g: SymGeom, side: Side): [number, number] {
  if (side === 'bottom') return [g.cx, g.bottom];
  return [side === 'right' ? g.right : g.left, g.cy];
}

/** Forward arrow to a symbol further down the page: orthogonal, entering the target from the top. */
function drawForward(doc: Doc, exit: Exit, g: SymGeom, t: SymGeom | undefined, cols: Cols, row: SheetRow): void {
  if (!t) return;
  const [sx, sy] = exitPoint(g, exit.side);
  const tx = t.cx;
  let pts: [number, number][];
  if (exit.side === 'bottom') {
    const yMid = sy + Math.min(6, (t.top - sy) / 2);
    pts =
      Math.abs(sx - tx) < 0.5
        ? [
            [sx, sy],
            [tx, t.top],
          ]
        : [
            [sx, sy],
            [sx, yMid],
            [tx, yMid],
            [tx, t.top],
          ];
  } else {
    const d = exit.side === 'right' ? 1 : -1;
    pts =
      (tx - sx) * d > 0
        ? [
            [sx, sy],
            [tx, sy],
            [tx, t.top],
          ]
        : [
            [sx, sy],
            [sx + 6 * d, sy],
            [sx + 6 * d, t.top - 5],
            [tx, t.top - 5],
            [tx, t.top],
          ];
  }
  arrowPath(doc, pts);
  branchLabel(doc, exit, g, cols, row, exit.side === 'bottom' ? 'beside' : 'above');
}

/** An arrow back up the page (revision loop): out at the side, up a lane beside the symbols, into the target's side. */
function drawLoop(doc: Doc, exit: Exit, g: SymGeom, t: SymGeom | undefined, cols: Cols, row: SheetRow): void {
  if (!t) return;
  const side: Side = exit.side === 'bottom' ? 'right' : exit.side;
  const [sx, sy] = exitPoint(g, side);
  const d = exit.side === 'left' ? -1 : 1;
  const first = cols.pel[0];
  const last = cols.pel[cols.pel.length - 1];
  const minX = (first?.x ?? 0) + 3;
  const maxX = last ? last.x + last.w - 3 : PAGE.w;
  const lane = Math.min(maxX, Math.max(minX, d > 0 ? Math.max(g.right, t.right) + 5 : Math.min(g.left, t.left) - 5));
  const tEdge = d > 0 ? t.right : t.left;
  arrowPath(doc, [
    [sx, sy],
    [lane, sy],
    [lane, t.cy],
    [tEdge, t.cy],
  ]);
  // The lane goes up from the line: under the line is free.
  branchLabel(doc, { ...exit, side }, g, cols, row, 'below');
}

/** Branch labels: italic, shrunk (down to LABEL_MIN) rather than let them leave their room. */
const LABEL_SIZE = 5.5;
const LABEL_MIN = 4;
/** Height of a label's glyphs (Helvetica's ascender to descender) at LABEL_SIZE. */
const LABEL_H = 0.925 * LABEL_SIZE;

/**
 * A decision branch's label, where no line of its own arrow runs: beside the arrow going down ('beside'), above a
 * side arrow that then turns down ('above'), under a side arrow that then turns up (a loop, 'below'), or above the end
 * capsule or connector the arrow leads to beside the symbol. Kept inside the pelaksana columns.
 */
function branchLabel(
  doc: Doc,
  exit: Exit,
  g: SymGeom,
  cols: Cols,
  row: SheetRow,
  where: 'beside' | 'above' | 'below' | { over: Rect; column: Col },
): void {
  const label = exit.arrow.label;
  if (!label) return;
  const first = cols.pel[0];
  const last = cols.pel[cols.pel.length - 1];
  const areaL = (first?.x ?? 0) + 1;
  const areaR = (last ? last.x + last.w : PAGE.w) - 1;
  const [ex, ey] = exitPoint(g, exit.side);
  const own = cols.pel[row.column];
  let room: number;
  if (where === 'beside') room = (own ? own.x + own.w : areaR) - 1 - (ex + 2);
  else if (typeof where === 'object') room = where.column.w - 2;
  else room = exit.side === 'left' ? ex - 2 - areaL : areaR - (ex + 2);
  doc.font('Helvetica-Oblique').fontSize(LABEL_SIZE);
  const natural = doc.widthOfString(label);
  // Beside a diamond at the edge of the columns, a label that does not fit slides back along the diamond's lower
  // (or upper) edge before it shrinks.
  const slide = g.kind === 'decision' && (where === 'above' || where === 'below') && natural > room;
  const slack = slide ? (g.right - g.cx) * 0.6 : 0;
  room += slack;
  const size = natural > room ? Math.max(LABEL_MIN, (LABEL_SIZE * room) / natural) : LABEL_SIZE;
  doc.fontSize(size);
  const w = doc.widthOfString(label);
  const h = 0.925 * size;
  let x: number;
  let y: number;
  if (where === 'beside') {
    x = ex + 2;
    y = ey + 1;
  } else if (typeof where === 'object') {
    x = exit.side === 'left' ? where.over.x + where.over.w - w : where.over.x;
    x = Math.max(where.column.x + 1, Math.min(x, where.column.x + where.column.w - 1 - w));
    y = where.over.y - 1 - h;
  } else {
    x = exit.side === 'left' ? ex - 2 - w : ex + 2;
    x = Math.max(areaL, Math.min(x, areaR - w));
    // How far the label's nearest corner is inside the diamond's half-width: it moves down (or up) past the edge.
    const inside = exit.side === 'left' ? x + w - g.left : g.right - x;
    const clear = slide && inside > -2 ? ((g.bottom - g.cy) * (inside + 2)) / (g.right - g.cx) : 0;
    y = where === 'above' ? ey - 1 - h - clear : ey + 1 + clear;
  }
  x = Math.max(areaL, Math.min(x, areaR - w));
  doc.fillColor('black').text(label, x, y, { lineBreak: false });
  record(doc, { kind: 'label', x, y, w, h, text: label, font: 'Helvetica-Oblique', size });
}

/** A polyline with an arrowhead at its last point. */
function arrowPath(doc: Doc, pts: [number, number][]): void {
  const [first, ...rest] = pts;
  const last = pts[pts.length - 1];
  const prev = pts[pts.length - 2];
  if (!first || !last || !prev) return;
  doc.moveTo(first[0], first[1]);
  for (const [x, y] of rest) doc.lineTo(x, y);
  const g = recording.get(doc);
  if (g)
    pts.slice(1).forEach(([x2, y2], i) => {
      const [x1, y1] = pts[i] ?? [x2, y2];
      g.lines.push({ page: pageNo(doc), x1, y1, x2, y2 });
    });
  doc.stroke();
  const ang = Math.atan2(last[1] - prev[1], last[0] - prev[0]);
  const s = 4;
  doc
    .polygon(
      [last[0], last[1]],
      [last[0] - s * Math.cos(ang - 0.4), last[1] - s * Math.sin(ang - 0.4)],
      [last[0] - s * Math.cos(ang + 0.4), last[1] - s * Math.sin(ang + 0.4)],
    )
    .fill('black');
}

// ---------------------------------------------------------------- footer

function drawFooters(doc: Doc, sheet: SheetModel, versionText: string): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const y = PAGE.h - MARGIN - 8;
    doc
      .save()
      .lineWidth(0.4)
      .moveTo(MARGIN, y - 4)
      .lineTo(PAGE.w - MARGIN, y - 4)
      .stroke()
      .restore();
    const left = `SOP ${sheet.header.nomor ?? ''} ${sheet.header.nama} - ${versionText}`.replace(/\s+/g, ' ');
    write(doc, left, MARGIN, y, CONTENT_W * 0.8, 'Helvetica', SMALL);
    write(
      doc,
      `Halaman ${i - range.start + 1}/${range.count}`,
      MARGIN + CONTENT_W * 0.8,
      y,
      CONTENT_W * 0.2,
      'Helvetica',
      SMALL,
      'right',
    );
  }
}
