/** The text pdfkit wrote into a PDF, for tests that read a produced document back. */
import zlib from 'node:zlib';

/** Inflates the content streams and decodes the hex strings of each TJ (WinAnsi); spaces removed (justified lines). */
export function pdfText(pdf: Buffer): string {
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
  return out.join('').replace(/\s+/g, '');
}

/** The same without spaces, to compare with pdfText. */
export function squeeze(s: string): string {
  return s.replace(/\s+/g, '');
}
