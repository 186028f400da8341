import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';

/** `baton start` as its own process, once its SMTP port answers. */
export interface BatonProcess {
  port: number;
  /** Its last 8,000 characters of output. */
  output(): string;
  /** CPU milliseconds (user + system) the process has used so far, from /proc. */
  cpuMs(): number;
  kill(): Promise<void>;
  stop(): Promise<void>;
}

const portOpen = (port: number) =>
  new Promise<boolean>((done) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      done(true);
    });
    socket.once('error', () => done(false));
  });

/**
 * `baton start` from the checkout at `root`, with only the settings named here in its environment
 * (`nodeArgs` go to node, e.g. `--cpu-prof`); resolves once `SMTP_PORT` accepts connections.
 */
export async function startBatonProcess(
  root: string,
  settings: Record<string, string>,
  dataDir: string,
  nodeArgs: readonly string[] = [],
): Promise<BatonProcess> {
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, join(root, 'bin/baton.js'), 'start'], {
    cwd: dataDir,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? dataDir, ...settings },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-8000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let exited = false;
  const exit = new Promise<void>((done) =>
    child.once('exit', () => {
      exited = true;
      done();
    }),
  );
  const port = Number(settings.SMTP_PORT);
  const deadline = Date.now() + 120_000;
  while (!(await portOpen(port))) {
    if (exited) throw new Error(`baton exited before listening:\n${output}`);
    if (Date.now() > deadline) throw new Error(`baton's SMTP port did not open within 120 s:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    port,
    output: () => output,
    cpuMs() {
      // /proc/PID/stat: utime and stime are fields 14 and 15, in clock ticks (100 a second on Linux).
      const stat = readFileSync(`/proc/${child.pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return (Number(fields[11]) + Number(fields[12])) * 10;
    },
    async kill() {
      child.kill('SIGKILL');
      await exit;
    },
    async stop() {
      if (exited) return;
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exit;
      clearTimeout(killer);
    },
  };
}
