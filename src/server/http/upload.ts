import type { FastifyRequest } from 'fastify';
import { errors } from '../../domain/errors.js';
import { malformedMultipart } from './problem.js';

/**
 * Reads the one file of a multipart/form-data upload (field "file"): 400 when the body is not multipart, holds no
 * file, or is malformed (no or an empty boundary, truncated) — never a 500. Limits (10 MB, one file) are the
 * multipart plugin's (app.ts), answered 413 by problem.ts.
 */
export async function readSingleFile(request: FastifyRequest): Promise<{ bytes: Buffer; filename: string }> {
  if (!request.isMultipart()) {
    throw errors.invalid('multipart_required', {
      id: 'Kirim berkas sebagai multipart/form-data dengan kolom "file".',
      en: 'Send the file as multipart/form-data with a "file" field.',
    });
  }
  try {
    const part = await request.file();
    if (!part) throw errors.invalid('file_missing', { id: 'Tidak ada berkas.', en: 'No file was sent.' });
    return { bytes: await part.toBuffer(), filename: part.filename };
  } catch (err) {
    throw malformedMultipart(err) ?? err;
  }
}
