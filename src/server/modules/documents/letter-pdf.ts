import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { safeEmblem } from '../../lib/emblem.js';
import { tanggal, tanggalWaktu } from '../../../domain/tanggal.js';

/** The kop surat (issue 14): the government above the office, the office, its contacts and its uploaded emblem. */
export interface Letterhead {
  parent: string;
  name: string;
  address: string;
  phone?: string;
  email?: string;
  website?: string;
  /** PNG or JPEG bytes of the office's emblem; null/undefined: the kop has no emblem. */
  emblem?: Buffer | null;
}

/** One signature block: who signs, with room for the signature and stamp, or the recorded electronic signature. */
export interface Signatory {
  /** The capacity, e.g. "Kepala Dinas Kependudukan dan Pencatatan Sipil Kabupaten Kebumen", "PIHAK KESATU". */
  title: string;
  name: string;
  nip?: string;
  rank?: string;
  /** Set when the signature is recorded in Gerbang: printed as an electronic-signature statement with this time. */
  signedAt?: string;
  /** Leave a marked place for a meterai (the PKS). */
  meterai?: boolean;
}

/** What a produced letter or agreement shows, in reading order. */
export interface LetterLayout {
  issuer: Letterhead;
  title: string;
  /**
   * 'letter' (default): an official letter — Nomor, Sifat, Lampiran, Perihal on the left, place and date on the
   * right, the addressee ("Yth. …"). 'titled': a titled document (nota dinas, SK, PKS, juknis, report) — the
   * title and number(s) centred under the kop.
   */
  form?: 'letter' | 'titled';
  number: string;
  /** Further numbers under the title of a titled document, e.g. the second party's own number of a PKS. */
  numbers?: { label: string; value: string }[];
  place: string;
  date: string;
  /** Biasa / Segera / Penting / Rahasia; a letter prints "Biasa" when unset. */
  sifat?: string;
  /** "-" or e.g. "1 (satu) berkas". */
  lampiran?: string;
  /** The addressee, one line each: "Yth. Direktur Utama PT …", then "di", then the place. */
  to?: string | string[];
  subject?: string;
  sections: { heading?: string; paragraphs: string[] }[];
  signatures: Signatory[];
  /** Copies to (tembusan), one per line. */
  cc?: string[];
  verifyUrl: string;
  /** The issuer's time zone, for the time of an electronic signature; Asia/Jakarta (WIB) when unset. */
  timeZone?: string;
}

const PAGE_W = 595.28;
const PAGE_H = 841.89;
const MARGIN = 56;
const TOP = 36;
const BOTTOM = 50;
const WIDTH = PAGE_W - MARGIN * 2;
const LIMIT = PAGE_H - BOTTOM;
const EMBLEM = 66;
const QR = 66;
const BODY = 10.5;

type Doc = PDFKit.PDFDocument;

/** "2 Desember 2026 pukul 10.15 WIB" for an instant; the text itself when it is already words. */
export function signedAtText(value: string, timeZone = 'Asia/Jakarta'): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return tanggal(value);
  return Number.isNaN(new Date(value).getTime()) ? value : tanggalWaktu(value, timeZone);
}

/** The kop surat: emblem on the left, the government, the office and its contacts centred, a double rule. */
function drawKop(doc: Doc, kop: Letterhead): void {
  const top = TOP;
  let emblemDrawn = false;
  const emblem = safeEmblem(kop.emblem);
  if (emblem) {
    try {
      doc.image(emblem, MARGIN, top, { fit: [EMBLEM, EMBLEM], align: 'center', valign: 'center' });
      emblemDrawn = true;
    } catch {
      // An image pdfkit cannot read leaves the kop without an emblem rather than the letter unproduced.
    }
  }
  // The text is centred on the page when there is room, and right of the emblem when there is one.
  const x = emblemDrawn ? MARGIN + EMBLEM + 8 : MARGIN;
  const w = emblemDrawn ? WIDTH - (EMBLEM + 8) * 2 : WIDTH;
  doc.fillColor('black');
  doc.font('Helvetica-Bold').fontSize(12).text(kop.parent.toUpperCase(), x, top, { width: w, align: 'center' });
  doc.font('Helvetica-Bold').fontSize(14).text(kop.name.toUpperCase(), x, doc.y, { width: w, align: 'center' });
  doc.font('Helvetica').fontSize(8.5);
  if (kop.address) doc.text(kop.address, x, doc.y + 1, { width: w, align: 'center' });
  const contacts = [
    kop.phone ? `Telepon ${kop.phone}` : '',
    kop.email ? `Pos-el ${kop.email}` : '',
    kop.website ? `Laman ${kop.website}` : '',
  ].filter(Boolean);
  // One line when it fits; else each contact stays whole, lines broken between them.
  const lines: string[] = [];
  for (const c of contacts) {
    const last = lines.at(-1);
    if (last !== undefined && doc.widthOfString(`${last}  •  ${c}`) <= w) lines[lines.length - 1] = `${last}  •  ${c}`;
    else lines.push(c);
  }
  for (const line of lines) doc.text(line, x, doc.y, { width: w, align: 'center' });
  const y = Math.max(doc.y, emblemDrawn ? top + EMBLEM : doc.y) + 5;
  doc.save();
  doc
    .moveTo(MARGIN, y)
    .lineTo(MARGIN + WIDTH, y)
    .lineWidth(2.2)
    .stroke();
  doc
    .moveTo(MARGIN, y + 3.2)
    .lineTo(MARGIN + WIDTH, y + 3.2)
    .lineWidth(0.6)
    .stroke();
  doc.restore();
  doc.x = MARGIN;
  doc.y = y + 16;
}

