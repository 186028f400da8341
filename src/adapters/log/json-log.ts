import type { Log } from '../../app/ports.ts';

const SECRET_KEY = /secret|token|password|authorization|api[-_]?key/i;

/** Drops values of secret-looking keys: logs are read by more people than secrets should be. */
function redact(data: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (!data) return undefined;
  return Object.fromEntries(Object.entries(data).map(([k, v]) => [k, SECRET_KEY.test(k) ? '[redacted]' : v]));
}

/** One JSON object per line on stdout/stderr; `quiet` keeps tests readable. */
export function createJsonLog(options: { quiet?: boolean; write?: (line: string) => void } = {}): Log {
  const write = options.write ?? ((line: string) => process.stdout.write(`${line}\n`));
  const emit = (level: string, msg: string, data?: Record<string, unknown>) => {
    if (options.quiet && level === 'info') return;
    write(JSON.stringify({ time: new Date().toISOString(), level, msg, ...redact(data) }));
  };
  return {
    info: (msg, data) => emit('info', msg, data),
    warn: (msg, data) => emit('warn', msg, data),
    error: (msg, data) => emit('error', msg, data),
  };
}
