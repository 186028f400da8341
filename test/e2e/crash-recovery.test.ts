import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nodemailer, { type SendMailOptions } from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectPostgres, type Database } from '../../src/adapters/db/connect.ts';
import { freshDatabaseUrl } from '../support/harness.ts';
import { freePort } from '../support/postgres.ts';
import { teamConfig } from '../support/team-config.ts';

const ROOT = new URL('../..', import.meta.url).pathname;

interface Running {
  child: ChildProcess;
  output: string[];
  smtpPort: number;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts `baton start` as its own process on PostgreSQL, with a 1 s tick and a 1 s lease. */
async function startBaton(dir: string, databaseUrl: string, crash?: string): Promise<Running> {
  const [httpPort, smtpPort] = [await freePort(), await freePort()];
  const output: string[] = [];
  const child = spawn(process.execPath, [join(ROOT, 'bin/baton.js'), 'start'], {
    cwd: dir,
    env: {
      ...process.env,
      BATON_CONFIG: join(dir, 'baton.config.json'),
      BATON_DATA_DIR: dir,
      BATON_SECRET: 'crash-test-secret',
      PORT: String(httpPort),
      SMTP_PORT: String(smtpPort),
      BATON_TICK_SECONDS: '1',
      BATON_LEASE_SECONDS: '1',
      BATON_TEST_CRASH: crash ?? '',
      RESEND_API_KEY: '',
      DATABASE_URL: databaseUrl,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  child.stdout?.on('data', (d: Buffer) => output.push(d.toString()));
  child.stderr?.on('data', (d: Buffer) => output.push(d.toString()));
  const deadline = Date.now() + 30_000;
  while (!output.join('').includes('Baton is running')) {
    if (child.exitCode !== null) throw new Error(`baton exited ${child.exitCode}: ${output.join('')}`);
    if (Date.now() > deadline) throw new Error(`baton did not start: ${output.join('')}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return { child, output, smtpPort, exited };
}

async function stopBaton(running: Running) {
  if (running.child.exitCode === null && running.child.signalCode === null) running.child.kill('SIGTERM');
  return running.exited;
}

/** Sends over SMTP like an MTA: true when the server said 250, false when the session broke. */
async function deliver(running: Running, message: SendMailOptions): Promise<boolean> {
  const transport = nodemailer.createTransport({
    host: '127.0.0.1',
    port: running.smtpPort,
    secure: false,
    ignoreTLS: true,
  });
  try {
    await transport.sendMail(message);
    return true;
  } catch {
    return false;
  } finally {
    transport.close();
  }
}

function mailTo(dir: string, address: string): string[] {
  const mailbox = join(dir, 'mailbox');
  if (!existsSync(mailbox)) return [];
  return readdirSync(mailbox).filter(
    (name) =>
      name.endsWith('.eml') &&
      new RegExp(`^To: .*${address.replace('.', '\\.')}`, 'im').test(
        readFileSync(join(mailbox, name), 'utf8'),
      ),
  );
}

async function waitFor(check: () => Promise<boolean> | boolean, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const handoffEmail = (messageId: string): SendMailOptions => ({
  from: 'Maya Patel <maya@example.com>',
  to: 'handoff@handoffs.example.com',
  cc: 'Bob Smith <bob@example.com>',
  subject: 'Acme: hot lead',
  messageId,
  text: 'Lead: Jane Roe <jane@acme.io>\nTrigger: pricing webinar\nSummary: Wants SSO for 300 seats.\nChannel: phone',
});

describe('a Baton process killed mid-pipeline', () => {
  let dir: string;
  let databaseUrl: string;
  let db: Database;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'baton-crash-'));
    writeFileSync(join(dir, 'baton.config.json'), JSON.stringify(teamConfig));
    databaseUrl = await freshDatabaseUrl();
    db = connectPostgres(databaseUrl, { max: 2 });
  });

  afterAll(async () => {
    await db?.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('processes a message stored just before a SIGKILL once after the restart, and its sender’s retry changes nothing', async () => {
    const crashing = await startBaton(dir, databaseUrl, 'after-store');
    const accepted = await deliver(crashing, handoffEmail('<crash-after-store@mail.example.com>'));
    const exit = await crashing.exited;
    // Killed between the raw store and processing: the client never saw 250.
    expect(exit.signal).toBe('SIGKILL');
    expect(accepted).toBe(false);
    const stored = await db.selectFrom('inbound_messages').selectAll().execute();
    expect(stored.map((r) => r.status)).toEqual(['received']);
    expect(await db.selectFrom('handoffs').select('id').execute()).toHaveLength(0);

    const restarted = await startBaton(dir, databaseUrl);
    try {
      await waitFor(() => mailTo(dir, 'bob@example.com').length > 0, 15_000, 'the receiver’s email');
      // The sending MTA retries the message it never got a 250 for: accepted, not processed again.
      expect(await deliver(restarted, handoffEmail('<crash-after-store@mail.example.com>'))).toBe(true);
      await waitFor(() => mailTo(dir, 'maya@example.com').length > 0, 15_000, 'the giver’s receipt');
      await new Promise((r) => setTimeout(r, 2_500)); // a few ticks and leases more
    } finally {
      expect((await stopBaton(restarted)).code).toBe(0);
    }
    const rows = await db.selectFrom('inbound_messages').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'processed', outcome: 'handoff-opened', attempts: 1 });
    expect(await db.selectFrom('handoffs').select('id').execute()).toHaveLength(1);
    expect(mailTo(dir, 'bob@example.com')).toHaveLength(1);
    expect(mailTo(dir, 'maya@example.com')).toHaveLength(1);
  }, 90_000);

  it('sends an email handed to the mailer just before a SIGKILL again after its lease, and the outbox id keeps it to one copy', async () => {
    const before = new Set(readdirSync(join(dir, 'mailbox')));
    const crashing = await startBaton(dir, databaseUrl, 'after-send');
    await deliver(crashing, handoffEmail('<crash-after-send@mail.example.com>'));
    const exit = await crashing.exited;
    expect(exit.signal).toBe('SIGKILL');
    const handoff = await db
      .selectFrom('handoffs')
      .innerJoin('inbound_messages', 'inbound_messages.id', 'handoffs.source_inbound_id')
      .select('handoffs.id')
      .where('inbound_messages.dedupe_key', '=', 'mid:<crash-after-send@mail.example.com>')
      .executeTakeFirstOrThrow();
    const sentBeforeCrash = readdirSync(join(dir, 'mailbox')).filter((n) => !before.has(n));
    expect(sentBeforeCrash).toHaveLength(1);
    // The row the dead process claimed is still pending under its lease.
    const pending = await db
      .selectFrom('outbound_messages')
      .select(['id', 'status', 'lease_until'])
      .where('handoff_id', '=', handoff.id)
      .where('status', '=', 'pending')
      .execute();
    expect(pending.some((r) => r.lease_until !== null && sentBeforeCrash[0]!.includes(r.id))).toBe(true);

    const restarted = await startBaton(dir, databaseUrl);
    try {
      await waitFor(
        async () =>
          (
            await db
              .selectFrom('outbound_messages')
              .select('id')
              .where('handoff_id', '=', handoff.id)
              .where('status', '!=', 'sent')
              .execute()
          ).length === 0,
        15_000,
        'every email of the handoff sent',
      );
    } finally {
      expect((await stopBaton(restarted)).code).toBe(0);
    }
    const outbox = await db
      .selectFrom('outbound_messages')
      .select(['id', 'attempts'])
      .where('handoff_id', '=', handoff.id)
      .execute();
    const written = readdirSync(join(dir, 'mailbox')).filter((n) => !before.has(n));
    // One file per outbox row: the resend of the crashed one found its file and wrote no second copy.
    expect(written).toHaveLength(outbox.length);
    for (const row of outbox) expect(written.filter((n) => n.includes(row.id))).toHaveLength(1);
    expect(outbox.find((r) => sentBeforeCrash[0]!.includes(r.id))?.attempts).toBe(2);
  }, 90_000);
});
