import { timingSafeEqual } from 'node:crypto';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';
import { cancelHandoff } from '../../app/cancel-handoff.ts';
import { getHandoff } from '../../app/get-handoff.ts';
import { getMetrics } from '../../app/get-metrics.ts';
import { submitHandoff } from '../../app/hand-off-by-api.ts';
import { listHandoffs } from '../../app/list-handoffs.ts';
import type { Deps } from '../../app/ports.ts';
import { type ParseMime, receiveEmail } from '../../app/receive-email.ts';
import { receiveWebhookEmail } from '../../app/receive-webhook-email.ts';
import { replayHandoffInbound } from '../../app/replay-handoff-inbound.ts';
import { formatReference } from '../../core/handoff/reference.ts';
import { RESEND_SIGNATURE_HEADERS, type VerifyResendWebhook } from '../mail-in/resend-inbound.ts';
import type { MailboxView } from '../mail-out/mailbox-view.ts';
import { API_OPERATIONS, codeToStatus, type ErrorCode } from './api-schemas.ts';
import { dashboardRoutes } from './dashboard/routes.tsx';
import { renderMailboxList, renderMailboxMessage } from './mailbox-page.ts';
import { openApiDocument, renderApiDocs } from './openapi.ts';

export { codeToStatus, type ErrorCode } from './api-schemas.ts';

