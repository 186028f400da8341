import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderMailboxList, renderMailboxMessage } from '../../src/adapters/http/mailbox-page.ts';
import { createLocalMailbox } from '../../src/adapters/mail-out/local-mailbox.ts';
import type { OutboundEmail } from '../../src/adapters/mail-out/mailer.ts';
import { createResendMailer } from '../../src/adapters/mail-out/resend.ts';

function email(overrides: Partial<OutboundEmail> = {}): OutboundEmail {
  return {
    id: 'outbox-1',
    from: 'Baton <handoff@handoffs.example.com>',
    to: ['Bob Smith <bob@example.com>'],
    cc: ['dana@example.com'],
    replyTo: 'reply+tok123@handoffs.example.com',
    subject: 'Handoff H-1042: Acme Corp — please acknowledge',
    html: '<p>Hello <b>Bob</b>, Acme needs a call.</p>',
    text: 'Hello Bob, Acme needs a call.\nReply "got it" to acknowledge.',
    messageId: '<h-1042.r1.abc@handoffs.example.com>',
    inReplyTo: '<h-1042.r0.xyz@handoffs.example.com>',
    references: ['<root@example.com>', '<h-1042.r0.xyz@handoffs.example.com>'],
    headers: { 'Auto-Submitted': 'auto-generated', 'X-Baton-Handoff': 'H-1042' },
    returnPath: 'bounce+outbox-1@handoffs.example.com',
    ...overrides,
  };
}

describe('local mailbox', () => {
  let dir: string;

  beforeEach(async () => {
    dir = join(await mkdtemp(join(tmpdir(), 'baton-mailbox-')), 'mailbox');
  });
  afterEach(async () => {
    await rm(join(dir, '..'), { recursive: true, force: true });
  });

  it('writes a valid .eml whose headers and bodies read back exactly', async () => {
    const mailbox = createLocalMailbox(dir);
    const result = await mailbox.send(email());
    expect(result.ok).toBe(true);

    const files = await readdir(dir);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^\d{8}T\d{6}\.\d{3}Z-outbox-1\.eml$/);

    const raw = await readFile(join(dir, files[0]!));
    const parsed = await simpleParser(raw);
    expect(parsed.messageId).toBe('<h-1042.r1.abc@handoffs.example.com>');
    expect(parsed.inReplyTo).toBe('<h-1042.r0.xyz@handoffs.example.com>');
    expect(parsed.references).toEqual(['<root@example.com>', '<h-1042.r0.xyz@handoffs.example.com>']);
    expect(parsed.replyTo?.value[0]?.address).toBe('reply+tok123@handoffs.example.com');
    expect(parsed.headers.get('auto-submitted')).toBe('auto-generated');
    expect(parsed.headers.get('x-baton-handoff')).toBe('H-1042');
    expect(parsed.headers.get('return-path')).toMatchObject({
      value: [{ address: 'bounce+outbox-1@handoffs.example.com' }],
    });
    expect(parsed.from?.value[0]).toEqual({ name: 'Baton', address: 'handoff@handoffs.example.com' });
    expect(parsed.to && !Array.isArray(parsed.to) ? parsed.to.value[0]?.address : null).toBe(
      'bob@example.com',
    );
    expect(parsed.cc && !Array.isArray(parsed.cc) ? parsed.cc.value[0]?.address : null).toBe(
      'dana@example.com',
    );
    expect(parsed.subject).toBe('Handoff H-1042: Acme Corp — please acknowledge');
    expect(parsed.date).toBeInstanceOf(Date);
    expect(parsed.html).toContain('<p>Hello <b>Bob</b>, Acme needs a call.</p>');
    expect(parsed.text?.trim()).toBe('Hello Bob, Acme needs a call.\nReply "got it" to acknowledge.');
    expect(raw.toString()).toMatch(/Content-Type: multipart\/alternative/);
  });

  it('writes one file when the same outbox id is sent twice, even concurrently', async () => {
    const mailbox = createLocalMailbox(dir);
    const results = await Promise.all([mailbox.send(email()), mailbox.send(email())]);
    const again = await mailbox.send(email({ subject: 'changed' }));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(again.ok).toBe(true);
    expect(await readdir(dir)).toHaveLength(1);
    // A fresh instance over the same directory still sees the stored id.
    await createLocalMailbox(dir).send(email());
    expect(await readdir(dir)).toHaveLength(1);
    expect((await mailbox.read('outbox-1'))?.subject).toBe('Handoff H-1042: Acme Corp — please acknowledge');
  });

  it('lists newest first and reads a message back by id', async () => {
    const mailbox = createLocalMailbox(dir);
    await mailbox.send(email({ id: 'a', subject: 'first' }));
    await mailbox.send(email({ id: 'b', subject: 'second' }));
    await mailbox.send(email({ id: 'c', subject: 'third', cc: [] }));

    const entries = await mailbox.list();
    expect(entries.map((e) => [e.id, e.subject])).toEqual([
      ['c', 'third'],
      ['b', 'second'],
      ['a', 'first'],
    ]);
    expect(entries[0]).toMatchObject({
      from: 'Baton <handoff@handoffs.example.com>',
      to: ['Bob Smith <bob@example.com>'],
    });
    expect(entries[0]!.date.getTime()).toBeGreaterThan(entries[2]!.date.getTime());

    const message = await mailbox.read('b');
    expect(message).not.toBeNull();
    expect(message!.headers['message-id']).toBe('<h-1042.r1.abc@handoffs.example.com>');
    expect(message!.headers['auto-submitted']).toBe('auto-generated');
    expect(message!.html).toContain('<b>Bob</b>');
    expect(message!.text).toContain('Reply "got it"');
    expect(message!.raw.toString()).toContain('Subject: second');
    expect(await mailbox.read('missing')).toBeNull();
  });

  it('keeps ids that look like paths inside the mailbox directory', async () => {
    const mailbox = createLocalMailbox(dir);
    expect((await mailbox.send(email({ id: '../../escape' }))).ok).toBe(true);
    const files = await readdir(dir);
    expect(files).toHaveLength(1);
    expect(files[0]).not.toContain('/');
    expect((await mailbox.list())[0]?.id).toBe('../../escape');
    expect((await mailbox.read('../../escape'))?.subject).toBe(email().subject);
    expect(await mailbox.read('../escape')).toBeNull();
  });

  it('creates its directory when missing', async () => {
    const mailbox = createLocalMailbox(join(dir, 'nested', 'deeper'));
    expect(await mailbox.list()).toEqual([]);
    expect((await mailbox.send(email())).ok).toBe(true);
    expect(await mailbox.list()).toHaveLength(1);
  });
});

