// Cloudflare Workers composition root: `fetch` (API, webhooks), `email` (Email Routing) and
// `scheduled` (cron tick). Env comes per request, so deps are built per request (Hyperdrive wants
// a new client each time); only the bundled config, validated once, is kept between requests.
import bundledConfig from 'baton-config';
import { replyTokens } from '../adapters/crypto/reply-token.ts';
import { corkedCloudflareStream } from '../adapters/db/cloudflare-socket.ts';
import { connectPostgres } from '../adapters/db/connect.ts';
import { createStore } from '../adapters/db/store.ts';
import { createApp } from '../adapters/http/app.ts';
import { createJsonLog } from '../adapters/log/json-log.ts';
import { parseMime, readAttachments } from '../adapters/mail-in/parse-mime.ts';
import { emailRoutingAuthenticator } from '../adapters/mail-in/relay-verdict.ts';
import {
  createResendReceivedMail,
  createResendWebhookVerifier,
  type VerifyResendWebhook,
} from '../adapters/mail-in/resend-inbound.ts';
import { renderOutboxEmail } from '../adapters/mail-out/render-email.ts';
import { createResendMailer } from '../adapters/mail-out/resend.ts';
import type { Deps } from '../app/ports.ts';
import { receiveEmail, recoverInbound } from '../app/receive-email.ts';
import { tick } from '../app/tick.ts';
import { type Config, parseConfig } from '../config/schema.ts';
import { readWorkerSettings } from '../config/settings.ts';
import { addressBook, checkRecipient } from '../core/addresses.ts';
import { backgroundDelivery } from './delivery.ts';

/** The bindings and secrets wrangler.toml and `wrangler secret put` provide. */
export interface WorkerEnv {
  HYPERDRIVE: { connectionString: string };
  BATON_SECRET: string;
  BATON_SECRET_PREVIOUS?: string;
  BATON_API_TOKENS?: string;
  RESEND_API_KEY: string;
  RESEND_BASE_URL?: string;
  RESEND_WEBHOOK_SECRET?: string;
  BATON_DELIVERY?: 'invocation' | 'tick';
}

interface ExecutionContext {
  waitUntil(promise: Promise<unknown>): void;
}

interface IncomingEmail {
  readonly from: string;
  readonly to: string;
  readonly raw: ReadableStream<Uint8Array>;
  readonly rawSize: number;
  setReject(reason: string): void;
}

let config: Config | null = null;

/** The bundled config, validated on first use; a bad one fails every request with its paths. */
function loadConfig(): Config {
  if (config) return config;
  const result = parseConfig(bundledConfig);
  if (!result.ok) throw new Error(`invalid bundled config:\n${result.errors.join('\n')}`);
  config = result.config;
  return config;
}

/**
 * The deps of one invocation. Delivery runs after the invocation's answer through `waitUntil`; the
 * database connection closes once the last send of the invocation has finished.
 */
function makeDeps(
  env: WorkerEnv,
  ctx: ExecutionContext,
): { deps: Deps; apiTokens: string[]; resendWebhook: VerifyResendWebhook | null; finish(): void } {
  const settings = readWorkerSettings(env);
  const db = connectPostgres(settings.databaseUrl, {
    max: 1,
    stream: corkedCloudflareStream,
  });
  const delivery = backgroundDelivery(() => deps);
  const deps: Deps = {
    store: createStore(db),
    mailer: createResendMailer(
      settings.resendApiKey,
      settings.resendBaseUrl ? { baseUrl: settings.resendBaseUrl } : {},
    ),
    render: renderOutboxEmail,
    clock: { now: () => new Date() },
    log: createJsonLog({ write: (line) => console.log(line) }),
    config: loadConfig(),
    secrets: settings.secrets,
    tokens: replyTokens(settings.secrets),
    // On `tick`, an inbound email only stores, reads and commits; the next cron tick sends.
    deliver: settings.delivery === 'tick' ? async () => {} : delivery.deliver,
    authenticate: emailRoutingAuthenticator(),
    readAttachments,
    publicUrl: settings.publicUrl,
    receivedMail: createResendReceivedMail(
      settings.resendApiKey,
      settings.resendBaseUrl ? { baseUrl: settings.resendBaseUrl } : {},
    ),
  };
  return {
    deps,
    apiTokens: settings.apiTokens,
    resendWebhook: settings.resendWebhookSecret
      ? createResendWebhookVerifier(settings.resendApiKey, settings.resendWebhookSecret)
      : null,
    finish: () => ctx.waitUntil(delivery.settled().finally(() => db.destroy())),
  };
}

export default {
  async fetch(request: Request, env: WorkerEnv, ctx: ExecutionContext): Promise<Response> {
    const { deps, apiTokens, resendWebhook, finish } = makeDeps(env, ctx);
    const app = createApp({
      deps: () => deps,
      apiTokens: () => apiTokens,
      resendWebhook: () => resendWebhook,
      parse: parseMime,
      mailbox: null,
      maxInboundBytes: deps.config.maxMessageBytes,
    });
    try {
      return await app.fetch(request, env);
    } finally {
      finish();
    }
  },

  async email(message: IncomingEmail, env: WorkerEnv, ctx: ExecutionContext): Promise<void> {
    const { deps, finish } = makeDeps(env, ctx);
    // Reject at the SMTP level only what Baton will never accept; everything else is stored first.
    const check = checkRecipient(message.to, addressBook(deps.config));
    const tooBig = message.rawSize > deps.config.maxMessageBytes;
    if (!check.ok || tooBig) {
      message.setReject(
        check.ok ? `message exceeds the maximum size of ${deps.config.maxMessageBytes} bytes` : check.message,
      );
      finish();
      return;
    }
    try {
      const raw = new Uint8Array(await new Response(message.raw).arrayBuffer());
      await receiveEmail(deps, parseMime, {
        raw,
        source: 'email-worker',
        envelopeFrom: message.from,
        envelopeTo: [message.to],
      });
    } finally {
      finish();
    }
  },

  async scheduled(_controller: unknown, env: WorkerEnv, ctx: ExecutionContext): Promise<void> {
    const { deps, finish } = makeDeps(env, ctx);
    ctx.waitUntil(
      // Messages stored by an invocation that died before processing them are taken up first.
      recoverInbound(deps, parseMime)
        .then(() => tick(deps))
        .then((report) => deps.log.info('tick', { ...report }))
        .finally(finish),
    );
  },
};
