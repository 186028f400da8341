import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectPostgres, type Database, migrateToLatest } from '../../src/adapters/db/connect.ts';
import { buildEml } from '../support/eml.ts';
import { escalationConfig } from '../support/escalation-config.ts';
import { startWranglerDev, type WranglerDev } from '../support/wrangler-dev.ts';

const TOKEN = 'worker-api-token';
const WEBHOOK_KEY = Buffer.from('worker-webhook-signing-key');

interface SentEmail {
  authorization: string | undefined;
  idempotencyKey: string | undefined;
  body: { to: string[]; subject: string; text: string; headers: Record<string, string> };
}

/**
 * The Resend API as far as Baton uses it: POST /emails, answered with an id; GET /emails/receiving/:id
 * naming a download URL of a received message, and that download.
 */
async function startFakeResend(): Promise<{
  server: Server;
  url: string;
  sent: SentEmail[];
  received: Map<string, Uint8Array>;
}> {
  const sent: SentEmail[] = [];
  const received = new Map<string, Uint8Array>();
  let url = '';
  const server = createServer((req, res) => {
    const receiving = /^\/emails\/receiving\/([^/?]+)$/.exec(req.url ?? '');
    if (req.method === 'GET' && receiving && received.has(receiving[1]!)) {
      const id = receiving[1]!;
      res.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          object: 'email',
          id,
          raw: {
            download_url: `${url}/raw/${id}`,
            expires_at: new Date(Date.now() + 3_600_000).toISOString(),
          },
        }),
      );
      return;
    }
    const download = /^\/raw\/([^/?]+)$/.exec(req.url ?? '');
    if (req.method === 'GET' && download && received.has(download[1]!)) {
      res.writeHead(200, { 'content-type': 'message/rfc822' }).end(Buffer.from(received.get(download[1]!)!));
      return;
    }
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      if (req.method === 'POST' && req.url === '/emails') {
        sent.push({
          authorization: req.headers.authorization,
          idempotencyKey: req.headers['idempotency-key'] as string | undefined,
          body: JSON.parse(body),
        });
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ id: `re_${sent.length}` }));
      } else res.writeHead(404).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  url = `http://127.0.0.1:${port}`;
  return { server, url, sent, received };
}

