import zlib from 'node:zlib';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { renderLetterPdf } from '../src/server/modules/documents/letter-pdf.js';
import { qrCodesInPdf } from './pdf-qr.js';

function pdfWith(draw: (doc: PDFKit.PDFDocument) => void): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4' });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    draw(doc);
    doc.end();
  });
}

describe('qrCodesInPdf', () => {
  it('reads a QR code that pdfkit embedded as a PNG', async () => {
    const url = 'https://gerbang.example.go.id/verify/01JTESTDOCUMENT';
    const png = await QRCode.toBuffer(url, { type: 'png', margin: 1, width: 200 });
    const pdf = await pdfWith((doc) => {
      doc.text('Dokumen uji');
      doc.image(png, 72, 120, { width: 100 });
    });
    expect(await qrCodesInPdf(pdf)).toEqual([url]);
  });

  it('reads palette and greyscale PNGs with every row filter, and finds nothing in a PDF without images', async () => {
    const urls = ['http://a.example/palette', 'http://b.example/grey', 'http://c.example/rgba'];
    const pngs = [
      encodePng(qrPixels(urls[0] ?? '', 4), { colorType: 3, bitDepth: 1 }),
      encodePng(qrPixels(urls[1] ?? '', 4), { colorType: 0, bitDepth: 8 }),
      await QRCode.toBuffer(urls[2] ?? '', {
        type: 'png',
        margin: 4,
        scale: 3,
        color: { dark: '#003366', light: '#ffffeeff' },
      }),
    ];
    const pdf = await pdfWith((doc) => {
      pngs.forEach((png, i) => doc.image(png, 72 + i * 150, 120, { width: 120 }));
    });
    const text = pdf.toString('latin1');
    expect(text).toContain('/Indexed');
    expect(text).toContain('/Predictor 15');
    expect(await qrCodesInPdf(pdf)).toEqual(urls);
    expect(await qrCodesInPdf(await pdfWith((doc) => doc.text('tanpa gambar')))).toEqual([]);
  });

  it("finds exactly the verification URL in a letter made by the project's renderer", async () => {
    const pdf = await renderLetterPdf(
      {
        issuer: {
          name: 'Dinas Kependudukan dan Pencatatan Sipil Kabupaten Kebumen',
          parent: 'Pemerintah Kabupaten Kebumen',
          address: 'Jl. Contoh No. 1, Kebumen',
        },
        title: 'Surat Uji',
        number: '470/001/2026',
        place: 'Kebumen',
        date: '24 November 2026',
        to: 'Kepala Dinas Sosial',
        subject: 'Uji kode QR',
        sections: [{ heading: 'Isi', paragraphs: ['Paragraf pertama.', 'Paragraf kedua.'] }],
        signatures: [{ title: 'Kepala Dinas', name: 'Nama Pejabat' }],
        verifyUrl: 'http://localhost:3000/verify/ABC',
      },
      new Date('2026-11-24T03:00:00Z'),
    );
    expect(await qrCodesInPdf(pdf)).toEqual(['http://localhost:3000/verify/ABC']);
  });
});

/** The QR code of a text as rows of 0 (dark) / 1 (light) pixels, with a 4-module quiet zone. */
function qrPixels(text: string, scale: number): number[][] {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const size = (modules.size + 8) * scale;
  const rows: number[][] = [];
  for (let y = 0; y < size; y++) {
    const row: number[] = [];
    for (let x = 0; x < size; x++) {
      const mx = Math.floor(x / scale) - 4;
      const my = Math.floor(y / scale) - 4;
      const inside = mx >= 0 && my >= 0 && mx < modules.size && my < modules.size;
      row.push(inside && modules.get(my, mx) ? 0 : 1);
    }
    rows.push(row);
  }
  return rows;
}

/** A minimal PNG encoder: 1-bit palette (black, white) or 8-bit greyscale, cycling through all five row filters. */
function encodePng(pixels: number[][], { colorType, bitDepth }: { colorType: 0 | 3; bitDepth: 1 | 8 }): Buffer {
  const height = pixels.length;
  const width = pixels[0]?.length ?? 0;
  const rowBytes = Math.ceil((width * bitDepth) / 8);
  const raw: Buffer[] = [];
  let prev = Buffer.alloc(rowBytes);
  pixels.forEach((row, y) => {
    const line = Buffer.alloc(rowBytes);
    row.forEach((v, x) => {
      if (bitDepth === 8) line[x] = v ? 255 : 0;
      else if (v) line[x >> 3] = (line[x >> 3] ?? 0) | (0x80 >> (x & 7));
    });
    const type = y % 5;
    const bpp = Math.max(1, bitDepth / 8);
    const out = Buffer.alloc(rowBytes + 1);
    out[0] = type;
    for (let i = 0; i < rowBytes; i++) {
      const a = i >= bpp ? (line[i - bpp] ?? 0) : 0;
      const b = prev[i] ?? 0;
      const c = i >= bpp ? (prev[i - bpp] ?? 0) : 0;
      const p = a + b - c;
      const paeth =
        Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c)
          ? a
          : Math.abs(p - b) <= Math.abs(p - c)
            ? b
            : c;
      const pred = [0, a, b, (a + b) >> 1, paeth][type] ?? 0;
      out[i + 1] = ((line[i] ?? 0) - pred) & 0xff;
    }
    raw.push(out);
    prev = line;
  });
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = bitDepth;
  ihdr[9] = colorType;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    ...(colorType === 3 ? [chunk('PLTE', Buffer.from([0, 0, 0, 255, 255, 255]))] : []),
    chunk('IDAT', zlib.deflateSync(Buffer.concat(raw))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
