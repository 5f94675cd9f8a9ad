import BetterSqlite3 from 'better-sqlite3';
import fs from 'node:fs';
import crypto from 'node:crypto';
for (const variant of ['idx3', 'idx3cache', 'idx2', 'idx1nik', 'idx0']) {
  fs.rmSync('/tmp/mb/a.sqlite', { force: true }); fs.rmSync('/tmp/mb/a.sqlite-wal', { force: true });
  const db = new BetterSqlite3('/tmp/mb/a.sqlite');
  db.pragma('journal_mode = WAL'); db.pragma('synchronous = NORMAL');
  db.exec(`create table audit_entries (seq bigint primary key, id text not null, time text not null, action text not null, actor_kind text not null, actor_id text not null, operator_id text, institution_id text, pks_id text, pks_version_hash text, elements text not null, result_code text not null, client_ip text, nik_hash text, detail text)`);
  if (variant === 'idx3cache') db.pragma('cache_size = -131072');
  if (variant.startsWith('idx3')) db.exec(`create index a1 on audit_entries(id); create index a2 on audit_entries(nik_hash); create index a3 on audit_entries(institution_id, time)`);
  if (variant === 'idx2') db.exec(`create index a1 on audit_entries(id); create index a3 on audit_entries(institution_id, time)`);
  if (variant === 'idx1nik') db.exec(`create index a2 on audit_entries(nik_hash)`);
  db.exec(`create table audit_batches (batch_seq bigint primary key, first_seq bigint, last_seq bigint, entry_hashes text, merkle_root text, prev_batch_hash text, sealed_at text, key_id text, batch_hash text, signature text)`);
  const one = '(' + Array(15).fill('?').join(',') + ')';
  const ins = db.prepare(`insert into audit_entries values ${one}`);
  const insb = db.prepare(`insert into audit_batches values (?,?,?,?,?,?,?,?,?,?)`);
  let seq = 0, b = 0;
  const N = 32;
  const tx = db.transaction(() => {
    for (let i = 0; i < N; i++) {
      seq++;
      ins.run(seq, '01JF' + String(seq).padStart(22,'0'), new Date().toISOString(), 'CALL_NIK', 'credential', '01JFXYZABCDEFGHJKMNPQRSTVW', null, '01JFXYZABCDEFGHJKMNPQRSTVW', '01JFXYZABCDEFGHJKMNPQRSTVW', 'a'.repeat(64), '["NIK","NAMA_LGKP","TGL_LHR"]', '01', '127.0.0.1', crypto.randomBytes(32).toString('hex'), '{"reason":"ok","environment":"production","ipUser":"10.0.0.1"}');
    }
    b++;
    insb.run(b, seq - N + 1, seq, JSON.stringify(Array(N).fill('b'.repeat(64))), 'c'.repeat(64), 'd'.repeat(64), new Date().toISOString(), 'k', 'e'.repeat(64), 'f'.repeat(88));
  });
  for (let i = 0; i < 200; i++) tx();
  const t = process.hrtime.bigint();
  const iters = 3000;
  let worst = 0;
  for (let i = 0; i < iters; i++) { const s = process.hrtime.bigint(); tx(); const d = Number(process.hrtime.bigint() - s); if (d > worst) worst = d; }
  const us = Number(process.hrtime.bigint() - t) / 1e3 / iters;
  console.log(variant, 'per batch', us.toFixed(0), 'us; per entry', (us / N).toFixed(1), 'us; worst batch ms', (worst / 1e6).toFixed(1));
  db.close();
}
