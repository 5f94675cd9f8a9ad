/**
 * PDF pages as PNG images, and a comparison with committed reference images, so that a change in a document's layout
 * shows in a test. Rendering uses MuPDF compiled to WebAssembly (the `mupdf` package): the fonts pdfkit embeds or
 * references (the standard 14) are MuPDF's own, so the pixels do not depend on the machine's fonts.
 */
import fs from 'node:fs';
import path from 'node:path';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';

/** The command that rewrites the reference images, printed when one differs. */
export const UPDATE_COMMAND =
  'UPDATE_DOCUMENT_SNAPSHOTS=1 npx vitest run --project unit test/documents.snapshot.test.ts';

type MuPdf = typeof import('mupdf');
let mupdfModule: Promise<MuPdf> | undefined;
/** The WASM module, loaded once per test file (about a second). */
const loadMupdf = (): Promise<MuPdf> => (mupdfModule ??= import('mupdf'));

/** Every page of a PDF as a PNG (RGB, no alpha) at `dpi` dots per inch. */
export async function pdfPagesToPng(pdf: Uint8Array, dpi = 100): Promise<Buffer[]> {
  const mupdf = await loadMupdf();
  const doc = mupdf.Document.openDocument(pdf, 'application/pdf');
  try {
    const scale = dpi / 72;
    const pages: Buffer[] = [];
    for (let i = 0; i < doc.countPages(); i++) {
      const page = doc.loadPage(i);
      const pixmap = page.toPixmap(mupdf.Matrix.scale(scale, scale), mupdf.ColorSpace.DeviceRGB, false);
      pages.push(Buffer.from(pixmap.asPNG()));
      pixmap.destroy();
      page.destroy();
    }
    return pages;
  } finally {
    doc.destroy();
  }
}

/** How two PNG images differ: the number of differing pixels (all of them when the sizes differ) and a diff image. */
export function comparePng(
  actual: Buffer,
  expected: Buffer,
  threshold = 0.1,
): { differing: number; total: number; sizeMismatch: boolean; diff: Buffer | null } {
  const a = PNG.sync.read(actual);
  const e = PNG.sync.read(expected);
  if (a.width !== e.width || a.height !== e.height) {
    return { differing: a.width * a.height, total: a.width * a.height, sizeMismatch: true, diff: null };
  }
  const diff = new PNG({ width: a.width, height: a.height });
  const differing = pixelmatch(a.data, e.data, diff.data, a.width, a.height, { threshold });
  return { differing, total: a.width * a.height, sizeMismatch: false, diff: PNG.sync.write(diff) };
}

export interface SnapshotOptions {
  /** Folder of the reference images. */
  dir: string;
  /** Pixels allowed to differ (anti-aliasing noise); default 0.01 % of the image. */
  maxDifferingRatio?: number;
}

/**
 * Compares a page image with `<dir>/<name>.png`. On a difference, writes `<name>.actual.png` and `<name>.diff.png`
 * beside it and throws an error saying how many pixels differ and how to update the references. With
 * UPDATE_DOCUMENT_SNAPSHOTS=1 the reference is (re)written instead; a missing reference is written when updating and
 * fails otherwise (in CI, and locally so that a forgotten image is noticed).
 */
export function expectPngSnapshot(png: Buffer, name: string, options: SnapshotOptions): void {
  const reference = path.join(options.dir, `${name}.png`);
  const actualPath = path.join(options.dir, `${name}.actual.png`);
  const diffPath = path.join(options.dir, `${name}.diff.png`);
  const update = process.env.UPDATE_DOCUMENT_SNAPSHOTS === '1' && !process.env.CI;
  const clean = (): void => {
    fs.rmSync(actualPath, { force: true });
    fs.rmSync(diffPath, { force: true });
  };
  if (update) {
    fs.mkdirSync(options.dir, { recursive: true });
    const same = fs.existsSync(reference) && comparePng(png, fs.readFileSync(reference)).differing === 0;
    if (!same) fs.writeFileSync(reference, png);
    clean();
    return;
  }
  if (!fs.existsSync(reference)) {
    fs.mkdirSync(options.dir, { recursive: true });
    fs.writeFileSync(actualPath, png);
    throw new Error(
      `No reference image ${path.relative(process.cwd(), reference)} (the rendering is in ${path.basename(actualPath)}). ` +
        `Create it with: ${UPDATE_COMMAND}`,
    );
  }
  const r = comparePng(png, fs.readFileSync(reference));
  const allowed = Math.floor(r.total * (options.maxDifferingRatio ?? 0.0001));
  if (!r.sizeMismatch && r.differing <= allowed) {
    clean();
    return;
  }
  fs.writeFileSync(actualPath, png);
  if (r.diff) fs.writeFileSync(diffPath, r.diff);
  else fs.rmSync(diffPath, { force: true });
  const what = r.sizeMismatch
    ? 'has a different size'
    : `differs in ${r.differing} of ${r.total} pixels (at most ${allowed} allowed)`;
  throw new Error(
    `${name}: the rendering ${what} from ${path.relative(process.cwd(), reference)}. ` +
      `See ${path.basename(actualPath)}${r.diff ? ` and ${path.basename(diffPath)}` : ''} beside it. ` +
      `If the change is intended, update the references with: ${UPDATE_COMMAND}`,
  );
}