async function waitFor<T>(
  check: () => T | undefined | Promise<T | undefined>,
  timeoutMs: number,
  what: string,
): Promise<T> {
  const start = Date.now();
  while (Date.now() - start < timeoutMs) {
    const value = await check();
    if (value) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('the Worker under workerd (wrangler dev, local Hyperdrive to real PostgreSQL)', () => {
  let db: Database;
  let resend: Awaited<ReturnType<typeof startFakeResend>>;
  let wrangler: WranglerDev;
  let base: string;
  let output: string[] = [];

  beforeAll(async () => {
    const serverUrl = inject('postgresUrl');
    const name = `baton_worker_${Math.random().toString(36).slice(2, 8)}`;
    const admin = connectPostgres(serverUrl, { max: 1 });
    await sql`create database ${sql.id(name)}`.execute(admin);
    await admin.destroy();
    const url = serverUrl.replace(/\/[^/]*$/, `/${name}`);
    db = connectPostgres(url);
    await migrateToLatest(db);
    resend = await startFakeResend();

    wrangler = await startWranglerDev({
      config: escalationConfig,
      databaseUrl: url,
      vars: {
        RESEND_BASE_URL: resend.url,
        BATON_SECRET: 'worker-secret',
        RESEND_API_KEY: 're_test_key',
        BATON_API_TOKENS: TOKEN,
        RESEND_WEBHOOK_SECRET: `whsec_${WEBHOOK_KEY.toString('base64')}`,
      },
    });
    base = wrangler.base;
    output = wrangler.output;
  }, 120_000);

  afterAll(async () => {
    wrangler?.stop();
    resend?.server.close();
    await db?.destroy();
  });

  it('creates a handoff from an Email Routing event and sends the receiver’s email through Resend', async () => {
    const raw = await buildEml({
      from: 'Maya Patel <maya@example.com>',
      to: 'handoff@handoffs.example.com',
      cc: 'Bob Smith <bob@example.com>',
      subject: 'Acme: hot lead',
      messageId: '<worker-1@mail.example.com>',
      text: 'Lead: Jane Roe <jane@acme.io>\nSummary: Wants SSO for 300 seats.',
    });
    const response = await fetch(
      `${base}/cdn-cgi/handler/email?from=maya@example.com&to=handoff@handoffs.example.com`,
      { method: 'POST', body: new Uint8Array(raw) },
    );
    expect(response.ok).toBe(true);
    const toBob = await waitFor(
      () => resend.sent.find((s) => s.body.to.includes('bob@example.com')),
      20_000,
      'the receiver’s email',
    );
    expect(toBob.authorization).toBe('Bearer re_test_key');
    expect(toBob.body.subject).toMatch(/^\[H-\d+\] /);
    expect(toBob.body.text).toContain('Wants SSO for 300 seats.');
    expect(toBob.body.headers['Auto-Submitted']).toBe('auto-generated');
    const outbox = await db
      .selectFrom('outbound_messages')
      .select('id')
      .where('kind', '=', 'handoff-request')
      .executeTakeFirstOrThrow();
    expect(toBob.idempotencyKey).toBe(outbox.id);
    const stored = await db
      .selectFrom('inbound_messages')
      .select(['source', 'status'])
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ source: 'email-worker', status: 'processed' });
  });

  it('answers the API through fetch, with the same contracts as on Node', async () => {
    const created = await fetch(`${base}/api/handoffs`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        giver: 'maya@example.com',
        receiver: 'nora@example.com',
        fields: { lead: 'Ken', summary: 'Quote.' },
      }),
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const view = await fetch(`${base}/api/handoffs/${id}`, { headers: { authorization: `Bearer ${TOKEN}` } });
    const kinds = ((await view.json()) as { timeline: { kind: string }[] }).timeline.map((e) => e.kind);
    // Then one entry per notice held to its recipient's working hours.
    expect(kinds.filter((k) => k !== 'notice-held')).toEqual(['created', 'opened']);
    const unauthorized = await fetch(`${base}/api/handoffs/${id}`);
    expect(unauthorized.status).toBe(401);
  });

  it('serves the dashboard, its chart library and the metrics with no file system', async () => {
    const library = await fetch(`${base}/dashboard/assets/uplot.js`);
    expect(library.status).toBe(200);
    expect(await library.text()).toMatch(/^\/\*! https:\/\/github.com\/leeoniya\/uPlot/);
    const auth = { headers: { authorization: `Bearer ${TOKEN}` } };
    const page = await fetch(`${base}/dashboard`, auth);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('data-chart=');
    const metrics = await fetch(`${base}/api/metrics`, auth);
    expect(metrics.status).toBe(200);
    expect(await metrics.json()).toHaveProperty('leakRate');
  });

  it('escalates a lapsed handoff on a scheduled event', async () => {
    const handoff = await db
      .selectFrom('handoffs')
      .select(['id', 'number'])
      .where('receiver_email', '=', 'bob@example.com')
      .executeTakeFirstOrThrow();
    // Pull the plan into the past: the window lapsed a minute ago and the manager's notice is due.
    await db
      .updateTable('deadlines')
      .set({ due_at: new Date(Date.now() - 60_000) })
      .where('handoff_id', '=', handoff.id)
      .where('kind', 'in', ['ack', 'escalation'])
      .where('level', '<=', 1)
      .execute();
    const response = await fetch(`${base}/cdn-cgi/handler/scheduled?cron=*+*+*+*+*`);
    expect(response.ok).toBe(true);
    const escalation = await waitFor(
      () => resend.sent.find((s) => s.body.to.includes('lena@example.com')),
      20_000,
      'the escalation email',
    );
    expect(escalation.body.subject).toContain(`H-${handoff.number}`);
    expect(escalation.body.text).toContain('Jane Roe');
  });

  it('rejects mail for an address Baton does not have at the SMTP level', async () => {
    const raw = await buildEml({
      from: 'x@y.z',
      to: 'sales@handoffs.example.com',
      subject: 'x',
      text: 'x',
      messageId: '<w2@x>',
    });
    const response = await fetch(`${base}/cdn-cgi/handler/email?from=x@y.z&to=sales@handoffs.example.com`, {
      method: 'POST',
      body: new Uint8Array(raw),
    });
    await response.text();
    // wrangler reports the rejection (what Email Routing turns into an SMTP 5xx) in its log.
    await waitFor(
      () => /rejected message with the following reason: "no such address/.test(output.join('')),
      5_000,
      'the rejection',
    );
    const stored = await db
      .selectFrom('inbound_messages')
      .select('id')
      .where('dedupe_key', '=', 'mid:<w2@x>')
      .execute();
    expect(stored).toHaveLength(0);
  });

  it('takes a signed Resend email.received webhook into the same pipeline, fetching the raw message', async () => {
    const raw = await buildEml({
      from: 'Maya Patel <maya@example.com>',
      to: 'handoff@handoffs.example.com',
      cc: 'Sam Lee <sam@example.com>',
      subject: 'Globex: renewal',
      messageId: '<worker-webhook-1@mail.example.com>',
      text: 'Lead: Hank Scorpio <hank@globex.io>\nSummary: Renewal due, wants a call.',
    });
    resend.received.set('em_worker_1', new Uint8Array(raw));
    const body = JSON.stringify({
      type: 'email.received',
      created_at: new Date().toISOString(),
      data: { email_id: 'em_worker_1', to: ['handoff@handoffs.example.com'], received_for: [] },
    });
    const signed = (id: string, payload: string) => {
      const timestamp = Math.floor(Date.now() / 1000);
      const mac = createHmac('sha256', WEBHOOK_KEY).update(`${id}.${timestamp}.${payload}`).digest('base64');
      return {
        'content-type': 'application/json',
        'svix-id': id,
        'svix-timestamp': String(timestamp),
        'svix-signature': `v1,${mac}`,
      };
    };
    const response = await fetch(`${base}/webhooks/resend`, {
      method: 'POST',
      headers: signed('msg_worker_1', body),
      body,
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'processed', outcome: 'handoff-opened' });
    const toSam = await waitFor(
      () => resend.sent.find((s) => s.body.to.includes('sam@example.com')),
      20_000,
      'the receiver’s email',
    );
    expect(toSam.body.text).toContain('Renewal due, wants a call.');
    const stored = await db
      .selectFrom('inbound_messages')
      .select(['source', 'status'])
      .where('dedupe_key', '=', 'mid:<worker-webhook-1@mail.example.com>')
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ source: 'resend', status: 'processed' });

    const forged = await fetch(`${base}/webhooks/resend`, {
      method: 'POST',
      headers: { ...signed('msg_worker_2', body), 'svix-signature': 'v1,AAAA' },
      body,
    });
    expect(forged.status).toBe(401);
    expect(((await forged.json()) as { error: { code: string } }).error.code).toBe('webhook_bad_signature');
  });
});
