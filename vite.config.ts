import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The SPA lives in src/web and is built to dist/web, which the server serves at /. The manifest
// (dist/web/.vite/manifest.json) maps each page's module to its chunks: scripts/bundle-size.mjs reads it.
export default defineConfig({
  root: 'src/web',
  plugins: [react()],
  build: { outDir: '../../dist/web', emptyOutDir: true, chunkSizeWarningLimit: 2000, manifest: true },
  server: { proxy: { '/api': 'http://localhost:3000' } },
});