/** The same request, whatever its key order or spacing: SHA-256 of its canonical JSON. */
async function fingerprint(value: unknown): Promise<string> {
  const canonical = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(canonical)
      : v && typeof v === 'object'
        ? Object.fromEntries(
            Object.entries(v as Record<string, unknown>)
              .sort(([a], [b]) => (a < b ? -1 : 1))
              .map(([k, x]) => [k, canonical(x)]),
          )
        : v;
  const bytes = new TextEncoder().encode(JSON.stringify(canonical(value)));
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

export interface HttpOptions {
  /** Builds the use cases' dependencies for one request (once on Node, per request on Workers). */
  deps: (env: unknown) => Deps | Promise<Deps>;
  apiTokens: (env: unknown) => readonly string[];
  parse: ParseMime;
  /** The local mailbox when outbound mail is not sent through a provider. */
  mailbox: MailboxView | null;
  maxInboundBytes?: number;
  /** The public origin emailed sign-in links point to (BATON_PUBLIC_URL); unset: the request's own. */
  publicUrl?: (env: unknown) => string | null;
  /** Checks Resend's webhook signatures (RESEND_WEBHOOK_SECRET); null or absent: the webhook is closed. */
  resendWebhook?: (env: unknown) => VerifyResendWebhook | null;
}

type Env = { Variables: { requestId: string } };

/** The part of Resend's `email.received` event Baton uses; the message itself is fetched by its id. */
const resendEvent = z.object({ type: z.string().min(1), data: z.unknown() });
const receivedEmail = z.object({
  email_id: z.string().min(1).max(200),
  to: z.array(z.string()).default([]),
  received_for: z.array(z.string()).optional(),
});

/** A webhook event is metadata: anything near this size is not one. */
const MAX_WEBHOOK_BYTES = 1024 * 1024;

/** Without `from`, a report covers the twelve weeks before `to`. */
const DEFAULT_PERIOD_MS = 84 * 86_400_000;

function tokenMatches(given: string, tokens: readonly string[]): boolean {
  const a = Buffer.from(given);
  return tokens.some((t) => {
    const b = Buffer.from(t);
    return a.length === b.length && timingSafeEqual(a, b);
  });
}

export function createApp(options: HttpOptions) {
  const app = new Hono<Env>();
  const maxInbound = options.maxInboundBytes ?? 25 * 1024 * 1024;

  app.use(async (c, next) => {
    c.set('requestId', c.req.header('x-request-id') ?? crypto.randomUUID());
    await next();
    // Answers carry text from inbound mail: a browser must never guess that a JSON body is HTML.
    c.header('X-Content-Type-Options', 'nosniff');
  });

  const fail = (
    c: { get(k: 'requestId'): string; json: (b: unknown, s: ContentfulStatusCode) => Response },
    code: ErrorCode,
    message: string,
    detail: Record<string, unknown> = {},
  ) => c.json({ error: { code, message, requestId: c.get('requestId'), ...detail } }, codeToStatus(code));

  /** The first issue of a request part that did not validate, as a 400. */
  const invalid = (c: Parameters<typeof fail>[0], error: z.ZodError, part: string) => {
    const issue = error.issues[0];
    return fail(
      c,
      'invalid_request',
      issue ? `${issue.path.join('.') || part}: ${issue.message}` : `invalid ${part}`,
    );
  };

  app.onError((error, c) => {
    console.error(
      JSON.stringify({
        level: 'error',
        msg: 'request failed',
        requestId: c.get('requestId'),
        error: error.message,
      }),
    );
    return fail(c, 'internal', 'something went wrong; the request id helps us find it');
  });
  app.notFound((c) => fail(c, 'not_found', `no route for ${c.req.method} ${c.req.path}`));

  const bearer = (c: { env: unknown; req: { header(name: string): string | undefined } }) => {
    const header = c.req.header('authorization') ?? '';
    const given = /^Bearer\s+(.+)$/i.exec(header)?.[1]?.trim();
    return Boolean(given && tokenMatches(given, options.apiTokens(c.env)));
  };

  const api = API_OPERATIONS;
  // The API's reference (document and page) is public: it describes the contract, not any data.
  const document = openApiDocument();
  const isReference = (method: string, path: string) =>
    method === 'GET' && (path === '/api/openapi.json' || path === '/api/docs');

  for (const path of ['/api/*', '/inbound/raw']) {
    app.use(path, async (c, next) => {
      if (isReference(c.req.method, c.req.path)) return next();
      if (options.apiTokens(c.env).length === 0)
        return fail(c, 'api_closed', 'the API is closed: set BATON_API_TOKENS to open it');
      if (!bearer(c)) return fail(c, 'unauthorized', 'a valid bearer token is required');
      await next();
    });
  }

  app.route(
    '/dashboard',
    dashboardRoutes({
      deps: options.deps,
      mailbox: Boolean(options.mailbox),
      apiToken: bearer,
      publicUrl: options.publicUrl ?? (() => null),
    }),
  );

  app.get('/api/openapi.json', (c) => c.json(document));
  app.get('/api/docs', (c) => c.html(renderApiDocs(document)));

  app.get('/healthz', (c) => c.json({ ok: true }));

  app.get('/', (c) =>
    c.html(
      `<!doctype html><meta charset="utf-8"><title>Baton</title><body style="font-family:system-ui;max-width:40rem;margin:3rem auto">` +
        `<h1>Baton</h1><p>Handoffs by email. Send one to <code>handoff@</code> your mail domain.</p>` +
        `<p><a href="/dashboard">Dashboard</a>: how handoffs went, and the open ones.</p>` +
        (options.mailbox ? `<p><a href="/mailbox">Local mailbox</a>: every email Baton sent.</p>` : '') +
        `</body>`,
    ),
  );

  app.post('/api/handoffs', async (c) => {
    const body = api.createHandoff.body.safeParse(await c.req.json().catch(() => undefined));
    if (!body.success) return invalid(c, body.error, 'body');
    const headers = api.createHandoff.headers.safeParse({
      'idempotency-key': c.req.header('idempotency-key'),
    });
    if (!headers.success) return invalid(c, headers.error, 'headers');
    const deps = await options.deps(c.env);
    const { triggerAt, ...rest } = body.data;
    const key = headers.data['idempotency-key'];
    const result = await submitHandoff(
      deps,
      { ...rest, triggerAt: triggerAt ? new Date(triggerAt) : undefined },
      key ? { key, fingerprint: await fingerprint(body.data) } : null,
    );
    if (!result.ok) {
      if (result.code === 'missing_fields')
        return fail(c, result.code, result.message, { missing: result.missing });
      if (result.code === 'unknown_fields')
        return fail(c, result.code, result.message, { unknown: result.unknown, fields: result.fields });
      return fail(c, result.code, result.message);
    }
    const { handoff } = result;
    if (!result.created) c.header('Idempotent-Replayed', 'true');
    return c.json(
      {
        id: handoff.id,
        reference: formatReference(handoff.number),
        state: handoff.state,
        deadline: handoff.ackDeadline,
      },
      201,
    );
  });

  app.get('/api/handoffs', async (c) => {
    const query = api.listHandoffs.query.safeParse(c.req.query());
    if (!query.success) return invalid(c, query.error, 'query');
    const { state, receiver, playbook, cursor, limit } = query.data;
    const page = await listHandoffs(await options.deps(c.env), {
      state: state ?? null,
      receiver: receiver?.trim().toLowerCase() ?? null,
      playbook: playbook ?? null,
      cursor: cursor ?? null,
      limit,
    });
    if (!page.ok) return fail(c, 'invalid_request', 'cursor: not one this API gave out');
    return c.json({ handoffs: page.handoffs, nextCursor: page.nextCursor });
  });

  app.get('/api/handoffs/:id', async (c) => {
    const params = api.getHandoff.params.safeParse(c.req.param());
    if (!params.success) return invalid(c, params.error, 'path');
    const view = await getHandoff(await options.deps(c.env), params.data.id);
    return view ? c.json(view) : fail(c, 'not_found', 'no such handoff');
  });

  app.post('/api/handoffs/:id/cancel', async (c) => {
    const params = api.cancelHandoff.params.safeParse(c.req.param());
    if (!params.success) return invalid(c, params.error, 'path');
    const result = await cancelHandoff(await options.deps(c.env), params.data.id, 'api');
    if (!result.ok)
      return fail(
        c,
        result.code,
        result.code === 'not_found' ? 'no such handoff' : `cannot cancel: ${result.code}`,
      );
    return c.json({ id: result.id, state: result.state });
  });

  app.post('/api/handoffs/:id/replay-inbound', async (c) => {
    const params = api.replayInbound.params.safeParse(c.req.param());
    if (!params.success) return invalid(c, params.error, 'path');
    const result = await replayHandoffInbound(await options.deps(c.env), options.parse, params.data.id);
    if (!result.ok) return fail(c, 'not_found', 'no such handoff');
    return c.json({ replayed: result.replayed });
  });

  app.get('/api/metrics', async (c) => {
    const query = api.getMetrics.query.safeParse(c.req.query());
    if (!query.success) return invalid(c, query.error, 'query');
    const deps = await options.deps(c.env);
    const to = query.data.to ?? deps.clock.now();
    const from = query.data.from ?? new Date(to.getTime() - DEFAULT_PERIOD_MS);
    const lower = (v: string | undefined) => v?.trim().toLowerCase() ?? null;
    const { totals, ...report } = await getMetrics(deps, {
      from,
      to,
      playbook: query.data.playbook ?? null,
      giver: lower(query.data.giver),
      receiver: lower(query.data.receiver),
      members: null,
    });
    return c.json({ ...report, ...totals });
  });

  app.post('/inbound/raw', async (c) => {
    const length = Number(c.req.header('content-length') ?? 0);
    if (length > maxInbound)
      return fail(c, 'payload_too_large', `messages are limited to ${maxInbound} bytes`);
    const raw = new Uint8Array(await c.req.arrayBuffer());
    if (raw.byteLength === 0) return fail(c, 'invalid_request', 'the body must be one raw RFC 822 message');
    if (raw.byteLength > maxInbound)
      return fail(c, 'payload_too_large', `messages are limited to ${maxInbound} bytes`);
    const to = c.req.queries('to') ?? [];
    const result = await receiveEmail(await options.deps(c.env), options.parse, {
      raw,
      source: 'http',
      envelopeFrom: c.req.query('from') ?? null,
      envelopeTo: to,
    });
    return c.json(
      {
        id: result.inboundId,
        duplicate: result.duplicate,
        status: result.status,
        outcome: result.outcome,
        handoffId: result.handoffId,
      },
      result.duplicate ? 200 : 202,
    );
  });

  // Resend's webhooks: 2xx means taken (never retried), anything else is retried for about a day
  // with the same svix-id. So a delivery taken before answers 200, not 409.
  // Unauthenticated until its signature is checked: the body is capped while it is read, chunked or not.
  const webhookLimit = bodyLimit({
    maxSize: MAX_WEBHOOK_BYTES,
    onError: (c) => fail(c, 'payload_too_large', `webhook events are limited to ${MAX_WEBHOOK_BYTES} bytes`),
  });
  app.post('/webhooks/resend', webhookLimit, async (c) => {
    const verify = options.resendWebhook?.(c.env) ?? null;
    if (!verify)
      return fail(c, 'webhook_closed', 'Resend webhooks are off: set RESEND_WEBHOOK_SECRET to take them');
    const payload = await c.req.text();
    const verified = verify(payload, {
      id: c.req.header(RESEND_SIGNATURE_HEADERS.id),
      timestamp: c.req.header(RESEND_SIGNATURE_HEADERS.timestamp),
      signature: c.req.header(RESEND_SIGNATURE_HEADERS.signature),
    });
    if (!verified.ok) return fail(c, verified.code, verified.message);
    const event = resendEvent.safeParse(verified.event);
    if (!event.success) return fail(c, 'invalid_request', 'the event has no type');
    const { type } = event.data;
    if (type !== 'email.received') return c.json({ received: true, type, ignored: true });
    const data = receivedEmail.safeParse(event.data.data);
    if (!data.success) return fail(c, 'invalid_request', 'email.received: data.email_id is required');
    const { email_id, to, received_for } = data.data;
    const result = await receiveWebhookEmail(await options.deps(c.env), options.parse, {
      provider: 'resend',
      deliveryId: verified.deliveryId,
      emailId: email_id,
      // Resend gives no MAIL FROM; received_for names the addresses it took the message for.
      envelopeFrom: null,
      envelopeTo: received_for && received_for.length > 0 ? received_for : to,
    });
    if (!result.ok) return fail(c, result.code, result.message);
    if (result.replayed) {
      c.header('Idempotent-Replayed', 'true');
      return c.json({ received: true, replayed: true });
    }
    const { inbound } = result;
    return c.json({
      id: inbound.inboundId,
      duplicate: inbound.duplicate,
      status: inbound.status,
      outcome: inbound.outcome,
      handoffId: inbound.handoffId,
    });
  });

  const mailbox = options.mailbox;
  if (mailbox) {
    app.get('/mailbox', async (c) => c.html(renderMailboxList(await mailbox.list())));
    app.get('/mailbox/:file', async (c) => {
      const param = c.req.param('file');
      const raw = param.endsWith('.eml');
      const message = await mailbox.read(raw ? param.slice(0, -4) : param);
      if (!message) return fail(c, 'not_found', 'no such message');
      if (raw)
        return c.body(new Uint8Array(message.raw), 200, { 'content-type': 'message/rfc822; charset=utf-8' });
      return c.html(renderMailboxMessage(message));
    });
  }
  return app;
}