describe('mailbox page', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'baton-mailbox-page-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('escapes a <script> subject and body in the list and the message view', async () => {
    const mailbox = createLocalMailbox(dir);
    await mailbox.send(
      email({
        id: 'x"1',
        subject: '<script>alert("s")</script>',
        html: '<p>hi</p><script>alert("h")</script><a href="x">"q"</a>',
        text: '</pre><script>alert("t")</script>',
      }),
    );
    const list = renderMailboxList(await mailbox.list());
    expect(list).not.toContain('<script>');
    expect(list).toContain('&lt;script&gt;alert(&quot;s&quot;)&lt;/script&gt;');
    expect(list).toContain('href="/mailbox/x%221"');
    expect(list).toContain('href="/mailbox/x%221#text"');

    const page = renderMailboxMessage((await mailbox.read('x"1'))!);
    expect(page).not.toContain('<script>');
    expect(page).not.toContain('</pre><script');
    // The HTML body lives only inside the sandboxed frame's srcdoc attribute, fully escaped.
    expect(page).toMatch(
      /<iframe [^>]*sandbox="[^"]*"[^>]*srcdoc="[^"]*&lt;script&gt;alert\(&quot;h&quot;\)/,
    );
    expect(page).not.toMatch(/sandbox="[^"]*allow-scripts/);
    expect(page).toContain('<pre>&lt;/pre&gt;&lt;script&gt;');
    expect(page).toContain('href="/mailbox/x%221.eml"');
    expect(page).toContain('&lt;h-1042.r1.abc@handoffs.example.com&gt;');
  });

  it('says so when the mailbox is empty', () => {
    expect(renderMailboxList([])).toContain('No messages yet.');
  });
});

type Recorded = { method: string; url: string; headers: IncomingHttpHeaders; body: string };

