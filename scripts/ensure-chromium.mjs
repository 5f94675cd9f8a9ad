#!/usr/bin/env node
// Finds a Chromium for the browser tests: CHROME_PATH, else Debian's /usr/bin/chromium.
// Playwright's own browser download is not reachable here, so on a Debian machine run as root
// the system package is installed instead; anywhere else we stop with an instruction.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const DEBIAN_CHROMIUM = '/usr/bin/chromium';

/** The path of a usable Chromium executable, installing Debian's package when possible. */
export async function ensureChromium() {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv;
    throw new Error(`CHROME_PATH is set to ${fromEnv}, but no file is there.`);
  }
  if (existsSync(DEBIAN_CHROMIUM)) return DEBIAN_CHROMIUM;

  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && existsSync('/etc/debian_version')) {
    console.error("Chromium not found; installing Debian's chromium package…");
    execSync('apt-get update && apt-get install -y chromium', {
      stdio: ['ignore', process.stderr, process.stderr], // keep stdout for the path alone
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    if (existsSync(DEBIAN_CHROMIUM)) return DEBIAN_CHROMIUM;
    throw new Error(`apt-get installed chromium, but ${DEBIAN_CHROMIUM} is still missing.`);
  }
  throw new Error(
    'Chromium not found. Install it (Debian/Ubuntu: `sudo apt-get install -y chromium`) ' +
      'or set CHROME_PATH to a Chromium or Chrome executable, then run the browser tests again.',
  );
}

// Run as a script: print the path (and nothing else) on stdout.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  ensureChromium().then(
    (path) => console.log(path),
    (error) => {
      console.error(error instanceof Error ? error.message : String(error));
      process.exit(1);
    },
  );
}
