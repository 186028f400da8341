import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import PQueue from 'p-queue';
import { replyTokens } from '../adapters/crypto/reply-token.ts';
import { type Database, migrateToLatest } from '../adapters/db/connect.ts';
import { connectDatabase } from '../adapters/db/connect-pglite.ts';
import { createStore } from '../adapters/db/store.ts';
import { createApp } from '../adapters/http/app.ts';
import { createJsonLog } from '../adapters/log/json-log.ts';
import { createSenderAuthenticator, type DNSResolver } from '../adapters/mail-in/authenticate-sender.ts';
import { parseMime, readAttachments } from '../adapters/mail-in/parse-mime.ts';
import { createResendReceivedMail, createResendWebhookVerifier } from '../adapters/mail-in/resend-inbound.ts';
import { startSmtp } from '../adapters/mail-in/smtp.ts';
import { createLocalMailbox, type LocalMailbox } from '../adapters/mail-out/local-mailbox.ts';
import { renderOutboxEmail } from '../adapters/mail-out/render-email.ts';
import { createResendMailer } from '../adapters/mail-out/resend.ts';
import type { Clock, Deps, Log, Mailer } from '../app/ports.ts';
import { processInbound, processStoredEmail, recoverInbound, storeEmail } from '../app/receive-email.ts';
import { tick } from '../app/tick.ts';
import { loadConfigFile, locateConfig } from '../config/load-file.ts';
import type { Config } from '../config/schema.ts';
import { readSettings, type Settings } from '../config/settings.ts';
import { addressBook, checkRecipient } from '../core/addresses.ts';
import { deliveryBehindInbound, inlineDelivery } from './delivery.ts';

export interface NodeOptions {
  env?: Record<string, string | undefined>;
  cwd?: string;
  clock?: Clock;
  log?: Log;
  /** DNS for sender authentication; the system resolver when absent (tests inject one). */
  resolver?: DNSResolver;
}

export interface NodeRuntime {
  deps: Deps;
  settings: Settings;
  httpPort: number;
  smtpPort: number;
  mailbox: LocalMailbox | null;
  /** Resolves once every message the SMTP listener has accepted so far is processed. */
  processed(): Promise<void>;
  stop(): Promise<void>;
}

// Accepted messages are processed one at a time, in arrival order: processing is mostly CPU on the
// loop the SMTP sessions share, and four at once made the 250 slower (bench/README.md, smtp-accept).
const PROCESSING_CONCURRENCY = 1;

