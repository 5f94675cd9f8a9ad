/** What kinds of files Gerbang accepts, recognised by their first bytes rather than their names. */
export type AcceptedType = 'application/pdf' | 'image/png' | 'image/jpeg';

/** Maximum upload size in bytes (10 MiB): scanned letters fit, accidental archives do not. */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

/** Recognises a PDF, PNG or JPEG by its magic bytes; undefined for anything else. */
export function sniffType(bytes: Uint8Array): AcceptedType | undefined {
  const starts = (sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts([0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf'; // %PDF-
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (starts([0xff, 0xd8, 0xff])) return 'image/jpeg';
  return undefined;
}

/** A file name safe to store and to send back in Content-Disposition. */
export function safeFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? 'file';
  const cleaned = base
    .replace(/[^\w.\- ()]+/g, '_')
    .slice(0, 120)
    .trim();
  return cleaned || 'file';
}
