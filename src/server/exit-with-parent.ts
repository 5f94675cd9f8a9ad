/**
 * GERBANG_EXIT_WITH_PARENT=1 (set by the test harness): the server stops itself when the process that started it
 * dies, even by SIGKILL, so a test run that dies leaves no server listening. It watches two things: its stdin (the
 * parent holds the other end of a pipe; the pipe closes when the parent dies) and its parent process id (which
 * changes when it is re-parented).
 */
export function exitWithParent(stop: (reason: string) => void, env: NodeJS.ProcessEnv = process.env): void {
  if (env.GERBANG_EXIT_WITH_PARENT !== '1') return;
  let done = false;
  const once = (reason: string) => {
    if (done) return;
    done = true;
    clearInterval(timer);
    stop(reason);
  };
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid !== parent) once('parent exited');
  }, 500);
  timer.unref();
  const stdin = process.stdin;
  if (!stdin.isTTY) {
    stdin.on('end', () => once('parent closed stdin'));
    stdin.on('error', () => once('parent closed stdin'));
    stdin.resume();
    // Reading stdin must not keep the process alive on its own.
    (stdin as unknown as { unref?: () => void }).unref?.();
  }
}
