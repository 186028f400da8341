import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import { parseArgs } from 'node:util';
import { authenticate, dkimSign } from 'mailauth';
import SMTPConnection from 'nodemailer/lib/smtp-connection';
import pg from 'pg';
import { buildEml } from '../test/support/eml.ts';
import { freePort, startPostgres } from '../test/support/postgres.ts';
import { teamConfig } from '../test/support/team-config.ts';
import { startBatonProcess } from './support/baton-process.ts';
import { startFloor } from './support/smtp-floor.ts';

const { values } = parseArgs({
  options: {
    messages: { type: 'string', default: '2000' },
    connections: { type: 'string', default: '50' },
    root: { type: 'string', default: new URL('..', import.meta.url).pathname },
    'no-kill': { type: 'boolean', default: false },
    'kill-at': { type: 'string', default: '0.4' },
  },
});
const N = Number(values.messages);
const CONNECTIONS = Number(values.connections);
const ROOT = resolve(values.root);
const KILL_AT = Number(values['kill-at']);
const WARM_UP = CONNECTIONS * 2;
const DKIM_LOOPS = 300;
if (!Number.isInteger(N) || N < 1 || !Number.isInteger(CONNECTIONS) || CONNECTIONS < 1)
  throw new Error('--messages and --connections take positive integers');

const RUN = Date.now().toString(36);
const SENDER = 'maya@example.com';
const RECIPIENT = `handoff@${teamConfig.mailDomain}`;
const messageId = (label: string, i: number) => `<smtp-load-${RUN}-${label}-${i}@mail.example.com>`;
/** Wall-clock milliseconds with sub-millisecond resolution, comparable with PostgreSQL's now(). */
const wallNow = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const progress = (text: string) =>
  process.stderr.write(`[${new Date().toISOString().slice(11, 19)}] ${text}\n`);

interface Message {
  id: string;
  raw: Buffer;
}

/** A complete handoff (every required field), as a mail client would send it. */
async function handoff(label: string, i: number): Promise<Message> {
  const id = messageId(label, i);
  const raw = await buildEml({
    from: 'Maya Patel <maya@example.com>',
    to: RECIPIENT,
    cc: 'Bob Smith <bob@example.com>',
    subject: `Lead ${i}`,
    messageId: id,
    text: `Lead: Lead ${i} <lead${i}@acme.io>\nTrigger: pricing webinar\nSummary: Wants SSO for ${i} seats.\nChannel: phone`,
  });
  return { id, raw };
}

const batch = (label: string, count: number) =>
  Promise.all(Array.from({ length: count }, (_, i) => handoff(label, i)));

// ---------------------------------------------------------------------------------------------
// The sending side: nodemailer's SMTP client.

function openConnection(port: number): Promise<SMTPConnection> {
  const connection = new SMTPConnection({
    host: '127.0.0.1',
    port,
    name: 'bench.example.com',
    ignoreTLS: true,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 60_000,
  });
  return new Promise((done, fail) => {
    connection.once('error', fail);
    connection.connect(() => {
      connection.removeListener('error', fail);
      // A later error (the server killed) fails the send in progress; this only keeps it from throwing.
      connection.on('error', () => {});
      done(connection);
    });
  });
}

/**
 * Sends one message; `dataEnd` is when the client's message stream ended, right before nodemailer
 * writes the terminating dot (its listener runs after this one, in the same tick).
 */
function sendOne(connection: SMTPConnection, message: Message): Promise<{ dataEnd: number; reply: number }> {
  return new Promise((done, fail) => {
    // A connection lost outside a send (during RSET) reports only an event, never a callback.
    const lost = (error?: Error) => finish(error ?? new Error('connection closed'));
    const finish = (error: Error | null, result?: { dataEnd: number; reply: number }) => {
      connection.removeListener('error', lost);
      connection.removeListener('end', lost);
      if (error) fail(error);
      else done(result!);
    };
    connection.once('error', lost);
    connection.once('end', lost);
    const body = new PassThrough();
    let dataEnd = 0;
    body.once('end', () => {
      dataEnd = wallNow();
    });
    connection.send({ from: SENDER, to: [RECIPIENT] }, body, (error) => {
      if (error) return finish(error);
      const reply = wallNow();
      connection.reset((resetError) => finish(resetError, { dataEnd, reply }));
    });
    body.end(message.raw);
  });
}

