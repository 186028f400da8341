import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './postgres.ts';

const ROOT = new URL('../..', import.meta.url).pathname;

/** The real Worker running in workerd under `wrangler dev`, for tests and benchmarks. */
export interface WranglerDev {
  base: string;
  /** The DevTools inspector port of the Worker's isolate (profiling, debugging). */
  inspector: number;
  /** The process group of wrangler and its workerd: kill it as a whole. */
  pid: number;
  output: string[];
  child: ChildProcess;
  stop(): void;
}

/**
 * Starts `wrangler dev` on Baton's Worker entry with the given bundled config, a local Hyperdrive
 * binding to `databaseUrl` (it must contain a password) and plain vars, and waits for /healthz.
 */
export async function startWranglerDev(options: {
  config: unknown;
  databaseUrl: string;
  vars: Record<string, string>;
  logLevel?: 'error' | 'info';
  timeoutMs?: number;
  /** Minify the bundle (default true, as deployed); off keeps function names for profiles. */
  minify?: boolean;
}): Promise<WranglerDev> {
  const dir = mkdtempSync(join(tmpdir(), 'baton-wrangler-'));
  writeFileSync(join(dir, 'config.json'), JSON.stringify(options.config));
  writeFileSync(
    join(dir, 'wrangler.toml'),
    [
      'name = "baton-local"',
      `main = "${join(ROOT, 'src/entry/worker.ts')}"`,
      'compatibility_date = "2026-04-20"',
      'compatibility_flags = ["nodejs_compat"]',
      `minify = ${options.minify ?? true}`,
      '[alias]',
      `"baton-config" = "${join(dir, 'config.json')}"`,
      '[triggers]',
      'crons = ["* * * * *"]',
      '[[hyperdrive]]',
      'binding = "HYPERDRIVE"',
      'id = "local"',
      `localConnectionString = "${options.databaseUrl}"`,
      '[vars]',
      ...Object.entries(options.vars).map(([k, v]) => `${k} = ${JSON.stringify(v)}`),
    ].join('\n'),
  );
  const port = await freePort();
  const inspector = await freePort();
  const output: string[] = [];
  const child = spawn(
    join(ROOT, 'node_modules/.bin/wrangler'),
    [
      'dev',
      '--config',
      join(dir, 'wrangler.toml'),
      '--port',
      String(port),
      '--inspector-port',
      String(inspector),
      '--ip',
      '127.0.0.1',
      '--test-scheduled',
      '--log-level',
      options.logLevel ?? 'info',
    ],
    {
      cwd: dir,
      // Its own process group: killing wrangler alone leaves workerd running.
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: '1' },
    },
  );
  child.stdout?.on('data', (d: Buffer) => output.push(d.toString()));
  child.stderr?.on('data', (d: Buffer) => output.push(d.toString()));
  const stop = () => {
    try {
      if (child.pid) process.kill(-child.pid, 'SIGTERM');
    } catch {}
    rmSync(dir, { recursive: true, force: true });
  };
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (options.timeoutMs ?? 90_000);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`wrangler exited: ${output.join('')}`);
    const up = await fetch(`${base}/healthz`)
      .then((r) => r.ok)
      .catch(() => false);
    if (up) break;
    if (Date.now() > deadline) {
      stop();
      throw new Error(`wrangler dev did not start: ${output.join('').slice(-2000)}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { base, inspector, pid: child.pid ?? 0, output, child, stop };
}
