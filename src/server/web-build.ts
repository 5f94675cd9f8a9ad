import fs from 'node:fs';
import path from 'node:path';

/** Builds the web app with Vite when it has not been built yet. Returns true when it built. */
export async function ensureWebBuilt(webDir: string, log: (msg: string) => void): Promise<boolean> {
  if (fs.existsSync(path.join(webDir, 'index.html'))) return false;
  log('Building the web app (first start)…');
  const { build } = await import('vite');
  await build({ configFile: path.resolve('vite.config.ts'), logLevel: 'warn' });
  return true;
}
