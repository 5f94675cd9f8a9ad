#!/usr/bin/env node
// What a first visit downloads, after `vite build`: the JavaScript and CSS (raw and gzip) of a public page
// (/verify/:id, the QR code's target) and of the signed-in home page. Reads the build's manifest, follows each
// chunk's static imports (what the browser fetches before the page can draw) and leaves the lazy ones out.
//   node scripts/bundle-size.mjs [dist/web]    (add --json for a machine-readable answer)
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const args = process.argv.slice(2);
const json = args.includes('--json');
const dir = path.resolve(args.find((a) => !a.startsWith('--')) ?? 'dist/web');
const manifest = JSON.parse(readFileSync(path.join(dir, '.vite/manifest.json'), 'utf8'));

/** The first-load pages: the entry (main.tsx through index.html) plus each page's own lazy modules. */
const PAGES = {
  'public (/verify/:id)': ['index.html', 'routes/VerifyPage.tsx'],
  'signed-in home (/)': ['index.html', 'components/AppLayout.tsx', 'routes/HomePage.tsx'],
};

function collect(keys) {
  const files = new Set();
  const seen = new Set();
  const visit = (key) => {
    if (seen.has(key)) return;
    seen.add(key);
    const chunk = manifest[key];
    if (!chunk) throw new Error(`bundle-size: ${key} is not in the manifest (renamed?)`);
    files.add(chunk.file);
    for (const css of chunk.css ?? []) files.add(css);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  keys.forEach(visit);
  return [...files];
}

function measure(files) {
  let raw = 0;
  let gzip = 0;
  const js = { raw: 0, gzip: 0 };
  const css = { raw: 0, gzip: 0 };
  for (const file of files) {
    const bytes = readFileSync(path.join(dir, file));
    const z = gzipSync(bytes, { level: 9 }).length;
    raw += bytes.length;
    gzip += z;
    const bucket = file.endsWith('.css') ? css : js;
    bucket.raw += bytes.length;
    bucket.gzip += z;
  }
  return { files: files.length, raw, gzip, js, css };
}

const kB = (n) => `${(n / 1024).toFixed(1)} kB`;
const result = Object.fromEntries(Object.entries(PAGES).map(([name, keys]) => [name, measure(collect(keys))]));

// The public chunk must not carry the signed-in app: the shell or the charts.
const publicFiles = collect(PAGES['public (/verify/:id)']);
const leaks = publicFiles.filter((f) => /AppLayout|recharts|BarChart|devtools/i.test(f));

if (json) {
  process.stdout.write(`${JSON.stringify({ pages: result, publicLeaks: leaks }, null, 2)}\n`);
} else {
  for (const [name, m] of Object.entries(result)) {
    console.log(
      `${name.padEnd(22)} ${String(m.files).padStart(2)} files  JS ${kB(m.js.raw)} (gzip ${kB(m.js.gzip)})  ` +
        `CSS ${kB(m.css.raw)} (gzip ${kB(m.css.gzip)})  total gzip ${kB(m.gzip)}`,
    );
  }
  if (leaks.length) console.log(`the public page loads signed-in chunks: ${leaks.join(', ')}`);
}
if (leaks.length) process.exitCode = 1;
