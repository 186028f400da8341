import { resolve } from 'node:path';
import { z } from 'zod';

/** Runtime settings from the environment: read here and in `src/entry/`, nowhere else. */
export interface Settings {
  dataDir: string;
  databaseUrl: string | null;
  port: number;
  host: string;
  smtpPort: number;
  smtpHost: string;
  smtpTls: { certPath: string; keyPath: string } | null;
  secret: string | null;
  previousSecrets: string[];
  apiTokens: string[];
  tickSeconds: number;
  /** How long a claim on an inbound message or an outbox row holds before another process may take it over. */
  leaseSeconds: number;
  resendApiKey: string | null;
  resendBaseUrl: string | null;
  /** Signs Resend's webhooks (`whsec_…`): set, `POST /webhooks/resend` takes inbound mail. Never logged. */
  resendWebhookSecret: string | null;
  /** The origin emailed dashboard sign-in links point to, e.g. https://baton.example.com. */
  publicUrl: string | null;
}

/** "a, b,,c" → ["a", "b", "c"]: the comma-separated settings of both runtimes. */
export const splitList = (value: string | undefined) =>
  (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** An unset or empty variable is absent. */
const text = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v === '' ? null : v));

/** An origin such as https://baton.example.com: where emailed links point. */
const publicUrl = text.refine((v) => v === null || /^https?:\/\/[^/\s]+\/?$/.test(v), {
  message: 'must be an origin such as https://baton.example.com',
});

/** A Svix-style signing secret: `whsec_` and base64 bytes (the value is never echoed in an error). */
const webhookSecret = text.refine((v) => v === null || /^(whsec_)?[A-Za-z0-9+/]{16,}={0,2}$/.test(v), {
  message: "must be the webhook's signing secret as Resend shows it (whsec_ followed by base64)",
});

const portNumber = (fallback: number) =>
  text.transform((value, ctx) => {
    if (value === null) return fallback;
    const n = Number(value);
    if (!Number.isInteger(n) || n < 0 || n > 65535) {
      ctx.addIssue({ code: 'custom', message: `'${value}' is not a port number` });
      return z.NEVER;
    }
    return n;
  });

const positiveSeconds = (fallback: number) =>
  text.transform((value, ctx) => {
    const n = Number(value ?? fallback);
    if (!Number.isFinite(n) || n <= 0) {
      ctx.addIssue({ code: 'custom', message: `'${value}' is not a positive number` });
      return z.NEVER;
    }
    return n;
  });

const environment = z
  .object({
    BATON_DATA_DIR: text,
    DATABASE_URL: text,
    PORT: portNumber(8787),
    HOST: text,
    SMTP_PORT: portNumber(2525),
    SMTP_HOST: text,
    SMTP_TLS_CERT: text,
    SMTP_TLS_KEY: text,
    BATON_SECRET: text,
    BATON_SECRET_PREVIOUS: text,
    BATON_API_TOKENS: text,
    BATON_TICK_SECONDS: positiveSeconds(30),
    BATON_LEASE_SECONDS: positiveSeconds(60),
    RESEND_API_KEY: text,
    RESEND_BASE_URL: text,
    RESEND_WEBHOOK_SECRET: webhookSecret,
    BATON_PUBLIC_URL: publicUrl,
  })
  .refine((env) => (env.SMTP_TLS_CERT === null) === (env.SMTP_TLS_KEY === null), {
    message: 'SMTP_TLS_CERT and SMTP_TLS_KEY must be set together',
  })
  .refine((env) => env.RESEND_WEBHOOK_SECRET === null || env.RESEND_API_KEY !== null, {
    message:
      'RESEND_WEBHOOK_SECRET needs RESEND_API_KEY: the webhook names a message, fetched through the API',
    path: ['RESEND_WEBHOOK_SECRET'],
  });

