/**
 * Reads an SOP definition from YAML text. Takes text, not a path, so the domain stays free of I/O:
 * the CLI reads files and the API receives uploads, and both call this.
 */
import { parseDocument } from 'yaml';
import type { SopCheckResult } from './types.js';
import { checkSop, type CheckOptions } from './validate.js';

/** Parses YAML (JSON is YAML too) and checks it; `file` names the source in every message. */
export function parseSop(text: string, file: string, options: CheckOptions = {}): SopCheckResult {
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length) {
    return {
      errors: doc.errors.map((e) => ({
        severity: 'error' as const,
        code: 'yaml',
        file,
        message: { id: `YAML tidak sah: ${e.message}`, en: `invalid YAML: ${e.message}` },
      })),
      warnings: [],
    };
  }
  return checkSop(doc.toJS(), file, options);
}
