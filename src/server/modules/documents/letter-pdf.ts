import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';

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
}

const MARGIN = 56;
const WIDTH = 595.28 - MARGIN * 2;

/** Renders an A4 letter with the office's kop, the number, the body, signature blocks and a verification QR code. */
export async function renderLetterPdf(layout: LetterLayout, createdAt: Date): Promise<Buffer> {
  const qr = await QRCode.toBuffer(layout.verifyUrl, { type: 'png', margin: 1, width: 240, errorCorrectionLevel: 'M' });
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({
      size: 'A4',
      margin: MARGIN,
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

    // Kop surat: the regional government, the office, its address, a double rule.
    doc.font('Helvetica-Bold').fontSize(11).text(layout.issuer.parent.toUpperCase(), { align: 'center' });
    doc.fontSize(13).text(layout.issuer.name.toUpperCase(), { align: 'center' });
    if (layout.issuer.address) doc.font('Helvetica').fontSize(9).text(layout.issuer.address, { align: 'center' });
    const y = doc.y + 4;
    doc
      .moveTo(MARGIN, y)
      .lineTo(MARGIN + WIDTH, y)
      .lineWidth(2)
      .stroke();
    doc
      .moveTo(MARGIN, y + 3)
      .lineTo(MARGIN + WIDTH, y + 3)
      .lineWidth(0.5)
      .stroke();
    doc.y = y + 14;

    doc
      .font('Helvetica-Bold')
      .fontSize(12)
      .text(layout.title.toUpperCase(), MARGIN, doc.y, { align: 'center', width: WIDTH });
    doc.font('Helvetica').fontSize(10).text(`Nomor: ${layout.number}`, { align: 'center', width: WIDTH });
    doc.moveDown(1);
    doc.text(`${layout.place}, ${layout.date}`, { align: 'right', width: WIDTH });
    if (layout.to) doc.text(`Kepada Yth. ${[layout.to].flat().join(' ')}`, MARGIN, doc.y, { width: WIDTH });
    if (layout.subject) doc.text(`Perihal: ${layout.subject}`, MARGIN, doc.y, { width: WIDTH });
    doc.moveDown(0.8);

    for (const section of layout.sections) {
      if (section.heading) {
        doc.font('Helvetica-Bold').fontSize(10).text(section.heading, MARGIN, doc.y, { width: WIDTH, align: 'center' });
        doc.moveDown(0.2);
      }
      doc.font('Helvetica').fontSize(10);
      for (const p of section.paragraphs) {
        doc.text(p, MARGIN, doc.y, { width: WIDTH, align: 'justify' });
        doc.moveDown(0.35);
      }
      doc.moveDown(0.4);
    }

    // Signature blocks side by side; a new page when they would not fit.
    if (doc.y > 841.89 - MARGIN - 190) doc.addPage();
    const top = doc.y + 10;
    const colW = WIDTH / Math.max(1, layout.signatures.length);
    layout.signatures.forEach((s, i) => {
      const x = MARGIN + i * colW;
      doc
        .font('Helvetica-Bold')
        .fontSize(10)
        .text(s.title, x, top, { width: colW - 10, align: 'center' });
      doc.font('Helvetica').text(s.name, x, top + 70, { width: colW - 10, align: 'center', underline: true });
    });
    doc.y = top + 100;

    // Verification: QR code and the address, on the last page.
    const qrY = Math.min(doc.y + 10, 841.89 - MARGIN - 90);
    doc.image(qr, MARGIN, qrY, { width: 80 });
    doc
      .font('Helvetica')
      .fontSize(8)
      .fillColor('#333333')
      .text(
        `Dokumen ini dibuat secara elektronik oleh Gerbang. Pindai kode QR atau buka ${layout.verifyUrl} untuk memeriksa keaslian, status dan sidik (SHA-256) berkas ini.`,
        MARGIN + 92,
        qrY + 10,
        { width: WIDTH - 92 },
      );
    const pages = doc.bufferedPageRange();
    for (let i = 0; i < pages.count; i++) {
      doc.switchToPage(pages.start + i);
      doc
        .font('Helvetica')
        .fontSize(8)
        .fillColor('#666666')
        .text(`${layout.number} — halaman ${i + 1} dari ${pages.count}`, MARGIN, 841.89 - MARGIN + 20, {
          width: WIDTH,
          align: 'center',
          lineBreak: false,
        });
    }
    doc.end();
  });
}