interface Sample {
  id: string;
  dataEnd: number;
  reply: number;
}

interface DriveResult {
  samples: Sample[];
  /** Send attempts that failed (connection lost or refused) and were retried. */
  retries: number;
  /** Messages that needed more than one attempt. */
  resent: number;
  firstError: string | null;
  start: number;
  end: number;
}

/**
 * Sends every message over `connections` connections, each worker taking the next unsent one.
 * With `retry`, a failed send (the server went away) reconnects and resends the same message
 * until it gets its 250, as a sending MTA retries; without, the first failure throws.
 */
async function drive(
  port: number,
  messages: Message[],
  options: { retry: boolean; onAccepted?: (count: number) => void },
): Promise<DriveResult> {
  const samples: Sample[] = [];
  let retries = 0;
  const resent = new Set<string>();
  let firstError: string | null = null;
  let next = 0;
  const start = wallNow();
  await Promise.all(
    Array.from({ length: Math.min(CONNECTIONS, messages.length) }, async () => {
      let connection: SMTPConnection | null = null;
      for (let i = next++; i < messages.length; i = next++) {
        const message = messages[i]!;
        for (;;) {
          try {
            connection ??= await openConnection(port);
            const result = await sendOne(connection, message);
            samples.push({ id: message.id, ...result });
            options.onAccepted?.(samples.length);
            break;
          } catch (error) {
            firstError ??= (error as Error).message;
            if (!options.retry) throw error;
            retries++;
            resent.add(message.id);
            connection?.close();
            connection = null;
            await sleep(100);
          }
        }
      }
      connection?.quit();
    }),
  );
  return { samples, retries, resent: resent.size, firstError, start, end: wallNow() };
}

// ---------------------------------------------------------------------------------------------
// The floor, Baton, PostgreSQL.

/** `baton start` from the checkout at ROOT, with only the settings named here in its environment. */
const startBaton = (settings: Record<string, string>, dataDir: string) =>
  startBatonProcess(ROOT, settings, dataDir);

/** One row per Message-ID of this run's `label`: what Baton stored, processed and emailed for it. */
interface MessageState {
  messageId: string;
  stored: number;
  processed: number;
  processedAt: number | null;
  handoffs: number;
  /** The receiver's email (handoff-request): outbox rows, when the first was queued and sent. */
  requests: number;
  queuedAt: number | null;
  sentAt: number | null;
  requestIds: string[];
  /** The most times one of those rows was claimed for sending (more than 1: taken over after a crash). */
  sendAttempts: number;
}

async function messageStates(db: pg.Pool, label: string): Promise<Map<string, MessageState>> {
  const { rows } = await db.query<{
    dedupe_key: string;
    status: string;
    processed_at: number | null;
    handoffs: string;
    requests: string;
    queued_at: number | null;
    sent_at: number | null;
    request_ids: string[] | null;
    send_attempts: number | null;
  }>(
    `select i.dedupe_key, i.status,
            extract(epoch from i.processed_at) * 1000 as processed_at,
            count(distinct h.id) as handoffs,
            count(distinct o.id) as requests,
            extract(epoch from min(o.created_at)) * 1000 as queued_at,
            extract(epoch from min(o.sent_at)) * 1000 as sent_at,
            array_agg(distinct o.id::text) filter (where o.id is not null) as request_ids,
            max(o.attempts) as send_attempts
       from inbound_messages i
       left join handoffs h on h.source_inbound_id = i.id
       left join outbound_messages o on o.handoff_id = h.id and o.kind = 'handoff-request'
      where i.dedupe_key like $1
      group by i.id`,
    [`mid:<smtp-load-${RUN}-${label}-%`],
  );
  const states = new Map<string, MessageState>();
  for (const row of rows) {
    const id = row.dedupe_key.slice('mid:'.length);
    const previous = states.get(id);
    states.set(id, {
      messageId: id,
      stored: (previous?.stored ?? 0) + 1,
      processed: (previous?.processed ?? 0) + (row.status === 'processed' ? 1 : 0),
      processedAt: row.processed_at === null ? null : Number(row.processed_at),
      handoffs: (previous?.handoffs ?? 0) + Number(row.handoffs),
      requests: (previous?.requests ?? 0) + Number(row.requests),
      queuedAt: row.queued_at === null ? null : Number(row.queued_at),
      sentAt: row.sent_at === null ? null : Number(row.sent_at),
      requestIds: [...(previous?.requestIds ?? []), ...(row.request_ids ?? [])],
      sendAttempts: Math.max(previous?.sendAttempts ?? 0, row.send_attempts ?? 0),
    });
  }
  return states;
}

