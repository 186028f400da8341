import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { buildEml } from '../test/support/eml.ts';
import { freePort, startPostgres } from '../test/support/postgres.ts';
import { teamConfig } from '../test/support/team-config.ts';
import { startBatonProcess } from './support/baton-process.ts';
import { startFloor } from './support/smtp-floor.ts';

const { values } = parseArgs({
  options: {
    messages: { type: 'string', default: '1000' },
    concurrency: { type: 'string', default: '10' },
    root: { type: 'string', default: new URL('..', import.meta.url).pathname },
    'cpu-prof': { type: 'string' },
  },
});
const N = Number(values.messages);
const CONCURRENCY = Number(values.concurrency);
const ROOT = resolve(values.root);
// Discarded messages first, on every connection: the first ones pay for JIT compilation and cold caches.
const WARM_UP = CONCURRENCY * 2;
const PROVIDER_DELAY_MS = 500;
const REPLY_TIMEOUT_MS = 60_000;
if (!Number.isInteger(N) || N < 1 || !Number.isInteger(CONCURRENCY) || CONCURRENCY < 1)
  throw new Error('--messages and --concurrency take positive integers');

const RUN = Date.now().toString(36);
const SENDER = 'maya@example.com';
const RECIPIENT = `handoff@${teamConfig.mailDomain}`;

/** A complete handoff (every required field), as a mail client would send it, with its own Message-ID. */
function handoff(label: string, i: number): Promise<Buffer> {
  return buildEml({
    from: 'Maya Patel <maya@example.com>',
    to: RECIPIENT,
    cc: 'Bob Smith <bob@example.com>',
    subject: `Lead ${i}`,
    messageId: `<smtp-accept-${RUN}-${label}-${i}@mail.example.com>`,
    text: `Lead: Lead ${i} <lead${i}@acme.io>\nTrigger: pricing webinar\nSummary: Wants SSO for ${i} seats.\nChannel: phone`,
  });
}

interface Reply {
  code: number;
  text: string;
  at: number;
}

/**
 * One SMTP connection, reused for every message a worker sends. Raw over `net` rather than
 * nodemailer, which reports neither when it wrote the final dot nor when the reply arrived.
 */
class SmtpSession {
  private buffer = '';
  private lines: string[] = [];
  private replies: Reply[] = [];
  private waiting: ((reply: Reply) => void) | null = null;

  private constructor(private readonly socket: Socket) {
    // Without it Nagle's algorithm may hold the 5-byte terminator back, and that wait would be timed.
    socket.setNoDelay(true);
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => this.receive(chunk, performance.now()));
  }

  static async open(port: number): Promise<SmtpSession> {
    const socket = connect({ host: '127.0.0.1', port });
    await new Promise<void>((done, fail) => {
      socket.once('connect', done);
      socket.once('error', fail);
    });
    const session = new SmtpSession(socket);
    socket.on('error', () => {});
    session.expect(await session.next(), 220, 'greeting');
    session.expect(await session.command('EHLO bench.example.com'), 250, 'EHLO');
    return session;
  }

  private receive(chunk: string, at: number): void {
    this.buffer += chunk;
    let end = this.buffer.indexOf('\r\n');
    while (end >= 0) {
      const line = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      this.lines.push(line);
      // "250-…" continues a reply, "250 …" (or a bare code) ends it.
      if (/^\d{3}(?: |$)/.test(line)) {
        const reply = { code: Number(line.slice(0, 3)), text: this.lines.join('\n'), at };
        this.lines = [];
        if (this.waiting) {
          const deliver = this.waiting;
          this.waiting = null;
          deliver(reply);
        } else this.replies.push(reply);
      }
      end = this.buffer.indexOf('\r\n');
    }
  }

  private next(): Promise<Reply> {
    const queued = this.replies.shift();
    if (queued) return Promise.resolve(queued);
    return new Promise((done, fail) => {
      const timer = setTimeout(() => fail(new Error('no SMTP reply within 60 s')), REPLY_TIMEOUT_MS);
      this.waiting = (reply) => {
        clearTimeout(timer);
        done(reply);
      };
    });
  }

  private expect(reply: Reply, code: number, step: string): void {
    if (reply.code !== code) throw new Error(`${step}: expected ${code}, got ${reply.text}`);
  }

  private command(line: string): Promise<Reply> {
    this.socket.write(`${line}\r\n`);
    return this.next();
  }

  /** Sends one message; returns the reply to the end of DATA and how long after the final dot it came. */
  async send(raw: Buffer): Promise<{ code: number; text: string; ms: number }> {
    this.expect(await this.command(`MAIL FROM:<${SENDER}>`), 250, 'MAIL FROM');
    this.expect(await this.command(`RCPT TO:<${RECIPIENT}>`), 250, 'RCPT TO');
    this.expect(await this.command('DATA'), 354, 'DATA');
    // Dot-stuffing (RFC 5321 4.5.2); the message's own last line break is the terminator's first.
    const body = raw
      .toString('latin1')
      .replace(/\r?\n/g, '\r\n')
      .replace(/(^|\r\n)\./g, '$1..')
      .replace(/(\r\n)+$/, '');
    this.socket.write(body, 'latin1');
    const start = performance.now();
    this.socket.write('\r\n.\r\n');
    const reply = await this.next();
    return { code: reply.code, text: reply.text, ms: reply.at - start };
  }

  close(): void {
    this.socket.end('QUIT\r\n');
  }
}

