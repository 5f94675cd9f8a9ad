/**
 * The witness file: every signed tree head the server publishes, appended as one JSON line, outside the database
 * (config.auditWitnessFile, DATA_DIR/audit-witness.jsonl by default; put it on another disk or ship it elsewhere).
 * `gerbang audit verify` checks the log against every head in it: a head the log no longer matches shows a
 * truncation or a rewrite, whoever held the signing key (ADR 0008).
 */
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { isTreeHead, type TreeHead } from '../../../../domain/audit/heads.js';

/** Appends heads to the witness file (synchronously, in seal order; the file is opened once). */
export class WitnessWriter {
  private fd: number | null = null;
  /** The last append failure, if any (a full disk must not stop the log; verification will see the gap). */
  lastError: Error | null = null;

  constructor(readonly file: string) {}

  append(head: TreeHead): void {
    try {
      if (this.fd === null) {
        fs.mkdirSync(path.dirname(this.file), { recursive: true });
        this.fd = fs.openSync(this.file, 'a', 0o644);
      }
      const line = JSON.stringify({
        treeSize: head.treeSize,
        rootHash: head.rootHash,
        timestamp: head.timestamp,
        keyId: head.keyId,
        signature: head.signature,
      });
      fs.writeSync(this.fd, line + '\n');
      this.lastError = null;
    } catch (e) {
      this.lastError = e as Error;
    }
  }

  close(): void {
    if (this.fd !== null) fs.closeSync(this.fd);
    this.fd = null;
  }
}

/** One line of a witness file: a head, or why the line is not one. */
export type WitnessLine = { line: number; head: TreeHead } | { line: number; malformed: true };

/** Reads a witness file line by line (never all at once); nothing when it does not exist. */
export async function* readWitness(file: string): AsyncGenerator<WitnessLine> {
  if (!fs.existsSync(file)) return;
  const rl = readline.createInterface({ input: fs.createReadStream(file, 'utf8'), crlfDelay: Infinity });
  let n = 0;
  for await (const text of rl) {
    n++;
    if (!text.trim()) continue;
    let v: unknown;
    try {
      v = JSON.parse(text);
    } catch {
      v = null;
    }
    yield isTreeHead(v) ? { line: n, head: v } : { line: n, malformed: true };
  }
}
