/**
 * What the server warns about at start (printed in the banner and logged): settings that are fine on a laptop and
 * dangerous anywhere else. Pure: a function of the configuration.
 */
import type { Config } from './config.js';

/** One start-up warning: a stable code and the text printed. */
export interface StartupWarning {
  code: 'demo_beyond_loopback' | 'public_url_localhost';
  message: string;
}

/** True for a host name or address that only this machine reaches. */
export function isLoopbackHost(host: string): boolean {
  const h = host
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, '');
  return (
    h === 'localhost' ||
    h.endsWith('.localhost') ||
    /^127\.\d+\.\d+\.\d+$/.test(h) ||
    h === '::1' ||
    /^::ffff:127\./.test(h)
  );
}

/** The host of a URL, or undefined when it does not parse. */
function hostOf(url: string): string | undefined {
  try {
    return new URL(url).hostname;
  } catch {
    return undefined;
  }
}

/** The warnings a configuration deserves (empty when none). */
export function startupWarnings(config: Config): StartupWarning[] {
  const out: StartupWarning[] = [];
  if (config.demo && !isLoopbackHost(config.host))
    out.push({
      code: 'demo_beyond_loopback',
      message:
        `Demo mode (GERBANG_DEMO=1: demo logins with a published password, synthetic residents) listens on ` +
        `${config.host}, reachable from other machines. Set HOST=127.0.0.1 for a local demo, or GERBANG_DEMO=0 ` +
        `(npm start -- --no-demo) for a real instance.`,
    });
  const publicHost = hostOf(config.publicUrl);
  if (!config.demo && (publicHost === undefined || isLoopbackHost(publicHost) || publicHost === '0.0.0.0'))
    out.push({
      code: 'public_url_localhost',
      message:
        `PUBLIC_URL is ${config.publicUrl}: the QR codes on documents point there, which no one else can open. ` +
        `Set PUBLIC_URL to the address people reach Gerbang at (e.g. https://gerbang.example.go.id).`,
    });
  return out;
}