interface RunResult {
  samples: number[];
  failures: string[];
  seconds: number;
}

/** Sends `count` messages over `CONCURRENCY` connections, each worker taking the next unsent one. */
async function drive(port: number, messages: Buffer[]): Promise<RunResult> {
  const samples: number[] = [];
  const failures: string[] = [];
  let nextIndex = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(CONCURRENCY, messages.length) }, async () => {
      const session = await SmtpSession.open(port);
      for (let i = nextIndex++; i < messages.length; i = nextIndex++) {
        const result = await session.send(messages[i]!);
        if (result.code === 250) samples.push(result.ms);
        else failures.push(result.text);
      }
      session.close();
    }),
  );
  return { samples, failures, seconds: (performance.now() - started) / 1000 };
}

async function measure(port: number): Promise<RunResult> {
  const warm = await Promise.all(Array.from({ length: WARM_UP }, (_, i) => handoff('warm', i)));
  const warmRun = await drive(port, warm);
  if (warmRun.failures.length > 0) throw new Error(`warm-up refused: ${warmRun.failures[0]}`);
  return drive(port, await Promise.all(Array.from({ length: N }, (_, i) => handoff('run', i))));
}

/** Resend's `POST /emails`, answered after the provider delay; counts what it was asked. */
async function startFakeResend() {
  let emails = 0;
  let other = 0;
  const server = createHttpServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const isSend = req.method === 'POST' && req.url?.split('?')[0] === '/emails';
      if (isSend) emails++;
      else other++;
      setTimeout(() => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(isSend ? { id: `re_bench_${emails}` } : { data: [] }));
      }, PROVIDER_DELAY_MS);
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    counts: () => ({ emails, other }),
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

/** `baton start` from the checkout at ROOT, with only the settings named here in its environment. */
function startBaton(settings: Record<string, string>, dataDir: string) {
  const profile = values['cpu-prof'] ? ['--cpu-prof', '--cpu-prof-dir', resolve(values['cpu-prof'])] : [];
  return startBatonProcess(ROOT, settings, dataDir, profile);
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

function stats(run: RunResult) {
  const sorted = [...run.samples].sort((a, b) => a - b);
  return {
    median: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    perSecond: run.samples.length / run.seconds,
  };
}

const cleanups: (() => Promise<void> | void)[] = [];
let batonOutput = () => '';
async function cleanUp() {
  for (const step of cleanups.splice(0).reverse()) {
    try {
      await step();
    } catch (error) {
      console.error(`cleanup: ${(error as Error).message}`);
    }
  }
}
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => {
    void cleanUp().finally(() => process.exit(130));
  });

