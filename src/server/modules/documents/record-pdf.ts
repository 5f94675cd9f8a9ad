import PDFDocument from 'pdfkit';

/** What a produced record (receipt, proof of sending, disposition) shows. */
export interface RecordContent {
  issuer: string;
  title: string;
  subtitle?: string;
  rows: [string, string][];
  footer: string;
  /** Fixed creation date, so the same record renders to the same bytes. */
  createdAt: Date;
}

/** Renders a one-page A4 record as PDF: issuer header, title, a two-column table of facts, footer. */
export function renderRecordPdf(content: RecordContent): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({
      size: 'A4',
      margin: 56,
      info: { Title: content.title, Author: content.issuer, Creator: 'Gerbang', CreationDate: content.createdAt },
    });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.font('Helvetica-Bold').fontSize(13).text(content.issuer.toUpperCase(), { align: 'center' });
    const y = doc.y + 6;
    doc.moveTo(56, y).lineTo(539, y).lineWidth(1.5).stroke();
    doc.moveDown(1.2);
    doc.font('Helvetica-Bold').fontSize(14).text(content.title, { align: 'center' });
    if (content.subtitle) doc.font('Helvetica').fontSize(10).text(content.subtitle, { align: 'center' });
    doc.moveDown(1.5);
    for (const [label, value] of content.rows) {
      const top = doc.y;
      doc.font('Helvetica-Bold').fontSize(10).text(label, 56, top, { width: 150 });
      const afterLabel = doc.y;
      doc
        .font('Helvetica')
        .fontSize(10)
        .text(value || '-', 216, top, { width: 323 });
      doc.y = Math.max(afterLabel, doc.y) + 4;
    }
    doc.moveDown(2);
    doc.font('Helvetica-Oblique').fontSize(8).fillColor('#555555').text(content.footer, 56, doc.y, { width: 483 });
    doc.end();
  });
}
