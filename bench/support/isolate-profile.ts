/**
 * CPU time of one Worker's isolate, read from its V8 sampling profiler over the DevTools protocol
 * (the inspector port `wrangler dev` opens). This is the CPU time Cloudflare bills a Worker for:
 * the runtime's own work (HTTP, the local Hyperdrive socket, miniflare's helper workers) is not in it.
 */
import WebSocket from 'ws';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** What the samples say: milliseconds on the CPU (not idle) and the functions that took them. */
export interface IsolateCpu {
  busyMs: number;
  samples: number;
  /** The median time between two samples: the sampling interval actually reached. */
  medianDeltaMicros: number;
  /** The longest time between two samples (workerd takes none while the isolate waits). */
  maxDeltaMicros: number;
  /** Self time per function (`name url:line`), highest first. */
  top: { frame: string; ms: number }[];
}

const IDLE = new Set(['(idle)']);

/** Starts the sampling profiler of the first target on `inspectorPort`; `stop()` reads the profile. */
export async function profileIsolate(
  inspectorPort: number,
  options: { intervalMicros?: number } = {},
): Promise<{ stop(): Promise<IsolateCpu> }> {
  const targets = (await (await fetch(`http://127.0.0.1:${inspectorPort}/json/list`)).json()) as {
    webSocketDebuggerUrl: string;
  }[];
  const target = targets[0];
  if (!target) throw new Error(`no inspector target on port ${inspectorPort}`);
  const socket = new WebSocket(target.webSocketDebuggerUrl);
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  let nextId = 0;
  const waiting = new Map<number, (result: unknown) => void>();
  socket.on('message', (data) => {
    const message = JSON.parse(data.toString()) as { id?: number; result?: unknown; error?: unknown };
    if (message.id === undefined) return;
    const resolve = waiting.get(message.id);
    waiting.delete(message.id);
    resolve?.(message.error ? Promise.reject(new Error(JSON.stringify(message.error))) : message.result);
  });
  const call = <T>(method: string, params: Record<string, unknown> = {}) =>
    new Promise<T>((resolve) => {
      const id = ++nextId;
      waiting.set(id, resolve as (result: unknown) => void);
      socket.send(JSON.stringify({ id, method, params }));
    });
  await call('Profiler.enable');
  const interval = options.intervalMicros ?? 100;
  await call('Profiler.setSamplingInterval', { interval });
  await call('Profiler.start');
  return {
    async stop() {
      const { profile } = await call<{ profile: Profile }>('Profiler.stop');
      socket.close();
      return summarize(profile, interval);
    },
  };
}

/**
 * workerd's isolate thread takes no sample while it waits for I/O, so the delta before the first
 * sample after a wait spans the wait: deltas are not CPU time. A sample stands for at most the
 * interval reached (the median delta: with a 100 µs interval most samples follow one another within
 * one stretch of work), so the estimate holds while stretches of work are longer than the interval.
 */
function summarize(profile: Profile, intervalMicros: number): IsolateCpu {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  const deltas = [...profile.timeDeltas].sort((a, b) => a - b);
  const median = deltas[Math.floor(deltas.length / 2)] ?? intervalMicros;
  let busy = 0;
  profile.samples.forEach((id, i) => {
    const ms = Math.min(profile.timeDeltas[i] ?? 0, median) / 1000;
    const frame = byId.get(id)?.callFrame;
    if (!frame || IDLE.has(frame.functionName)) return;
    busy += ms;
    const name = `${frame.functionName || '(anonymous)'} ${frame.url.split('/').pop() ?? ''}:${frame.lineNumber + 1}`;
    self.set(name, (self.get(name) ?? 0) + ms);
  });
  const top = [...self].sort((a, b) => b[1] - a[1]).map(([frame, ms]) => ({ frame, ms }));
  return {
    busyMs: busy,
    samples: profile.samples.length,
    medianDeltaMicros: median,
    maxDeltaMicros: deltas.at(-1) ?? 0,
    top,
  };
}
