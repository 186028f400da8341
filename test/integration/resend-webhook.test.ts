import { createHmac, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { simpleParser } from 'mailparser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/adapters/http/app.ts';
import { parseMime } from '../../src/adapters/mail-in/parse-mime.ts';
import {
  createResendReceivedMail,
  createResendWebhookVerifier,
} from '../../src/adapters/mail-in/resend-inbound.ts';
import { buildEml } from '../support/eml.ts';
import { createHarness, type Harness } from '../support/harness.ts';
import { startRuntime, stopRuntimes } from '../support/node-runtime.ts';
import { teamConfig } from '../support/team-config.ts';

// The signing scheme Resend's webhooks use (Svix): HMAC-SHA256 of `${id}.${timestamp}.${body}` keyed
// with the base64 bytes after `whsec_`, sent as `v1,<base64>`. Written out here, not borrowed from
// the code under test, so a verifier that accepted anything would fail these tests.
const KEY = randomBytes(24);
const SECRET = `whsec_${KEY.toString('base64')}`;
const API_KEY = 're_test_key';

function signature(id: string, timestamp: number, body: string, key: Buffer = KEY): string {
  return `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

const COMPLETE = [
  'Hi Bob, warm lead from the webinar.',
  '',
  'Lead: Jane Roe <jane@acme.io>, CTO at Acme',
  'Trigger: asked for a demo after the pricing webinar',
  'Summary: Evaluating SSO for 300 seats. Main worry is the Okta integration.',
].join('\n');

const handoffEmail = () =>
  buildEml({
    from: 'Maya Patel <maya@example.com>',
    to: 'handoff@handoffs.example.com',
    cc: 'bob@example.com',
    subject: 'Acme: hot lead',
    text: COMPLETE,
    messageId: '<giver-webhook-1@mail.example.com>',
  });

function receivedEvent(emailId: string) {
  return {
    type: 'email.received',
    created_at: '2026-11-24T14:00:00.000Z',
    data: {
      email_id: emailId,
      created_at: '2026-11-24T14:00:00.000Z',
      from: 'Maya Patel <maya@example.com>',
      to: ['handoff@handoffs.example.com'],
      bcc: [],
      cc: ['bob@example.com'],
      received_for: ['handoff@handoffs.example.com'],
      message_id: '<giver-webhook-1@mail.example.com>',
      subject: 'Acme: hot lead',
      attachments: [],
    },
  };
}

/** Resend's receiving API, faked: GET /emails/receiving/:id names a download URL the fake also serves. */
interface FakeResend {
  baseUrl: string;
  requests: { method: string; url: string; authorization: string | undefined }[];
  /** Emails sent through POST /emails (the Node runtime sends through Resend when it receives through it). */
  sent: { to: string[]; text: string }[];
  messages: Map<string, Uint8Array>;
  /** What the raw download answers: the message, or a failure status. */
  rawStatus: number;
  close(): Promise<void>;
}

async function fakeResend(): Promise<FakeResend> {
  const fake = {
    requests: [],
    sent: [],
    messages: new Map<string, Uint8Array>(),
    rawStatus: 200,
  } as unknown as FakeResend;
  const server: Server = createServer((req, res) => {
    const url = req.url ?? '';
    fake.requests.push({ method: req.method ?? '', url, authorization: req.headers.authorization });
    if (req.method === 'POST' && url === '/emails') {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        fake.sent.push(JSON.parse(body));
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: 're_1' }));
      });
      return;
    }
    const email = /^\/emails\/receiving\/([^/?]+)$/.exec(url);
    if (email) {
      const id = decodeURIComponent(email[1]!);
      if (!fake.messages.has(id)) {
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ name: 'not_found', message: 'Email not found', statusCode: 404 }));
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          object: 'email',
          id,
          to: ['handoff@handoffs.example.com'],
          from: 'Maya Patel <maya@example.com>',
          created_at: '2026-11-24T14:00:00.000Z',
          subject: 'Acme: hot lead',
          bcc: null,
          cc: ['bob@example.com'],
          reply_to: null,
          received_for: ['handoff@handoffs.example.com'],
          html: null,
          text: COMPLETE,
          headers: {},
          message_id: '<giver-webhook-1@mail.example.com>',
          raw: {
            download_url: `${fake.baseUrl}/raw/${id}?signature=abc`,
            expires_at: '2026-11-24T15:00:00Z',
          },
          attachments: [],
        }),
      );
      return;
    }
    const raw = /^\/raw\/([^/?]+)/.exec(url);
    if (raw && fake.rawStatus === 200 && fake.messages.has(raw[1]!)) {
      res.writeHead(200, { 'content-type': 'message/rfc822' });
      res.end(Buffer.from(fake.messages.get(raw[1]!)!));
      return;
    }
    res.writeHead(fake.rawStatus === 200 ? 404 : fake.rawStatus).end('AccessDenied');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return fake;
}

let harness: Harness | null = null;
let other: Harness | null = null;
let resend: FakeResend;
beforeEach(async () => {
  resend = await fakeResend();
});
afterEach(async () => {
  await harness?.close();
  await other?.close();
  harness = null;
  other = null;
  await resend.close();
});

async function setup(options: { secret?: string | null; config?: Record<string, unknown> } = {}) {
  harness = await createHarness({
    kind: 'postgres',
    now: '2026-11-24T14:00:00Z',
    config: { ...teamConfig, ...options.config },
  });
  const h = harness;
  const receivedMail = createResendReceivedMail(API_KEY, { baseUrl: resend.baseUrl });
  const secret = options.secret === undefined ? SECRET : options.secret;
  const app = createApp({
    deps: () => ({ ...h.deps, receivedMail }),
    apiTokens: () => [],
    parse: parseMime,
    mailbox: null,
    resendWebhook: () => (secret ? createResendWebhookVerifier(API_KEY, secret) : null),
  });
  const deliver = (body: string, headers: Record<string, string>) =>
    app.request('/webhooks/resend', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
    });
  /** One signed delivery, as Resend makes it. */
  const post = (event: unknown, id = `msg_${randomBytes(8).toString('hex')}`, timestamp = nowSeconds()) => {
    const body = JSON.stringify(event);
    return deliver(body, {
      'svix-id': id,
      'svix-timestamp': String(timestamp),
      'svix-signature': signature(id, timestamp, body),
    });
  };
  const count = async (table: 'inbound_messages' | 'handoffs' | 'webhook_deliveries') =>
    Number(
      (await sql<{ n: string }>`select count(*)::int as n from ${sql.table(table)}`.execute(h.db)).rows[0]!.n,
    );
  return { h, app, deliver, post, count };
}

async function mailSummary(h: Harness) {
  const entries = await h.mailbox.list();
  const mails = await Promise.all(
    entries.map(async (e) => {
      const parsed = await simpleParser((await h.mailbox.read(e.id))!.raw);
      return { to: e.to.join(','), subject: parsed.subject, text: parsed.text };
    }),
  );
  return mails.sort((a, b) => (a.to < b.to ? -1 : 1));
}

type ErrorBody = { error: { code: string; message: string } };

describe('POST /webhooks/resend', () => {
  it('opens the handoff from a signed email.received exactly as the same message over SMTP does', async () => {
    const { h, post, count } = await setup();
    const raw = await handoffEmail();
    resend.messages.set('em_1', new Uint8Array(raw));

    const response = await post(receivedEvent('em_1'));
    expect(response.status).toBe(200);
    const body = (await response.json()) as { outcome: string; handoffId: string; duplicate: boolean };
    expect(body).toMatchObject({ duplicate: false, status: 'processed', outcome: 'handoff-opened' });
    // The raw message came from the receiving API, with the API key.
    expect(resend.requests.map((r) => r.url)).toEqual(['/emails/receiving/em_1', '/raw/em_1?signature=abc']);
    expect(resend.requests[0]!.authorization).toBe(`Bearer ${API_KEY}`);

    const stored = await h.db.selectFrom('inbound_messages').selectAll().executeTakeFirstOrThrow();
    expect(stored.source).toBe('resend');
    expect(Buffer.from(stored.raw).equals(raw)).toBe(true);
    expect(stored.envelope_to).toEqual(['handoff@handoffs.example.com']);
    expect(await count('handoffs')).toBe(1);

    // The same bytes through the SMTP adapter's pipeline, in a database of their own.
    other = await createHarness({ kind: 'postgres', now: '2026-11-24T14:00:00Z' });
    const smtp = await other.receive(new Uint8Array(raw), ['handoff@handoffs.example.com']);
    expect(smtp.outcome).toBe('handoff-opened');
    const byWebhook = await mailSummary(h);
    expect(byWebhook.map((m) => m.to)).toEqual(['bob@example.com', 'maya@example.com']);
    expect(byWebhook.find((m) => m.to === 'bob@example.com')?.text).toContain('Okta integration');
    // Handoff numbers and reply tokens differ per database; everything else is the same.
    const normalise = (mails: Awaited<ReturnType<typeof mailSummary>>) =>
      mails.map((m) => ({
        ...m,
        subject: m.subject?.replace(/H-\d+/g, 'H-n'),
        text: m.text?.replace(/H-\d+/g, 'H-n').replace(/reply\+[^@\s]+@/g, 'reply+…@'),
      }));
    expect(normalise(byWebhook)).toEqual(normalise(await mailSummary(other)));
  });

  it('acts once on the same event delivered twice, and on the same message announced twice', async () => {
    const { h, post, count } = await setup();
    resend.messages.set('em_1', new Uint8Array(await handoffEmail()));
    const first = await post(receivedEvent('em_1'), 'msg_same');
    expect(first.status).toBe(200);

    // A retry of a delivery already taken (same svix-id): acknowledged, not fetched or processed again.
    const fetched = resend.requests.length;
    const again = await post(receivedEvent('em_1'), 'msg_same');
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await again.json()).toMatchObject({ replayed: true });
    expect(resend.requests).toHaveLength(fetched);

    // A second event for the same message (another svix-id) dedupes by its Message-ID.
    const announced = await post(receivedEvent('em_1'), 'msg_other');
    expect(announced.status).toBe(200);
    expect(await announced.json()).toMatchObject({ duplicate: true });

    expect(await count('inbound_messages')).toBe(1);
    expect(await count('handoffs')).toBe(1);
    expect(await count('webhook_deliveries')).toBe(2);
    expect((await h.mailbox.list()).length).toBe(2);
  });

  it('refuses a bad signature with 401 and stores nothing', async () => {
    const { deliver, count } = await setup();
    resend.messages.set('em_1', new Uint8Array(await handoffEmail()));
    const body = JSON.stringify(receivedEvent('em_1'));
    const timestamp = nowSeconds();
    const forged = await deliver(body, {
      'svix-id': 'msg_1',
      'svix-timestamp': String(timestamp),
      'svix-signature': signature('msg_1', timestamp, body, randomBytes(24)),
    });
    expect(forged.status).toBe(401);
    expect(((await forged.json()) as ErrorBody).error.code).toBe('webhook_bad_signature');

    // A real signature over another body does not cover this one.
    const tampered = await deliver(body.replace('em_1', 'em_2'), {
      'svix-id': 'msg_1',
      'svix-timestamp': String(timestamp),
      'svix-signature': signature('msg_1', timestamp, body),
    });
    expect(tampered.status).toBe(401);
    expect(((await tampered.json()) as ErrorBody).error.code).toBe('webhook_bad_signature');

    expect(resend.requests).toHaveLength(0);
    expect(await count('inbound_messages')).toBe(0);
    expect(await count('webhook_deliveries')).toBe(0);
  });

  it('refuses a delivery signed ten minutes ago, or five minutes ahead', async () => {
    const { post, count } = await setup();
    resend.messages.set('em_1', new Uint8Array(await handoffEmail()));
    const stale = await post(receivedEvent('em_1'), 'msg_old', nowSeconds() - 600);
    expect(stale.status).toBe(401);
    const error = ((await stale.json()) as ErrorBody).error;
    expect(error.code).toBe('webhook_timestamp_out_of_range');
    expect(error.message).toMatch(/timestamp/);
    const ahead = await post(receivedEvent('em_1'), 'msg_new', nowSeconds() + 600);
    expect(ahead.status).toBe(401);
    expect(((await ahead.json()) as ErrorBody).error.code).toBe('webhook_timestamp_out_of_range');
    expect(resend.requests).toHaveLength(0);
    expect(await count('inbound_messages')).toBe(0);
  });

  it('refuses a delivery missing any of the signature headers', async () => {
    const { deliver, count } = await setup();
    const body = JSON.stringify(receivedEvent('em_1'));
    const timestamp = nowSeconds();
    const all = {
      'svix-id': 'msg_1',
      'svix-timestamp': String(timestamp),
      'svix-signature': signature('msg_1', timestamp, body),
    };
    for (const missing of Object.keys(all)) {
      const headers = Object.fromEntries(Object.entries(all).filter(([name]) => name !== missing));
      const response = await deliver(body, headers);
      expect(response.status, missing).toBe(401);
      const error = ((await response.json()) as ErrorBody).error;
      expect(error.code, missing).toBe('webhook_unsigned');
      expect(error.message, missing).toContain(missing);
    }
    expect(resend.requests).toHaveLength(0);
    expect(await count('inbound_messages')).toBe(0);
  });

  it('acknowledges other events with 200 and stores nothing', async () => {
    const { post, count } = await setup();
    const response = await post({
      type: 'email.delivered',
      created_at: '2026-11-24T14:00:00.000Z',
      data: { email_id: 'em_9', from: 'handoff@handoffs.example.com', to: ['bob@example.com'] },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ received: true, type: 'email.delivered', ignored: true });
    expect(resend.requests).toHaveLength(0);
    expect(await count('inbound_messages')).toBe(0);
    expect(await count('webhook_deliveries')).toBe(0);
  });

  it('answers 5xx when the raw message cannot be fetched, leaves nothing half-done, and takes the retry', async () => {
    const { h, post, count } = await setup();
    resend.messages.set('em_1', new Uint8Array(await handoffEmail()));
    resend.rawStatus = 503;
    const failed = await post(receivedEvent('em_1'), 'msg_retry');
    expect(failed.status).toBeGreaterThanOrEqual(500);
    expect(((await failed.json()) as ErrorBody).error.code).toBe('provider_unavailable');
    expect(await count('inbound_messages')).toBe(0);
    expect(await count('webhook_deliveries')).toBe(0);
    expect(await h.mailbox.list()).toHaveLength(0);

    // Resend retries the same delivery (same svix-id): now it goes through.
    resend.rawStatus = 200;
    const retried = await post(receivedEvent('em_1'), 'msg_retry');
    expect(retried.status).toBe(200);
    expect(await retried.json()).toMatchObject({ outcome: 'handoff-opened' });
    expect(await count('handoffs')).toBe(1);

    // An email the API does not know is just as retryable, and as clean.
    const unknown = await post(receivedEvent('em_missing'));
    expect(unknown.status).toBeGreaterThanOrEqual(500);
    expect(await count('inbound_messages')).toBe(1);
  });

  it('refuses a message over maxMessageBytes with 413 and stores nothing of it', async () => {
    const { post, count } = await setup({ config: { maxMessageBytes: 65_536 } });
    const raw = await buildEml({
      from: 'maya@example.com',
      to: 'handoff@handoffs.example.com',
      subject: 'big',
      text: 'Lead: Jane Roe, and more about her\n'.repeat(2500),
      messageId: '<big@mail.example.com>',
    });
    expect(raw.byteLength).toBeGreaterThan(65_536);
    resend.messages.set('em_big', new Uint8Array(raw));
    const response = await post(receivedEvent('em_big'));
    expect(response.status).toBe(413);
    expect(((await response.json()) as ErrorBody).error.code).toBe('payload_too_large');
    expect(await count('inbound_messages')).toBe(0);
    expect(await count('webhook_deliveries')).toBe(0);
  });

  it('refuses an event body over 1 MB sent chunked, without a Content-Length, before reading it whole', async () => {
    const { app, count } = await setup();
    const chunk = new TextEncoder().encode('x'.repeat(64 * 1024));
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        // 64 MB would follow: the refusal must come long before.
        if (sent++ > 1024) controller.close();
        else controller.enqueue(chunk);
      },
    });
    const response = await app.request('/webhooks/resend', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'svix-id': 'msg_big',
        'svix-timestamp': '1',
        'svix-signature': 'v1,x',
      },
      body,
      // @ts-expect-error: Node's fetch needs `duplex` for a streamed body; the DOM types lack it.
      duplex: 'half',
    });
    expect(response.status).toBe(413);
    expect(((await response.json()) as ErrorBody).error.code).toBe('payload_too_large');
    expect(sent).toBeLessThan(1024);
    expect(await count('webhook_deliveries')).toBe(0);
  });

  it('is closed with a coded 503 until RESEND_WEBHOOK_SECRET is set', async () => {
    const { post, count } = await setup({ secret: null });
    const response = await post(receivedEvent('em_1'));
    expect(response.status).toBe(503);
    const error = ((await response.json()) as ErrorBody).error;
    expect(error.code).toBe('webhook_closed');
    expect(error.message).toContain('RESEND_WEBHOOK_SECRET');
    expect(await count('inbound_messages')).toBe(0);
  });
});

describe('POST /webhooks/resend on the Node runtime', () => {
  it('is mounted with RESEND_WEBHOOK_SECRET and RESEND_API_KEY, and never logs the secret', async () => {
    const r = await startRuntime(
      {},
      {
        apiToken: 'webhook-token',
        env: { RESEND_API_KEY: API_KEY, RESEND_BASE_URL: resend.baseUrl, RESEND_WEBHOOK_SECRET: SECRET },
      },
    );
    const { runtime, logs } = r;
    try {
      resend.messages.set('em_node', new Uint8Array(await handoffEmail()));
      const body = JSON.stringify(receivedEvent('em_node'));
      const timestamp = nowSeconds();
      const response = await fetch(`http://127.0.0.1:${runtime.httpPort}/webhooks/resend`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'svix-id': 'msg_node',
          'svix-timestamp': String(timestamp),
          'svix-signature': signature('msg_node', timestamp, body),
        },
        body,
      });
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ status: 'processed', outcome: 'handoff-opened' });
      const deadline = Date.now() + 10_000;
      while (!resend.sent.some((m) => m.to.includes('bob@example.com')) && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 50));
      expect(resend.sent.find((m) => m.to.includes('bob@example.com'))?.text).toContain('Okta integration');
    } finally {
      await stopRuntimes();
    }
    expect(logs.length).toBeGreaterThan(0);
    expect(logs.join('\n')).not.toContain(KEY.toString('base64'));
  });
});