/** Waits until Baton has no unfinished inbound message and no unsent email left. */
async function settle(db: pg.Pool, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const { rows } = await db.query<{ open: string }>(
      `select (select count(*) from inbound_messages where status in ('received', 'processing'))
            + (select count(*) from outbound_messages where status = 'pending') as open`,
    );
    if (Number(rows[0]!.open) === 0) return true;
    await sleep(250);
  }
  return false;
}

/** Mailbox files by outbox id (the file name is `<stamp>-<id>.eml`). */
function mailboxFiles(dataDir: string): Map<string, number> {
  const counts = new Map<string, number>();
  let names: string[] = [];
  try {
    names = readdirSync(join(dataDir, 'mailbox'));
  } catch {
    return counts;
  }
  for (const name of names) {
    if (!name.endsWith('.eml') || name.startsWith('.')) continue;
    const id = decodeURIComponent(name.slice(21, -'.eml'.length));
    counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}

/** Transactions committed in the pool's database so far (each statement outside a transaction is one). */
async function commits(db: pg.Pool): Promise<number> {
  const { rows } = await db.query<{ n: string }>(
    'select xact_commit as n from pg_stat_database where datname = current_database()',
  );
  return Number(rows[0]!.n);
}

function cpuMsSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

// ---------------------------------------------------------------------------------------------
// DKIM: mailauth's authenticate as Baton calls it, on one signed message, CPU per message.

async function dkimCost() {
  const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const privateKey = pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const publicKey = pair.publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
  const records: Record<string, string[][]> = {
    's1._domainkey.example.com:TXT': [[`v=DKIM1; k=rsa; p=${publicKey}`]],
    'example.com:TXT': [['v=spf1 ip4:127.0.0.1 -all']],
    '_dmarc.example.com:TXT': [['v=DMARC1; p=reject']],
  };
  const resolver = async (name: string, rrtype: string) => {
    const found = records[`${name.toLowerCase()}:${rrtype}`];
    if (found) return found;
    throw Object.assign(new Error(`query${rrtype} ENOTFOUND ${name}`), { code: 'ENOTFOUND' });
  };
  const { raw } = await handoff('dkim', 0);
  const key = { signingDomain: 'example.com', selector: 's1', privateKey };
  const signature = await dkimSign(raw, { ...key, signatureData: [key] });
  const signed = Buffer.concat([Buffer.from(signature.signatures), raw]);
  const check = () =>
    authenticate(signed, {
      ip: '127.0.0.1',
      helo: 'bench.example.com',
      sender: SENDER,
      mta: teamConfig.mailDomain,
      resolver,
      disableBimi: true,
      disableArc: true,
    });
  const first = await check();
  const verdict = `dkim ${first.dkim.results?.[0]?.status.result}, spf ${first.spf ? first.spf.status.result : 'none'}, dmarc ${first.dmarc ? first.dmarc.status.result : 'none'}`;
  for (let i = 0; i < 30; i++) await check();
  const cpu = process.cpuUsage();
  const wall = performance.now();
  for (let i = 0; i < DKIM_LOOPS; i++) await check();
  const used = process.cpuUsage(cpu);
  return {
    cpuUs: (used.user + used.system) / DKIM_LOOPS,
    wallUs: ((performance.now() - wall) * 1000) / DKIM_LOOPS,
    verdict,
  };
}

// ---------------------------------------------------------------------------------------------

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

const ms = (n: number | null) => (n === null || Number.isNaN(n) ? '–' : `${n.toFixed(1)} ms`);
const rate = (n: number) => n.toFixed(0);

try {
  const postgres = await startPostgres({ durable: true });
  cleanups.push(() => postgres.stop());
  const admin = new pg.Client({ connectionString: postgres.url });
  await admin.connect();
  await admin.query('create database bench_main');
  await admin.query('create database bench_kill');
  const sync = (await admin.query('show synchronous_commit')).rows[0].synchronous_commit;
  const fsync = (await admin.query('show fsync')).rows[0].fsync;
  await admin.end();
  const urlOf = (database: string) => postgres.url.replace(/\/[^/]*$/, `/${database}`);

  const load = loadavg()[0]!.toFixed(1);
  progress('DKIM cost');
  const dkim = await dkimCost();
  progress('floor');

  // Floor.
  const floorPool = new pg.Pool({ connectionString: postgres.url, max: CONNECTIONS });
  cleanups.push(() => floorPool.end());
  const floorServer = await startFloor(floorPool);
  cleanups.push(() => floorServer.close());
  await drive(floorServer.port, await batch('floor-warm', WARM_UP), { retry: false });
  const floorMessages = await batch('floor', N);
  const floorCpu = process.cpuUsage();
  const floor = await drive(floorServer.port, floorMessages, { retry: false });
  // This process is client and floor server at once; the client's share is measured in Baton's run.
  const floorAndClientCpuMs = cpuMsSince(floorCpu);
  await floorServer.close();

  // Baton, main run.
  const configFor = (dataDir: string) => {
    const path = join(dataDir, 'baton.config.json');
    writeFileSync(path, JSON.stringify({ ...teamConfig, senderAuthentication: 'off' }));
    return path;
  };
  const mainDir = mkdtempSync(join(tmpdir(), 'baton-smtp-load-'));
  cleanups.push(() => rmSync(mainDir, { recursive: true, force: true }));
  const mainDb = new pg.Pool({ connectionString: urlOf('bench_main'), max: 2 });
  cleanups.push(() => mainDb.end());
  const mainSettings = {
    DATABASE_URL: urlOf('bench_main'),
    BATON_CONFIG: configFor(mainDir),
    BATON_DATA_DIR: mainDir,
    SMTP_PORT: String(await freePort()),
    PORT: String(await freePort()),
    BATON_SECRET: 'bench-secret',
    // No tick during the run: its reminders and escalations would be timed with the messages.
    BATON_TICK_SECONDS: '3600',
  };
  progress('Baton, main run');
  const baton = await startBaton(mainSettings, mainDir);
  cleanups.push(() => baton.stop());
  batonOutput = baton.output;
  const port = Number(mainSettings.SMTP_PORT);
  await drive(port, await batch('warm', WARM_UP), { retry: false });
  await settle(mainDb, 60_000);
  const mainMessages = await batch('run', N);
  const batonCpuBefore = baton.cpuMs();
  const commitsBefore = await commits(mainDb);
  const clientCpu = process.cpuUsage();
  const main = await drive(port, mainMessages, { retry: false });
  const clientCpuMs = cpuMsSince(clientCpu);
  progress(`main run sent in ${((main.end - main.start) / 1000).toFixed(1)} s; waiting for processing`);
  const mainSettled = await settle(mainDb, 300_000);
  const batonCpuMs = baton.cpuMs() - batonCpuBefore;
  // PostgreSQL counts a backend's commits when it reports its statistics (within a second of idling).
  await sleep(1500);
  const commitsPerMessage = ((await commits(mainDb)) - commitsBefore) / N;
  const states = await messageStates(mainDb, 'run');
  await baton.stop();

  const toReply = main.samples.map((s) => s.reply - s.dataEnd);
  const toQueued: number[] = [];
  const toSent: number[] = [];
  let lastProcessed = 0;
  for (const s of main.samples) {
    const state = states.get(s.id);
    if (state?.queuedAt != null) toQueued.push(state.queuedAt - s.dataEnd);
    if (state?.sentAt != null) toSent.push(state.sentAt - s.dataEnd);
    if (state?.processedAt != null) lastProcessed = Math.max(lastProcessed, state.processedAt);
  }
  const processedCount = [...states.values()].filter((s) => s.processed > 0).length;
  const floorReply = floor.samples.map((s) => s.reply - s.dataEnd);
  const floorRate = floor.samples.length / ((floor.end - floor.start) / 1000);
  const acceptedRate = main.samples.length / ((main.end - main.start) / 1000);
  const processedRate = processedCount / ((Math.max(lastProcessed, main.end) - main.start) / 1000);

  const lines: string[] = [];
  const out = (line = '') => {
    lines.push(line);
    console.log(line);
  };
  out(
    `${N} complete handoffs (after ${WARM_UP} discarded) over ${CONNECTIONS} connections, nodemailer's SMTP client in the parent process; ` +
      `Baton from ${ROOT} as its own process; PostgreSQL fsync=${fsync}, synchronous_commit=${sync}; ` +
      `${N} messages; load average at start ${load} on ${(await import('node:os')).cpus().length} cores.`,
  );
  out();
  out(
    '| server | accepted msg/s | processed msg/s | DATA end → 250 p50 | p99 | → receiver email queued p50 | p99 | → in mailbox p50 | p99 |',
  );
  out('|---|---|---|---|---|---|---|---|---|');
  out(
    `| floor: smtp-server, simpleParser + one INSERT | ${rate(floorRate)} | – | ${ms(percentile(floorReply, 50))} | ${ms(percentile(floorReply, 99))} | – | – | – | – |`,
  );
  out(
    `| Baton (bin/baton.js start, local mailbox) | ${rate(acceptedRate)} | ${rate(processedRate)} | ${ms(percentile(toReply, 50))} | ${ms(percentile(toReply, 99))} | ${ms(percentile(toQueued, 50))} | ${ms(percentile(toQueued, 99))} | ${ms(percentile(toSent, 50))} | ${ms(percentile(toSent, 99))} |`,
  );
  out(
    `| Baton / floor | ${(acceptedRate / floorRate).toFixed(2)} | | ${(percentile(toReply, 50) / percentile(floorReply, 50)).toFixed(1)} | ${(percentile(toReply, 99) / percentile(floorReply, 99)).toFixed(1)} | | | | |`,
  );
  out();
  out(
    `Main run: ${main.samples.length} accepted, ${states.size} stored, ${processedCount} processed, ${toQueued.length} with the receiver's email queued, ${toSent.length} with it sent; settled: ${mainSettled}.`,
  );
  const perMessage = (total: number) => `${((total / N) * 1000).toFixed(0)} µs`;
  out(
    `CPU per message (PostgreSQL's own not counted): Baton ${perMessage(batonCpuMs)} (its process, from the first message to settled, emails included); ` +
      `floor server ${perMessage(Math.max(0, floorAndClientCpuMs - clientCpuMs))}; the SMTP client ${perMessage(clientCpuMs)}. ` +
      `PostgreSQL commits per message: Baton ${commitsPerMessage.toFixed(1)} (the bench's own polling included), floor 1.`,
  );
  out(
    `DKIM: mailauth authenticate (DKIM rsa-sha256 2048 + SPF + DMARC, resolver injected; ${dkim.verdict}): ${dkim.cpuUs.toFixed(0)} µs CPU per message (${dkim.wallUs.toFixed(0)} µs wall), ${DKIM_LOOPS} loops.`,
  );

  // Kill run.
  if (!values['no-kill']) {
    const killDir = mkdtempSync(join(tmpdir(), 'baton-smtp-kill-'));
    cleanups.push(() => rmSync(killDir, { recursive: true, force: true }));
    const killDb = new pg.Pool({ connectionString: urlOf('bench_kill'), max: 2 });
    cleanups.push(() => killDb.end());
    const killSettings = {
      ...mainSettings,
      DATABASE_URL: urlOf('bench_kill'),
      BATON_CONFIG: configFor(killDir),
      BATON_DATA_DIR: killDir,
      // The killed process's claims time out after the lease; the tick then takes them over.
      BATON_TICK_SECONDS: '1',
      BATON_LEASE_SECONDS: '5',
    };
    progress('Baton, kill run');
    let current = await startBaton(killSettings, killDir);
    batonOutput = current.output;
    cleanups.push(() => current.stop());
    const messages = await batch('kill', N);
    let killed: Promise<void> | null = null;
    let killedAt = 0;
    let restartedAfterMs = 0;
    const result = await drive(port, messages, {
      retry: true,
      onAccepted(count) {
        if (killed || count < Math.floor(N * KILL_AT)) return;
        killedAt = count;
        killed = (async () => {
          progress(`SIGKILL after ${count} accepted`);
          const t = performance.now();
          await current.kill();
          current = await startBaton(killSettings, killDir);
          batonOutput = current.output;
          restartedAfterMs = performance.now() - t;
          progress('restarted');
        })();
      },
    });
    progress(`kill run: all accepted (${result.resent} messages resent); waiting for processing`);
    if (killed) await killed;
    const killSettled = await settle(killDb, 600_000);
    // What a message not yet in the mailbox is waiting on: its receiver email's outbox status.
    const outboxStatus = (
      await killDb.query<{ status: string; n: string }>(
        "select status, count(*) as n from outbound_messages where kind = 'handoff-request' group by status order by status",
      )
    ).rows
      .map((r) => `${r.n} ${r.status}`)
      .join(', ');
    const kill = await messageStates(killDb, 'kill');
    const files = mailboxFiles(killDir);
    await current.stop();

    const accepted = new Set(result.samples.map((s) => s.id));
    const all = [...kill.values()];
    const emailedFiles = (s: MessageState) => s.requestIds.reduce((n, id) => n + (files.get(id) ?? 0), 0);
    const counts = {
      sent: messages.length,
      accepted: accepted.size,
      acceptedTwice: result.samples.length - accepted.size,
      stored: all.length,
      processed: all.filter((s) => s.processed > 0).length,
      emailed: all.filter((s) => emailedFiles(s) > 0).length,
      lost: [...accepted].filter((id) => {
        const s = kill.get(id);
        return !s || s.processed === 0 || emailedFiles(s) === 0;
      }).length,
      processedTwice: all.filter((s) => s.handoffs > 1).length,
      emailedTwice: all.filter((s) => emailedFiles(s) > 1 || s.requests > 1).length,
      sendRetaken: all.filter((s) => s.sendAttempts > 1).length,
    };
    out();
    out(
      `Kill run: Baton SIGKILLed after ${killedAt} of ${N} messages were accepted, restarted at once (listening again after ${restartedAfterMs.toFixed(0)} ms); ` +
        `the client resent ${result.resent} messages it saw no 250 for (${result.retries} failed attempts while Baton was down; first error: ${result.firstError ?? 'none'}); settled: ${killSettled}.`,
    );
    out();
    out(
      '| sent | accepted (250 seen) | stored | processed | emailed (receiver, in mailbox) | lost | processed twice | emailed twice |',
    );
    out('|---|---|---|---|---|---|---|---|');
    out(
      `| ${counts.sent} | ${counts.accepted} | ${counts.stored} | ${counts.processed} | ${counts.emailed} | ${counts.lost} | ${counts.processedTwice} | ${counts.emailedTwice} |`,
    );
    out(
      `\nReceiver emails in the outbox at the count: ${outboxStatus}. "Lost" counts an accepted message not processed or not in the mailbox when counted.` +
        `\nReceiver emails whose outbox row was claimed for sending more than once (taken over after the kill): ${counts.sendRetaken}; ` +
        'the local mailbox writes one file per outbox id, Resend is given the same id as its Idempotency-Key.',
    );
    if (counts.lost > 0 || counts.processedTwice > 0 || counts.emailedTwice > 0 || counts.accepted < N)
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
