/**
 * Every kind of document the system produces, rendered to PNG page by page and compared with the committed
 * reference images in test/snapshots/documents, so that a change in a layout shows (issue 14). Unit tier: fixed
 * data (test/fixtures/documents.ts), no database. After an intended change, look at the `.actual.png` and
 * `.diff.png` written beside the references, then update them with
 *   UPDATE_DOCUMENT_SNAPSHOTS=1 npx vitest run --project unit test/documents.snapshot.test.ts
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { KINDS, type DocumentKind } from '../src/domain/documents.js';
import { parseSop } from '../src/domain/sop/index.js';
import { layoutFor } from '../src/server/modules/documents/templates.js';
import { renderLetterPdf } from '../src/server/modules/documents/letter-pdf.js';
import { renderSheetPdf } from '../src/server/modules/sop/sheet-pdf.js';
import { documentData, documentMeta, testEmblem } from './fixtures/documents.js';
import { comparePng, expectPngSnapshot, pdfPagesToPng, UPDATE_COMMAND } from './pdf-image.js';

const DIR = path.resolve(import.meta.dirname, 'snapshots/documents');
const DPI = 100;
const EMBLEM = testEmblem();
const updating = process.env.UPDATE_DOCUMENT_SNAPSHOTS === '1' && !process.env.CI;

async function letterPdf(kind: DocumentKind): Promise<Buffer> {
  const meta = documentMeta(kind);
  return renderLetterPdf(layoutFor(kind, documentData(kind), { ...meta, emblem: EMBLEM }), meta.date);
}

async function sopSheetPdf(): Promise<Buffer> {
  const file = path.resolve(import.meta.dirname, '../sops/kebumen.yaml');
  const r = parseSop(fs.readFileSync(file, 'utf8'), 'kebumen.yaml');
  if (!r.definition) throw new Error(JSON.stringify(r.errors));
  return renderSheetPdf(r.definition, { version: 2, effectiveFrom: '2024-03-01T00:00:00+07:00', emblem: EMBLEM });
}

/** Compares every page, and fails when a reference page is left over (the document got shorter). */
/** The pages rendered by the comparisons, by document name, for the determinism check. */
const rendered = new Map<string, Buffer[]>();

async function expectDocument(name: string, pdf: Buffer): Promise<void> {
  const pages = await pdfPagesToPng(pdf, DPI);
  rendered.set(name, pages);
  expect(pages.length).toBeGreaterThan(0);
  const failures: string[] = [];
  pages.forEach((png, i) => {
    try {
      expectPngSnapshot(png, `${name}-${i + 1}`, { dir: DIR });
    } catch (e) {
      failures.push((e as Error).message);
    }
  });
  const extra = path.join(DIR, `${name}-${pages.length + 1}.png`);
  if (fs.existsSync(extra)) {
    if (updating) {
      for (let n = pages.length + 1; fs.existsSync(path.join(DIR, `${name}-${n}.png`)); n++) {
        fs.rmSync(path.join(DIR, `${name}-${n}.png`));
      }
    } else {
      failures.push(
        `${name}: ${pages.length} page(s), but the reference has more (${extra}). Update with: ${UPDATE_COMMAND}`,
      );
    }
  }
  expect(failures, failures.join('\n')).toEqual([]);
}

describe('document images', () => {
  for (const kind of Object.keys(KINDS) as DocumentKind[]) {
    it(`renders the ${KINDS[kind].id} (${kind}) as in its reference images`, async () => {
      await expectDocument(kind, await letterPdf(kind));
    });
  }

  it('renders the SOP AP sheet (Kebumen) as in its reference images', async () => {
    await expectDocument('sop-sheet-kebumen', await sopSheetPdf());
  });

  it('renders the same pixels a second time (nothing depends on the clock or the machine)', async () => {
    for (const [name, pdf] of [
      ['pks', () => letterPdf('pks')],
      ['sop-sheet-kebumen', sopSheetPdf],
    ] as const) {
      const first = rendered.get(name) ?? (await pdfPagesToPng(await pdf(), DPI));
      const again = await pdfPagesToPng(await pdf(), DPI);
      expect(again.length).toBe(first.length);
      again.forEach((png, i) => {
        const before = first[i];
        if (before && !png.equals(before)) expect(comparePng(png, before).differing, `${name} page ${i + 1}`).toBe(0);
      });
    }
  });
});
