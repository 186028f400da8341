import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import { connectPostgres, type Database } from '../../src/adapters/db/connect.ts';
import type { DNSResolver } from '../../src/adapters/mail-in/authenticate-sender.ts';
import type { Log } from '../../src/app/ports.ts';
import { type NodeRuntime, startNode } from '../../src/entry/node.ts';
import { freshDatabaseUrl } from './harness.ts';
import { teamConfig } from './team-config.ts';

/** Baton's Node runtime started as `baton start` starts it, on a throwaway PostgreSQL database. */
export interface Running {
  runtime: NodeRuntime;
  db: Database;
  dataDir: string;
  databaseUrl: string;
  logs: string[];
  send(raw: string, envelope?: { from: string; to: string[] }): Promise<string>;
  inbound(): Promise<{ outcome: string | null; authentication: unknown; handoff_id: string | null }[]>;
  handoffs(): Promise<{ id: string; number: number; state: string; giver_email: string }[]>;
  outbox(): Promise<{ kind: string; to_addresses: string[] }[]>;
  /** The local mailbox's `.eml` files so far (under `dataDir/mailbox`). */
  mailbox(): Promise<string[]>;
  /** Stops the runtime (background sends finish first) and lists the local mailbox. */
  stop(): Promise<string[]>;
}

const running: Running[] = [];

/** Stops every runtime started by `startRuntime` and removes its folder (call it in `afterEach`). */
export async function stopRuntimes(): Promise<void> {
  for (const r of running.splice(0)) {
    await r.stop();
    await r.db.destroy();
    rmSync(r.dataDir, { recursive: true, force: true });
  }
}

/** Starts the Node runtime (HTTP and SMTP on free ports) with the team config plus `config`. */
export async function startRuntime(
  config: Record<string, unknown>,
  options: { apiToken: string; resolver?: DNSResolver; env?: Record<string, string> },
): Promise<Running> {
  const dataDir = mkdtempSync(join(tmpdir(), 'baton-auth-'));
  const configPath = join(dataDir, 'baton.config.json');
  writeFileSync(configPath, JSON.stringify({ ...teamConfig, ...config }));
  const databaseUrl = await freshDatabaseUrl();
  const logs: string[] = [];
  const at =
    (level: string): Log['info'] =>
    (msg, data) =>
      logs.push(`${level} ${msg} ${JSON.stringify(data ?? {})}`);
  const runtime = await startNode({
    env: {
      BATON_CONFIG: configPath,
      BATON_DATA_DIR: dataDir,
      DATABASE_URL: databaseUrl,
      PORT: '0',
      SMTP_PORT: '0',
      BATON_SECRET: 'auth-test-secret',
      BATON_API_TOKENS: options.apiToken,
      BATON_TICK_SECONDS: '3600',
      ...options.env,
    },
    cwd: dataDir,
    log: { info: at('info'), warn: at('warn'), error: at('error') },
    ...(options.resolver ? { resolver: options.resolver } : {}),
  });
  const db = connectPostgres(databaseUrl, { max: 2 });
  let stopped: Promise<string[]> | null = null;
  const r: Running = {
    runtime,
    db,
    dataDir,
    databaseUrl,
    logs,
    async send(raw, envelope = { from: 'maya@example.com', to: ['handoff@handoffs.example.com'] }) {
      const transport = nodemailer.createTransport({
        host: '127.0.0.1',
        port: runtime.smtpPort,
        ignoreTLS: true,
      });
      const info = await transport.sendMail({ envelope, raw });
      // The 250 comes once the message is stored; the tests look at what processing it did.
      await runtime.processed();
      return info.response;
    },
    inbound: () =>
      db
        .selectFrom('inbound_messages')
        .select(['outcome', 'authentication', 'handoff_id'])
        .orderBy('id')
        .execute(),
    handoffs: () =>
      db.selectFrom('handoffs').select(['id', 'number', 'state', 'giver_email']).orderBy('number').execute(),
    outbox: () =>
      db
        .selectFrom('outbound_messages')
        .select(['kind', 'to_addresses'])
        .orderBy('created_at')
        .orderBy('id')
        .execute(),
    async mailbox() {
      const dir = join(dataDir, 'mailbox');
      return existsSync(dir) ? readdirSync(dir).filter((n) => n.endsWith('.eml')) : [];
    },
    stop() {
      stopped ??= runtime.stop().then(() => r.mailbox());
      return stopped;
    },
  };
  running.push(r);
  return r;
}