/** Reads the Node runtime's settings; a bad value throws naming its variable. */
export function readSettings(env: Record<string, string | undefined>, cwd: string): Settings {
  const parsed = environment.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = issue.path.join('.');
    throw new Error(name ? `${name}: ${issue.message}` : issue.message);
  }
  const e = parsed.data;
  return {
    dataDir: resolve(cwd, e.BATON_DATA_DIR ?? '.baton'),
    databaseUrl: e.DATABASE_URL,
    port: e.PORT,
    host: e.HOST ?? '127.0.0.1',
    smtpPort: e.SMTP_PORT,
    smtpHost: e.SMTP_HOST ?? '127.0.0.1',
    smtpTls:
      e.SMTP_TLS_CERT && e.SMTP_TLS_KEY ? { certPath: e.SMTP_TLS_CERT, keyPath: e.SMTP_TLS_KEY } : null,
    secret: e.BATON_SECRET,
    previousSecrets: splitList(e.BATON_SECRET_PREVIOUS ?? undefined),
    apiTokens: splitList(e.BATON_API_TOKENS ?? undefined),
    tickSeconds: e.BATON_TICK_SECONDS,
    leaseSeconds: e.BATON_LEASE_SECONDS,
    resendApiKey: e.RESEND_API_KEY,
    resendBaseUrl: e.RESEND_BASE_URL,
    resendWebhookSecret: e.RESEND_WEBHOOK_SECRET,
    publicUrl: e.BATON_PUBLIC_URL?.replace(/\/$/, '') ?? null,
  };
}

/** What the Worker needs from its bindings and secrets (wrangler.toml and `wrangler secret put`). */
export interface WorkerSettings {
  databaseUrl: string;
  secrets: string[];
  apiTokens: string[];
  resendApiKey: string;
  resendBaseUrl: string | null;
  /** Signs Resend's webhooks; null: `POST /webhooks/resend` is closed. */
  resendWebhookSecret: string | null;
  /** `invocation`: send right after the invocation's commit (`waitUntil`); `tick`: leave it to the cron tick. */
  delivery: 'invocation' | 'tick';
  /** The Worker's public origin (BATON_PUBLIC_URL), for links in emails (an email or cron invocation has no request URL): dashboard, digest, files. */
  publicUrl: string | null;
}

const required = (name: string) =>
  z.string({ error: `${name} is not set` }).min(1, { error: `${name} is not set` });

const workerEnvironment = z.object({
  HYPERDRIVE: z.object({ connectionString: required('HYPERDRIVE') }, { error: 'HYPERDRIVE is not bound' }),
  BATON_SECRET: required('BATON_SECRET'),
  BATON_SECRET_PREVIOUS: text,
  BATON_API_TOKENS: text,
  RESEND_API_KEY: required('RESEND_API_KEY'),
  RESEND_BASE_URL: text,
  RESEND_WEBHOOK_SECRET: webhookSecret,
  BATON_DELIVERY: z.enum(['invocation', 'tick']).default('invocation'),
  BATON_PUBLIC_URL: publicUrl,
});

/** Reads one Worker invocation's env; what is missing throws, named (see the README's deploy section). */
export function readWorkerSettings(env: unknown): WorkerSettings {
  const parsed = workerEnvironment.safeParse(env);
  if (!parsed.success) {
    const missing = [...new Set(parsed.error.issues.map((i) => String(i.path[0] ?? i.message)))];
    throw new Error(`missing Worker settings: ${missing.join(', ')} (see the README's deploy section)`);
  }
  const e = parsed.data;
  return {
    databaseUrl: e.HYPERDRIVE.connectionString,
    secrets: [e.BATON_SECRET, ...splitList(e.BATON_SECRET_PREVIOUS ?? undefined)],
    apiTokens: splitList(e.BATON_API_TOKENS ?? undefined),
    resendApiKey: e.RESEND_API_KEY,
    resendBaseUrl: e.RESEND_BASE_URL,
    resendWebhookSecret: e.RESEND_WEBHOOK_SECRET,
    delivery: e.BATON_DELIVERY,
    publicUrl: e.BATON_PUBLIC_URL?.replace(/\/+$/, '') ?? null,
  };
}
