// Placeholder until the SOP AP sheet renderer lands (helper-4 replaces this file).
import type { SopDefinition } from '../../../domain/sop/index.js';
import { renderRecordPdf } from '../documents/record-pdf.js';

/** Renders the SOP sheet as PDF. */
export function renderSheetPdf(def: SopDefinition, meta: { version: number; effectiveFrom: string }): Promise<Buffer> {
  return renderRecordPdf({
    issuer: def.office.name,
    title: def.header.nama,
    rows: def.steps.map((s) => [s.no, s.kegiatan]),
    footer: `Versi ${meta.version}`,
    createdAt: new Date(meta.effectiveFrom),
  });
}
