#!/usr/bin/env node
// Runs one command tied to the life of whoever started this tether: when our stdin closes (the parent ended it or
// died, even by SIGKILL) the command gets `signal`, then SIGKILL after `graceMs`. Used by the tests for servers that
// cannot watch their parent themselves (PostgreSQL). Argument: JSON { cmd, args, uid?, gid?, signal?, graceMs?,
// removeAfter? } (a folder removed once the command exited). The command's stderr is passed through; we exit with
// its exit code.
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import process from 'node:process';
import { setTimeout } from 'node:timers';

const {
  cmd,
  args = [],
  uid,
  gid,
  signal = 'SIGTERM',
  graceMs = 10_000,
  removeAfter,
} = JSON.parse(process.argv[2] ?? '{}');
const child = spawn(cmd, args, {
  stdio: ['ignore', 'inherit', 'inherit'],
  ...(uid === undefined ? {} : { uid, gid }),
});
const end = () => {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill(signal);
  setTimeout(() => child.kill('SIGKILL'), graceMs).unref();
};
process.stdin.on('end', end);
process.stdin.on('error', end);
process.stdin.on('close', end);
process.stdin.resume();
for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(s, end);
child.on('error', (error) => {
  process.stderr.write(`tether: ${cmd}: ${error.message}\n`);
  process.exit(127);
});
child.on('exit', (code, sig) => {
  if (removeAfter) rmSync(removeAfter, { recursive: true, force: true });
  process.exit(code ?? (sig ? 1 : 0));
});