describe('Resend mailer (real SDK against a local fake API)', () => {
  let server: Server;
  let baseUrl: string;
  let requests: Recorded[];
  let reply: { status: number; body: string };

  beforeEach(async () => {
    requests = [];
    reply = { status: 200, body: JSON.stringify({ id: 're_123' }) };
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        requests.push({
          method: req.method ?? '',
          url: req.url ?? '',
          headers: req.headers,
          body: Buffer.concat(chunks).toString(),
        });
        res.writeHead(reply.status, { 'content-type': 'application/json' }).end(reply.body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterEach(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('posts /emails with the bearer key, the outbox id as Idempotency-Key and the threading headers', async () => {
    const mailer = createResendMailer('re_test_key', { baseUrl });
    const result = await mailer.send(email());
    expect(result).toEqual({ ok: true, providerId: 're_123' });

    expect(requests).toHaveLength(1);
    const [request] = requests;
    expect(request!.method).toBe('POST');
    expect(request!.url).toBe('/emails');
    expect(request!.headers.authorization).toBe('Bearer re_test_key');
    expect(request!.headers['idempotency-key']).toBe('outbox-1');
    expect(request!.headers['content-type']).toBe('application/json');
    const body = JSON.parse(request!.body);
    expect(body).toMatchObject({
      from: 'Baton <handoff@handoffs.example.com>',
      to: ['Bob Smith <bob@example.com>'],
      cc: ['dana@example.com'],
      reply_to: 'reply+tok123@handoffs.example.com',
      subject: 'Handoff H-1042: Acme Corp — please acknowledge',
      html: '<p>Hello <b>Bob</b>, Acme needs a call.</p>',
      text: 'Hello Bob, Acme needs a call.\nReply "got it" to acknowledge.',
      headers: {
        'Message-ID': '<h-1042.r1.abc@handoffs.example.com>',
        'In-Reply-To': '<h-1042.r0.xyz@handoffs.example.com>',
        References: '<root@example.com> <h-1042.r0.xyz@handoffs.example.com>',
        'Auto-Submitted': 'auto-generated',
        'X-Baton-Handoff': 'H-1042',
      },
    });
  });

  it('omits reply-to, cc and threading headers that are not set', async () => {
    const mailer = createResendMailer('re_test_key', { baseUrl: `${baseUrl}/` });
    await mailer.send(email({ replyTo: null, cc: [], inReplyTo: null, references: [] }));
    expect(requests[0]!.url).toBe('/emails');
    const body = JSON.parse(requests[0]!.body);
    expect(body.reply_to).toBeUndefined();
    expect(body.cc).toBeUndefined();
    expect(Object.keys(body.headers).sort()).toEqual(['Auto-Submitted', 'Message-ID', 'X-Baton-Handoff']);
  });

  it('reports a 500 as a retryable failure', async () => {
    reply = {
      status: 500,
      body: JSON.stringify({ statusCode: 500, name: 'internal_server_error', message: 'boom' }),
    };
    const result = await createResendMailer('re_test_key', { baseUrl }).send(email());
    expect(result).toMatchObject({ ok: false, retryable: true });
  });

  it('reports a 500 with a non-JSON body as retryable', async () => {
    reply = { status: 502, body: '<html>bad gateway</html>' };
    const result = await createResendMailer('re_test_key', { baseUrl }).send(email());
    expect(result).toMatchObject({ ok: false, retryable: true });
  });

  it('reports a 429 as retryable', async () => {
    reply = {
      status: 429,
      body: JSON.stringify({ statusCode: 429, name: 'rate_limit_exceeded', message: 'slow down' }),
    };
    const result = await createResendMailer('re_test_key', { baseUrl }).send(email());
    expect(result).toMatchObject({ ok: false, retryable: true });
  });

  it('reports a 422 validation error as final, with the reason', async () => {
    reply = {
      status: 422,
      body: JSON.stringify({ statusCode: 422, name: 'validation_error', message: 'Invalid `to` field.' }),
    };
    const result = await createResendMailer('re_test_key', { baseUrl }).send(email());
    expect(result).toMatchObject({ ok: false, retryable: false });
    expect(!result.ok && result.error).toContain('validation_error');
    expect(!result.ok && result.error).not.toContain('re_test_key');
  });

  it('reports a refused connection as retryable', async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const result = await createResendMailer('re_test_key', { baseUrl }).send(email());
    expect(result).toMatchObject({ ok: false, retryable: true });
    // Reopen so afterEach can close it.
    server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });

  it('gives up on a stalled endpoint after the timeout, retryably', async () => {
    const stalled = createServer(() => {
      // Never answers.
    });
    await new Promise<void>((resolve) => stalled.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(stalled.address() as AddressInfo).port}`;
      const result = await createResendMailer('re_test_key', { baseUrl: url, timeoutMs: 200 }).send(email());
      expect(result).toMatchObject({ ok: false, retryable: true });
    } finally {
      stalled.closeAllConnections();
      await new Promise<void>((resolve) => stalled.close(() => resolve()));
    }
  });
});
