import { PNG } from 'pngjs';

/** The largest emblem, in pixels per side: a kop draws it about 60 pt wide, and every letter embeds it. */
export const EMBLEM_MAX_PIXELS = 1000;

/** Width and height of a baseline or progressive JPEG, from its SOF marker; null when there is none. */
function jpegSize(bytes: Buffer): { width: number; height: number } | null {
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) return null;
  let i = 2;
  while (i + 9 < bytes.length) {
    if (bytes[i] !== 0xff) return null;
    const marker = bytes[i + 1]!;
    const len = bytes.readUInt16BE(i + 2);
    // SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC).
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: bytes.readUInt16BE(i + 5), width: bytes.readUInt16BE(i + 7) };
    }
    i += 2 + len;
  }
  return null;
}

/**
 * An emblem the PDF renderers can embed safely, or null. A PNG is decoded in full here (a PNG whose pixel data
 * does not inflate would otherwise throw inside pdfkit's asynchronous decoder, out of reach of any try/catch, and end
 * the process) and re-encoded plainly; a JPEG, which pdfkit embeds without decoding, needs a readable size. Either
 * must be at most EMBLEM_MAX_PIXELS a side, so one letter never decodes hundreds of megabytes.
 */
export function safeEmblem(bytes: Buffer | null | undefined): Buffer | null {
  if (!bytes || bytes.length === 0) return null;
  if (bytes[0] === 0x89 && bytes.subarray(1, 4).toString('latin1') === 'PNG') {
    try {
      // The header first: an oversized image is refused before its pixels are inflated.
      if (bytes.length < 24) return null;
      const width = bytes.readUInt32BE(16);
      const height = bytes.readUInt32BE(20);
      if (width === 0 || height === 0 || width > EMBLEM_MAX_PIXELS || height > EMBLEM_MAX_PIXELS) return null;
      return PNG.sync.write(PNG.sync.read(bytes));
    } catch {
      return null;
    }
  }
  const size = jpegSize(bytes);
  if (!size || size.width === 0 || size.height === 0) return null;
  return size.width <= EMBLEM_MAX_PIXELS && size.height <= EMBLEM_MAX_PIXELS ? bytes : null;
}