/** Label : value rows (Nomor, Sifat, Lampiran, Perihal), the value wrapping under itself. */
function labelRows(doc: Doc, rows: [string, string][], x: number, width: number): void {
  const labelW = 58;
  doc.font('Helvetica').fontSize(BODY);
  for (const [label, value] of rows) {
    const top = doc.y;
    doc.text(label, x, top, { width: labelW, lineBreak: false });
    doc.text(':', x + labelW, top, { width: 8, lineBreak: false });
    doc.font(label === 'Perihal' ? 'Helvetica-Bold' : 'Helvetica');
    doc.text(value || '-', x + labelW + 10, top, { width: width - labelW - 10 });
    doc.font('Helvetica');
    doc.y = Math.max(doc.y, top + doc.currentLineHeight());
  }
}

function toLines(to: LetterLayout['to']): string[] {
  return [to ?? []].flat().filter((l) => l.trim() !== '');
}

function drawLetterHead(doc: Doc, layout: LetterLayout): void {
  const top = doc.y;
  const leftW = WIDTH * 0.62;
  doc.font('Helvetica').fontSize(BODY);
  const dated = [layout.place, layout.date].filter(Boolean).join(', ');
  doc.text(dated, MARGIN + leftW, top, { width: WIDTH - leftW, align: 'right' });
  doc.y = top;
  labelRows(
    doc,
    [
      ['Nomor', layout.number],
      ['Sifat', layout.sifat ?? 'Biasa'],
      ['Lampiran', layout.lampiran ?? '-'],
      ['Perihal', layout.subject ?? '-'],
    ],
    MARGIN,
    leftW,
  );
  const to = toLines(layout.to);
  if (to.length) {
    doc.moveDown(1);
    const x = MARGIN + WIDTH * 0.5;
    doc.font('Helvetica').fontSize(BODY);
    for (const line of to) doc.text(line, x, doc.y, { width: WIDTH * 0.5 });
  }
  doc.x = MARGIN;
  doc.moveDown(1.2);
}

function drawTitle(doc: Doc, layout: LetterLayout): void {
  doc
    .font('Helvetica-Bold')
    .fontSize(12.5)
    .text(layout.title.toUpperCase(), MARGIN, doc.y, { width: WIDTH, align: 'center' });
  doc.font('Helvetica').fontSize(BODY);
  doc.text(`Nomor: ${layout.number}`, MARGIN, doc.y + 2, { width: WIDTH, align: 'center' });
  for (const n of layout.numbers ?? [])
    doc.text(`${n.label}: ${n.value}`, MARGIN, doc.y, { width: WIDTH, align: 'center' });
  if (layout.subject) {
    doc.moveDown(0.5);
    doc.font('Helvetica-Bold').text(layout.subject, MARGIN + 30, doc.y, { width: WIDTH - 60, align: 'center' });
  }
  const to = toLines(layout.to);
  if (to.length) {
    doc.moveDown(0.8);
    doc.font('Helvetica').fontSize(BODY);
    labelRows(doc, [['Kepada', to.join(' ')]], MARGIN, WIDTH);
  }
  doc.font('Helvetica');
  doc.x = MARGIN;
  doc.moveDown(1.2);
}