/** The HMAC key: BATON_SECRET, else one generated once into the data dir (local use only). */
function loadSecret(settings: Settings, log: Log): string {
  if (settings.secret) return settings.secret;
  const path = join(settings.dataDir, 'secret');
  if (existsSync(path)) return readFileSync(path, 'utf8').trim();
  mkdirSync(settings.dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(path, `${secret}\n`, { mode: 0o600 });
  log.info('generated a reply-token secret in the data dir; set BATON_SECRET in production', { path });
  return secret;
}

/** Loads config and settings or throws one error listing every problem with its path. */
export async function loadNodeConfig(env: Record<string, string | undefined>, cwd: string, log: Log) {
  const settings = readSettings(env, cwd);
  const located = locateConfig(env, cwd);
  if (located.example)
    log.warn('no baton.config.ts or baton.config.json here: using the bundled example config', {
      path: located.path,
    });
  const loaded = await loadConfigFile(located.path);
  if (!loaded.ok) throw new ConfigError(located.path, loaded.errors);
  return { settings, config: loaded.config, configPath: located.path };
}

export class ConfigError extends Error {
  constructor(
    readonly path: string,
    readonly errors: readonly string[],
  ) {
    super(`invalid config ${path}:\n${errors.map((e) => `  ${e}`).join('\n')}`);
  }
}

/** Where this machine's own HTTP server answers, for links in emails when BATON_PUBLIC_URL is unset. */
function localOrigin(host: string, port: number): string {
  const name = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  return `http://${name}:${port}`;
}

/** Builds the dependencies shared by the server and the CLI commands. */
export async function buildDeps(
  settings: Settings,
  config: Config,
  options: { clock?: Clock; log: Log; delivery?: 'background' | 'inline'; resolver?: DNSResolver },
): Promise<{
  deps: Deps;
  db: Database;
  mailbox: LocalMailbox | null;
  receiving<T>(work: () => Promise<T>): Promise<T>;
  behindReceiving(queuedAt: number): Promise<void>;
  settled(): Promise<void>;
}> {
  const db = await connectDatabase(settings);
  await migrateToLatest(db);
  const mailbox = settings.resendApiKey ? null : createLocalMailbox(join(settings.dataDir, 'mailbox'));
  const mailer: Mailer = settings.resendApiKey
    ? createResendMailer(
        settings.resendApiKey,
        settings.resendBaseUrl ? { baseUrl: settings.resendBaseUrl } : {},
      )
    : (mailbox as LocalMailbox);
  const background = deliveryBehindInbound(() => deps);
  const secrets = [loadSecret(settings, options.log), ...settings.previousSecrets];
  const deps: Deps = {
    store: createStore(db),
    mailer,
    render: renderOutboxEmail,
    clock: options.clock ?? { now: () => new Date() },
    log: options.log,
    config,
    secrets,
    tokens: replyTokens(secrets),
    deliver: options.delivery === 'inline' ? inlineDelivery(() => deps) : background.deliver,
    leaseMs: settings.leaseSeconds * 1000,
    authenticate: createSenderAuthenticator({
      trustedRelays: config.trustedRelays,
      mta: config.mailDomain,
      ...(options.resolver ? { resolver: options.resolver } : {}),
    }),
    readAttachments,
    publicUrl: settings.publicUrl ?? localOrigin(settings.host, settings.port),
    ...(settings.resendApiKey
      ? {
          receivedMail: createResendReceivedMail(
            settings.resendApiKey,
            settings.resendBaseUrl ? { baseUrl: settings.resendBaseUrl } : {},
          ),
        }
      : {}),
  };
  return {
    deps,
    db,
    mailbox,
    receiving: background.receiving,
    behindReceiving: background.behindReceiving,
    settled: background.settled,
  };
}

/** `baton start`: HTTP, SMTP and the tick timer, with graceful shutdown. */
export async function startNode(options: NodeOptions = {}): Promise<NodeRuntime> {
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  const log = options.log ?? createJsonLog();
  const { settings, config } = await loadNodeConfig(env, cwd, log);
  const { deps, db, mailbox, receiving, behindReceiving, settled } = await buildDeps(settings, config, {
    log,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.resolver ? { resolver: options.resolver } : {}),
  });
  if (env.BATON_TEST_CRASH) crashAt(env.BATON_TEST_CRASH, deps);
  if (config.senderAuthentication === 'off')
    log.warn(
      'sender authentication is off: mail is believed to come from whoever its From header names (set "senderAuthentication": "required" in production)',
    );

  // The settings refuse a webhook secret without the API key its messages are fetched through.
  const resendWebhook =
    settings.resendWebhookSecret && settings.resendApiKey
      ? createResendWebhookVerifier(settings.resendApiKey, settings.resendWebhookSecret)
      : null;
  const app = createApp({
    deps: () => deps,
    apiTokens: () => settings.apiTokens,
    parse: parseMime,
    mailbox,
    publicUrl: () => settings.publicUrl,
    maxInboundBytes: config.maxMessageBytes,
    resendWebhook: () => resendWebhook,
  });
  const http = serve({ fetch: app.fetch, port: settings.port, hostname: settings.host });
  await new Promise<void>((resolve, reject) => {
    http.once('listening', resolve);
    http.once('error', reject);
  });
  const httpPort = (http.address() as AddressInfo).port;
  // PORT=0 picks a free port: links in emails name the one actually taken.
  if (!settings.publicUrl) deps.publicUrl = localOrigin(settings.host, httpPort);

  const book = addressBook(config);
  const processing = new PQueue({ concurrency: PROCESSING_CONCURRENCY });
  const smtp = await startSmtp({
    host: settings.smtpHost,
    port: settings.smtpPort,
    tls: settings.smtpTls
      ? { cert: readFileSync(settings.smtpTls.certPath), key: readFileSync(settings.smtpTls.keyPath) }
      : null,
    log,
    maxSize: config.maxMessageBytes,
    acceptRecipient(address) {
      const check = checkRecipient(address, book);
      return check.ok ? check : { ok: false, code: 550, message: check.message };
    },
    async onMessage(raw, envelope) {
      // Accepted once stored (durably: the row is committed), as an MTA queues: reading it, its
      // state change and its emails follow in the background, in arrival order, and a crash in
      // between leaves the stored row to recoverInbound. A processing failure is recorded on it.
      const stored = await receiving(() =>
        storeEmail(deps, {
          raw,
          source: 'smtp',
          envelopeFrom: envelope.mailFrom,
          envelopeTo: envelope.rcptTo,
          connection: { clientAddress: envelope.remoteAddress, helo: envelope.helo },
        }),
      );
      if (stored.new) {
        const { inboundId } = stored;
        const queuedAt = Date.now();
        // Like a render, processing waits for a pause in receiving (at most a second), so a burst
        // of mail is stored at the rate mail is offered and read right after.
        void processing.add(() =>
          behindReceiving(queuedAt)
            .then(() => processStoredEmail(deps, parseMime, inboundId))
            .catch((error: Error) =>
              // Not claimed or not recorded (the database went away): the row waits for recovery.
              log.error('inbound processing failed', { inboundId, error: error.message }),
            ),
        );
      }
      return { ok: true };
    },
  });

  // What a crashed run left behind: stored messages nobody processed (their claims time out after a
  // lease, so a second Baton on the same database is never overtaken while it works on one).
  const recover = () =>
    recoverInbound(deps, parseMime).catch((error: Error) =>
      log.error('inbound recovery failed', { error: error.message }),
    );
  await recover();

  let running: Promise<unknown> | null = null;
  const timer = setInterval(() => {
    if (running) return;
    running = recover()
      .then(() => tick(deps))
      .catch((error: Error) => log.error('tick failed', { error: error.message }))
      .finally(() => {
        running = null;
      });
  }, settings.tickSeconds * 1000);

  log.info('Baton is running', {
    http: `http://${settings.host}:${httpPort}`,
    smtp: `${settings.smtpHost}:${smtp.port}`,
    mailDomain: config.mailDomain,
    database: settings.databaseUrl ? 'postgresql' : join(settings.dataDir, 'pglite'),
    outbound: settings.resendApiKey ? 'resend' : join(settings.dataDir, 'mailbox'),
  });

  let stopped: Promise<void> | null = null;
  const stop = () => {
    stopped ??= (async () => {
      clearInterval(timer);
      await smtp.close();
      await new Promise<void>((resolve) => http.close(() => resolve()));
      // Every accepted message is processed before the database closes.
      await processing.onIdle();
      if (running) await running;
      await settled();
      await db.destroy();
      log.info('Baton stopped');
    })();
    return stopped;
  };
  return {
    deps,
    settings,
    httpPort,
    smtpPort: smtp.port,
    mailbox,
    processed: () => processing.onIdle(),
    stop,
  };
}

/**
 * A test hook for the crash-safety tests: the process kills itself (SIGKILL, no cleanup) at one
 * point of the pipeline. `after-store`: right after an inbound message is stored, before it is
 * processed; `after-send`: right after the mailer took an email, before the outbox row is marked sent.
 */
function crashAt(point: string, deps: Deps): void {
  const die = () => process.kill(process.pid, 'SIGKILL');
  if (point === 'after-store') {
    const inbound = deps.store.inbound;
    deps.store = {
      ...deps.store,
      inbound: {
        ...inbound,
        insert: async (message) => {
          const result = await inbound.insert(message);
          if (result.stored) die();
          return result;
        },
      },
    };
  } else if (point === 'after-send') {
    const mailer = deps.mailer;
    deps.mailer = {
      send: async (email) => {
        const result = await mailer.send(email);
        if (result.ok) die();
        return result;
      },
    };
  } else throw new Error(`BATON_TEST_CRASH: unknown crash point '${point}'`);
}

/** Replays one stored inbound message (`baton replay ID`). */
export async function replayInbound(deps: Deps, id: number) {
  return processInbound(deps, parseMime, id);
}
