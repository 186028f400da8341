import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { inject } from 'vitest';
import { replyTokens } from '../../src/adapters/crypto/reply-token.ts';
import { connectPostgres, type Database, migrateToLatest } from '../../src/adapters/db/connect.ts';
import { connectPglite } from '../../src/adapters/db/connect-pglite.ts';
import { createStore } from '../../src/adapters/db/store.ts';
import {
  createSenderAuthenticator,
  type DNSResolver,
} from '../../src/adapters/mail-in/authenticate-sender.ts';
import { parseMime } from '../../src/adapters/mail-in/parse-mime.ts';
import { createLocalMailbox, type LocalMailbox } from '../../src/adapters/mail-out/local-mailbox.ts';
import { renderOutboxEmail } from '../../src/adapters/mail-out/render-email.ts';
import { deliverOutbox } from '../../src/app/deliver-outbox.ts';
import type { Deps, Log } from '../../src/app/ports.ts';
import { type InboundOutcome, receiveEmail } from '../../src/app/receive-email.ts';
import { parseConfig } from '../../src/config/schema.ts';
import { buildEml, type EmlInput } from './eml.ts';
import { teamConfig } from './team-config.ts';

export type DatabaseKind = 'postgres' | 'pglite';

/** A DNS where no name exists: what the tests see unless they publish records. */
export const noDns: DNSResolver = async (name) => {
  throw Object.assign(new Error(`queryTxt ENOTFOUND ${name}`), { code: 'ENOTFOUND' });
};

/** A clock the test moves by hand. */
export class TestClock {
  constructor(private current: Date) {}
  now = () => new Date(this.current.getTime());
  set(at: Date | string) {
    this.current = new Date(at);
  }
  advance(ms: number) {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export interface Harness {
  deps: Deps;
  db: Database;
  clock: TestClock;
  mailbox: LocalMailbox;
  logs: string[];
  /** Delivers one raw message through the inbound pipeline, as the SMTP and HTTP adapters do. */
  receive(raw: Uint8Array, envelopeTo?: string[]): Promise<InboundOutcome>;
  /** Builds an email with a client-like MIME shape and delivers it. */
  send(input: EmlInput, envelopeTo?: string[]): Promise<InboundOutcome>;
  close(): Promise<void>;
}

/** A new, empty database in the run's PostgreSQL server, for a runtime that connects by itself. */
export async function freshDatabaseUrl(): Promise<string> {
  const serverUrl = inject('postgresUrl');
  const name = `baton_test_${Math.random().toString(36).slice(2, 10)}`;
  const admin = connectPostgres(serverUrl, { max: 1 });
  await sql`create database ${sql.id(name)}`.execute(admin);
  await admin.destroy();
  return serverUrl.replace(/\/[^/]*$/, `/${name}`);
}

/** A fresh database of the given kind: a new database in the run's PostgreSQL server, or an in-memory PGlite. */
export async function freshDatabase(kind: DatabaseKind): Promise<{ db: Database; drop(): Promise<void> }> {
  if (kind === 'pglite') {
    const db = await connectPglite(null);
    await migrateToLatest(db);
    return { db, drop: () => db.destroy() };
  }
  const db = connectPostgres(await freshDatabaseUrl(), { max: 20 });
  await migrateToLatest(db);
  return { db, drop: () => db.destroy() };
}

export async function createHarness(
  options: {
    kind?: DatabaseKind;
    now?: string;
    config?: unknown;
    secrets?: string[];
    /** DNS for sender authentication; by default every name is unknown (no network in tests). */
    resolver?: DNSResolver;
  } = {},
): Promise<Harness> {
  const parsed = parseConfig(options.config ?? teamConfig);
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  const { db, drop } = await freshDatabase(options.kind ?? 'postgres');
  const dir = mkdtempSync(join(tmpdir(), 'baton-mailbox-'));
  const mailbox = createLocalMailbox(dir);
  const clock = new TestClock(new Date(options.now ?? '2026-11-24T14:00:00Z'));
  const logs: string[] = [];
  const record =
    (level: string): Log['info'] =>
    (msg, data) =>
      logs.push(`${level} ${msg} ${JSON.stringify(data ?? {})}`);
  const deps: Deps = {
    store: createStore(db),
    mailer: mailbox,
    render: renderOutboxEmail,
    // Sent before the use case returns, so a test reads the mailbox right after it.
    deliver: async (ids) => {
      await deliverOutbox(deps, ids);
    },
    clock,
    log: { info: record('info'), warn: record('warn'), error: record('error') },
    config: parsed.config,
    secrets: options.secrets ?? ['test-secret-current'],
    tokens: replyTokens(options.secrets ?? ['test-secret-current']),
    authenticate: createSenderAuthenticator({
      trustedRelays: parsed.config.trustedRelays,
      mta: parsed.config.mailDomain,
      resolver: options.resolver ?? noDns,
    }),
    publicUrl: 'https://baton.example.com',
  };
  const receive = (raw: Uint8Array, envelopeTo: string[] = []) =>
    receiveEmail(deps, parseMime, { raw, source: 'http', envelopeFrom: null, envelopeTo });
  return {
    deps,
    db,
    clock,
    mailbox,
    logs,
    receive,
    send: async (input, envelopeTo) => receive(await buildEml(input), envelopeTo),
    async close() {
      await drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
