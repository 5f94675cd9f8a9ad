/**
 * Sortable ids in the ULID format (26 Crockford base-32 characters: 48-bit millisecond time, 80 random bits),
 * monotonic within a process: ids made in the same millisecond increment the random part, so they sort in the
 * order they were made. Written here rather than through the `ulid` package because every web-service call makes
 * two (request id, audit entry id) and that package draws its randomness a character at a time from the
 * WebCrypto API (about 4% of the request path); this draws it from a pooled crypto.randomBytes buffer.
 */
import crypto from 'node:crypto';

const ENCODING = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const RANDOM_CHARS = 16;
const POOL_SIZE = 4096;

let pool = crypto.randomBytes(POOL_SIZE);
let poolAt = 0;
let lastTime = -1;
let timeText = '';
const random = new Uint8Array(RANDOM_CHARS);

function encodeTime(ms: number): string {
  let out = '';
  for (let i = 0; i < 10; i++) {
    out = ENCODING.charAt(ms % 32) + out;
    ms = Math.floor(ms / 32);
  }
  return out;
}

function freshRandom(): void {
  if (poolAt + RANDOM_CHARS > POOL_SIZE) {
    pool = crypto.randomBytes(POOL_SIZE);
    poolAt = 0;
  }
  for (let i = 0; i < RANDOM_CHARS; i++) random[i] = (pool[poolAt + i] ?? 0) & 31;
  poolAt += RANDOM_CHARS;
}

/** Adds one to the random part (base 32, carrying left); false when it overflowed. */
function increment(): boolean {
  for (let i = RANDOM_CHARS - 1; i >= 0; i--) {
    const v = (random[i] ?? 0) + 1;
    if (v < 32) {
      random[i] = v;
      return true;
    }
    random[i] = 0;
  }
  return false;
}

/** A new sortable id (ULID), greater than every id made before it in this process. */
export function newId(now: number = Date.now()): string {
  if (now > lastTime) {
    lastTime = now;
    timeText = encodeTime(now);
    freshRandom();
  } else if (!increment()) {
    // 2^80 ids in one millisecond: borrow the next millisecond rather than repeat an id.
    lastTime++;
    timeText = encodeTime(lastTime);
    freshRandom();
  }
  let out = timeText;
  for (let i = 0; i < RANDOM_CHARS; i++) out += ENCODING.charAt(random[i] ?? 0);
  return out;
}
