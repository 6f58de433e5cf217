import { spawn } from 'node:child_process';

/**
 * A tiny detached process that kills `childPid` as soon as `parentPid` is gone. Exit handlers
 * cover Ctrl-C and normal exits; this covers the parent being killed with SIGKILL or crashing,
 * so no Java process ever outlives the run that started it.
 */
export function guardChildProcess(childPid: number, parentPid = process.pid): void {
  const script = `
    const [parent, child] = process.argv.slice(1).map(Number);
    const alive = (pid) => { try { process.kill(pid, 0); return true; } catch { return false; } };
    const timer = setInterval(() => {
      if (!alive(child)) process.exit(0);
      if (!alive(parent)) { try { process.kill(child, 'SIGKILL'); } catch {} process.exit(0); }
    }, 300);
  `;
  const watchdog = spawn(process.execPath, ['-e', script, String(parentPid), String(childPid)], {
    detached: true,
    stdio: 'ignore',
  });
  watchdog.unref();
}