function drawSections(doc: Doc, layout: LetterLayout): void {
  for (const section of layout.sections) {
    if (section.heading) {
      if (doc.y > LIMIT - 60) doc.addPage();
      doc.font('Helvetica-Bold').fontSize(BODY).text(section.heading, MARGIN, doc.y, { width: WIDTH, align: 'center' });
      doc.moveDown(0.3);
    }
    doc.font('Helvetica').fontSize(BODY);
    for (const p of section.paragraphs) {
      // A list item (a), 1., (2)) hangs under its marker.
      const m = /^(\(?[0-9a-z]{1,3}[.)]) (.*)$/s.exec(p);
      if (m) {
        const top = doc.y;
        doc.text(m[1] ?? '', MARGIN + 14, top, { width: 24, lineBreak: false });
        doc.text(m[2] ?? '', MARGIN + 40, top, { width: WIDTH - 40, align: 'justify' });
      } else {
        doc.text(p, MARGIN, doc.y, { width: WIDTH, align: 'justify', indent: 28 });
      }
      doc.moveDown(0.35);
    }
    doc.moveDown(0.3);
  }
}

/** Geometry of one signature block, measured before drawing so the block is never split over two pages. */
function blockHeight(doc: Doc, s: Signatory, w: number): number {
  doc.font('Helvetica-Bold').fontSize(BODY);
  const title = doc.heightOfString(s.title, { width: w, align: 'center' });
  doc.font('Helvetica').fontSize(BODY);
  const space = s.signedAt ? doc.heightOfString(esignText(s.signedAt, 'Asia/Jakarta'), { width: w - 16 }) + 16 : 62;
  const name = doc.heightOfString(s.name || ' ', { width: w, align: 'center' });
  const lines = (s.rank ? 1 : 0) + (s.nip ? 1 : 0);
  return title + 6 + space + 6 + name + lines * doc.currentLineHeight(true) + 4;
}

function esignText(signedAt: string, tz: string): string {
  return `Ditandatangani secara elektronik melalui Gerbang pada ${signedAtText(signedAt, tz)}`;
}

function drawSignature(doc: Doc, s: Signatory, x: number, top: number, w: number, tz: string): void {
  doc.fillColor('black').font('Helvetica-Bold').fontSize(BODY);
  doc.text(s.title, x, top, { width: w, align: 'center' });
  let y = doc.y + 6;
  if (s.signedAt) {
    doc.font('Helvetica-Oblique').fontSize(8.5);
    const text = esignText(s.signedAt, tz);
    const h = doc.heightOfString(text, { width: w - 16, align: 'center' }) + 10;
    doc.save();
    doc
      .roundedRect(x + 4, y, w - 8, h, 3)
      .lineWidth(0.6)
      .strokeColor('#1f5f8b')
      .stroke();
    doc.restore();
    doc.fillColor('#1f5f8b').text(text, x + 8, y + 5, { width: w - 16, align: 'center' });
    doc.fillColor('black');
    y += h + 6;
  } else {
    if (s.meterai) {
      // The place of the meterai: a dashed box left of the signing space, the signature crossing its edge.
      doc.save();
      doc
        .rect(x + 6, y + 6, 52, 44)
        .dash(2.5, { space: 2 })
        .lineWidth(0.6)
        .strokeColor('#777777')
        .stroke();
      doc.restore();
      doc
        .font('Helvetica')
        .fontSize(7)
        .fillColor('#777777')
        .text('Meterai', x + 6, y + 24, { width: 52, align: 'center' });
      doc.fillColor('black');
    }
    y += 62;
  }
  doc.font('Helvetica-Bold').fontSize(BODY);
  doc.text(s.name || '(.................................)', x, y, {
    width: w,
    align: 'center',
    underline: Boolean(s.name),
  });
  doc.font('Helvetica').fontSize(BODY);
  if (s.rank) doc.text(s.rank, x, doc.y, { width: w, align: 'center' });
  if (s.nip) doc.text(`NIP. ${s.nip}`, x, doc.y, { width: w, align: 'center' });
}

function qrNoteText(url: string): string {
  return `Dokumen ini dibuat secara elektronik oleh Gerbang. Pindai kode QR atau buka ${url} untuk memeriksa keaslian, status dan sidik (SHA-256) berkas ini.`;
}

function qrHeight(doc: Doc, url: string, w: number): number {
  doc.font('Helvetica').fontSize(7.5);
  return Math.max(QR, doc.heightOfString(qrNoteText(url), { width: w - QR - 8 }));
}

function drawQr(doc: Doc, qr: Buffer, url: string, x: number, y: number, w: number): void {
  doc.image(qr, x, y, { width: QR });
  doc
    .font('Helvetica')
    .fontSize(7.5)
    .fillColor('#333333')
    .text(qrNoteText(url), x + QR + 8, y + 4, { width: w - QR - 8 });
  doc.fillColor('black');
}

/**
 * The closing of the document, kept together: the date line of a titled document, the signature blocks (one on
 * the right half; two or more side by side, in rows of two), the verification QR code (beside a single signature,
 * under several), then the tembusan. It moves to a new page only when it does not fit under the body.
 */