try {
  const postgres = await startPostgres();
  cleanups.push(() => postgres.stop());
  const admin = new pg.Client({ connectionString: postgres.url });
  await admin.connect();
  await admin.query('create database bench_baton');
  await admin.end();

  // Floor.
  const pool = new pg.Pool({ connectionString: postgres.url, max: CONCURRENCY });
  cleanups.push(() => pool.end());
  const floorServer = await startFloor(pool);
  cleanups.push(() => floorServer.close());
  const floor = await measure(floorServer.port);
  await floorServer.close();

  // Baton.
  const resend = await startFakeResend();
  cleanups.push(() => resend.close());
  const dataDir = mkdtempSync(join(tmpdir(), 'baton-smtp-accept-'));
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
  const configPath = join(dataDir, 'baton.config.json');
  // An older checkout (--root) may predate a config key the test team sets: leave out what it does not know.
  const schemaFile = ['src/config/schema.ts', 'src/config.ts'].map((f) => join(ROOT, f)).find(existsSync);
  const schema = schemaFile ? readFileSync(schemaFile, 'utf8') : '';
  const config = Object.fromEntries(
    Object.entries(teamConfig).filter(([key]) => key !== 'senderAuthentication' || schema.includes(key)),
  );
  writeFileSync(configPath, JSON.stringify(config));
  const baton = await startBaton(
    {
      DATABASE_URL: postgres.url.replace(/\/[^/]*$/, '/bench_baton'),
      BATON_CONFIG: configPath,
      BATON_DATA_DIR: dataDir,
      SMTP_PORT: String(await freePort()),
      PORT: String(await freePort()),
      RESEND_API_KEY: 're_bench',
      RESEND_BASE_URL: resend.url,
      BATON_SECRET: 'bench-secret',
      // No tick during the run: its reminders and escalations would be timed with the messages.
      BATON_TICK_SECONDS: '3600',
    },
    dataDir,
  );
  cleanups.push(() => baton.stop());
  batonOutput = baton.output;
  const run = await measure(baton.port);
  const sentByLastReply = resend.counts().emails;
  // Emails still queued when the last 250 came are sent afterwards; wait until the count settles.
  let settled = resend.counts().emails;
  for (let waited = 0; waited < 30_000; waited += 2000) {
    await new Promise((r) => setTimeout(r, 2000));
    const now = resend.counts().emails;
    if (now === settled) break;
    settled = now;
  }
  const sentInAll = resend.counts().emails;
  await baton.stop();

  const f = stats(floor);
  const b = stats(run);
  const ms = (n: number) => `${n.toFixed(1)} ms`;
  console.log(
    `SMTP end of DATA → 250, ${N} complete handoffs (after ${WARM_UP} discarded), ${CONCURRENCY} connections; ` +
      `provider answers each send after ${PROVIDER_DELAY_MS} ms; Baton from ${ROOT}`,
  );
  console.log('| server | median | p99 | messages/s | median / floor | p99 / floor |');
  console.log('|---|---|---|---|---|---|');
  console.log(
    `| floor: bare smtp-server, simpleParser + one INSERT of the raw bytes | ${ms(f.median)} | ${ms(f.p99)} | ${f.perSecond.toFixed(0)} | 1.0 | 1.0 |`,
  );
  console.log(
    `| Baton (node bin/baton.js start, PostgreSQL, Resend faked) | ${ms(b.median)} | ${ms(b.p99)} | ${b.perSecond.toFixed(1)} | ${(b.median / f.median).toFixed(1)} | ${(b.p99 / f.p99).toFixed(1)} |`,
  );
  console.log(
    `\nResend sends: ${sentByLastReply} by the last 250, ${sentInAll} once settled for ${N + WARM_UP} handoffs with the warm-up: ${(sentInAll / (N + WARM_UP)).toFixed(2)} each; other requests: ${resend.counts().other}).` +
      ' PostgreSQL is the throwaway test cluster (fsync off) for both rows.',
  );
  const refused = floor.failures.length + run.failures.length;
  if (refused > 0) {
    console.log(
      `\nrefused: floor ${floor.failures.length}, Baton ${run.failures.length}; first: ${run.failures[0] ?? floor.failures[0]}`,
    );
    process.exitCode = 1;
  }
} catch (error) {
  console.error((error as Error).stack ?? error);
  const output = batonOutput();
  if (output) console.error(`\nbaton's last output:\n${output}`);
  process.exitCode = 1;
} finally {
  await cleanUp();
}
