/**
 * The PKS lifecycle runs on the server's scheduler, not on reads: the real server is started on a data directory
 * with the demo data, stopped, and started again on the same directory with its clock set months ahead
 * (GERBANG_NOW). Without any request, the scheduler records the expiry notices of the demo bank's PKS and, on a
 * later restart past its end date, expires it — each change a decision of the system on the record.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { startServer, stopServers } from './server-process.js';

afterEach(stopServers);
const start = (env: Record<string, string>) => startServer(env);

interface Row {
  id: string;
  number: string;
  status: string;
  end_date: string;
  notices: string;
}

/** The demo bank's PKS and the system's lifecycle decisions about it, read from the SQLite file (no request to the server). */
function read(dir: string) {
  const db = new Database(path.join(dir, 'gerbang.sqlite'), { readonly: true });
  try {
    const pks = db.prepare("SELECT * FROM agreements WHERE number LIKE '%/PKS/33.05/%'").get() as Row;
    const sealed = db
      .prepare("SELECT action FROM audit_entries WHERE pks_id = ? AND actor_kind = 'system' ORDER BY seq")
      .all(pks.id) as { action: string }[];
    const pending = (db.prepare('SELECT entry FROM audit_pending ORDER BY id').all() as { entry: string }[])
      .map((r) => JSON.parse(r.entry) as { action: string; pksId: string; actor: { kind: string } })
      .filter((e) => e.pksId === pks.id && e.actor.kind === 'system');
    const decisions = [...sealed.map((e) => e.action), ...pending.map((e) => e.action)];
    return { pks, decisions: decisions.filter((a) => a.startsWith('pks.')) };
  } finally {
    db.close();
  }
}

/** 09:00 WIB on a day relative to a date (YYYY-MM-DD), as GERBANG_NOW. */
const wibMorning = (date: string, days: number) =>
  `${new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10)}T09:00:00+07:00`;

describe('the scheduler across restarts', () => {
  it('records the notices and expires the demo PKS when restarted months later, without any request', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gerbang-scheduler-'));
    const first = await start({ DATA_DIR: dir });
    expect(await first.stop(), first.output()).toBe(0);
    const seeded = read(dir);
    expect(seeded.pks.status).toBe('active');
    expect(JSON.parse(seeded.pks.notices)).toEqual([]);
    const end = seeded.pks.end_date;

    // Ten days before the end: the scheduler's first run at start marks it expiring with both notices.
    const second = await start({ DATA_DIR: dir, GERBANG_NOW: wibMorning(end, -10) });
    expect(await second.stop(), second.output()).toBe(0);
    const expiring = read(dir);
    expect(expiring.pks.status).toBe('expiring');
    expect(JSON.parse(expiring.pks.notices)).toEqual(['90', '30']);
    expect(expiring.decisions).toEqual(['pks.expiring', 'pks.expiry_notice', 'pks.expiry_notice']);

    // The day after the end date.
    const third = await start({ DATA_DIR: dir, GERBANG_NOW: wibMorning(end, 1) });
    expect(await third.stop(), third.output()).toBe(0);
    const expired = read(dir);
    expect(expired.pks.status).toBe('expired');
    expect(expired.decisions).toEqual(['pks.expiring', 'pks.expiry_notice', 'pks.expiry_notice', 'pks.expired']);
  }, 180_000);

  it('refuses a GERBANG_NOW that is not an ISO 8601 instant with an offset, naming the variable', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gerbang-scheduler-'));
    await expect(start({ DATA_DIR: dir, GERBANG_NOW: '5 October 2027' })).rejects.toThrow(/GERBANG_NOW/);
  });
});