function drawClosing(doc: Doc, layout: LetterLayout, qr: Buffer): void {
  const sigs = layout.signatures;
  const tz = layout.timeZone ?? 'Asia/Jakarta';
  const half = WIDTH / 2;
  const colW = half - 10;
  const dated =
    (layout.form ?? 'letter') === 'titled' && sigs.length === 1
      ? [layout.place, layout.date].filter(Boolean).join(', ')
      : '';
  doc.font('Helvetica').fontSize(BODY);
  const datedH = dated ? doc.heightOfString(dated, { width: colW }) + 2 : 0;
  const rows: Signatory[][] = [];
  for (let i = 0; i < sigs.length; i += 2) rows.push(sigs.slice(i, i + 2));
  const rowH = rows.map((r) => Math.max(...r.map((s) => blockHeight(doc, s, colW))) + 12);
  const sigH = datedH + rowH.reduce((a, b) => a + b, 0);
  const single = sigs.length <= 1;
  const qrH = qrHeight(doc, layout.verifyUrl, single ? colW : WIDTH);
  doc.font('Helvetica').fontSize(BODY);
  const ccH = layout.cc?.length ? (layout.cc.length + 1.5) * doc.currentLineHeight(true) : 0;
  const need = (single ? Math.max(sigH, qrH) : sigH + qrH + 10) + 8;
  if (doc.y + need > LIMIT) doc.addPage();
  let top = doc.y + 8;
  if (single) {
    const s = sigs[0];
    if (dated)
      doc
        .font('Helvetica')
        .fontSize(BODY)
        .text(dated, MARGIN + half + 10, top, { width: colW, align: 'center' });
    if (s) drawSignature(doc, s, MARGIN + half + 10, top + datedH, colW, tz);
    const after = doc.y;
    // The QR code sits at the foot of the left half, level with the signatory's name.
    drawQr(doc, qr, layout.verifyUrl, MARGIN, Math.max(top, top + sigH - qrH - 12), colW);
    doc.y = Math.max(after, top + qrH) + 6;
  } else {
    rows.forEach((row, r) => {
      row.forEach((s, i) => drawSignature(doc, s, MARGIN + i * (half + 10), top, colW, tz));
      top += rowH[r] ?? 0;
    });
    drawQr(doc, qr, layout.verifyUrl, MARGIN, top + 4, WIDTH);
    doc.y = top + 4 + qrH + 6;
  }
  if (layout.cc?.length) {
    if (doc.y + ccH > LIMIT) doc.addPage();
    doc.moveDown(0.6);
    doc.font('Helvetica').fontSize(9).text('Tembusan:', MARGIN, doc.y, { width: WIDTH });
    layout.cc.forEach((c, i) => doc.text(`${i + 1}. ${c}`, MARGIN, doc.y, { width: WIDTH }));
  }
}

/**
 * Renders an A4 letter (or titled document): the office's kop with its emblem, the number block and addressee of a
 * letter (or the centred title and numbers), the body, the signature blocks, the verification QR code and the
 * tembusan. Page numbers are printed only when there is more than one page, inside the margin, never adding one.
 */
export async function renderLetterPdf(layout: LetterLayout, createdAt: Date): Promise<Buffer> {
  const qr = await QRCode.toBuffer(layout.verifyUrl, { type: 'png', margin: 1, width: 240, errorCorrectionLevel: 'M' });
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({
      size: 'A4',
      margins: { top: TOP + 10, bottom: BOTTOM, left: MARGIN, right: MARGIN },
      bufferPages: true,
      info: {
        Title: `${layout.title} ${layout.number}`,
        Author: layout.issuer.name,
        Creator: 'Gerbang',
        CreationDate: createdAt,
      },
    });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    try {
      drawKop(doc, layout.issuer);
      if ((layout.form ?? 'letter') === 'letter') drawLetterHead(doc, layout);
      else drawTitle(doc, layout);
      drawSections(doc, layout);
      drawClosing(doc, layout, qr);
      const pages = doc.bufferedPageRange();
      if (pages.count > 1) {
        for (let i = 0; i < pages.count; i++) {
          doc.switchToPage(pages.start + i);
          // Written below the bottom margin: lift the margin so pdfkit does not start a page for it.
          const bottom = doc.page.margins.bottom;
          doc.page.margins.bottom = 0;
          doc
            .font('Helvetica')
            .fontSize(8)
            .fillColor('#555555')
            .text(`${layout.number} — halaman ${i + 1} dari ${pages.count}`, MARGIN, PAGE_H - 30, {
              width: WIDTH,
              align: 'center',
              lineBreak: false,
            });
          doc.page.margins.bottom = bottom;
        }
      }
      doc.end();
    } catch (e) {
      reject(e instanceof Error ? e : new Error(String(e)));
    }
  });
}
