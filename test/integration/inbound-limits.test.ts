import { simpleParser } from 'mailparser';
import MailComposer from 'nodemailer/lib/mail-composer';
import { afterEach, describe, expect, it } from 'vitest';
import { findInbound } from '../../src/adapters/db/inbound-messages.ts';
import { createApp } from '../../src/adapters/http/app.ts';
import { parseMime } from '../../src/adapters/mail-in/parse-mime.ts';
import { createHarness, type Harness } from '../support/harness.ts';

let harness: Harness | null = null;
afterEach(async () => {
  await harness?.close();
  harness = null;
});

const FIELDS =
  'Lead: Jane Roe <jane@acme.io>\nTrigger: pricing webinar\nSummary: Wants SSO for 300 seats.\nChannel: phone';

const HEAD = [
  'From: Maya Patel <maya@example.com>',
  'To: handoff@handoffs.example.com',
  'Cc: bob@example.com',
  'Subject: Acme: hot lead',
  'Date: Tue, 24 Nov 2026 14:00:00 +0000',
];

function raw(headers: string[], body = FIELDS.replace(/\n/g, '\r\n')): Buffer {
  return Buffer.from([...headers, 'Content-Type: text/plain; charset=utf-8', '', body, ''].join('\r\n'));
}

async function outboxCount(h: Harness) {
  const row = await h.db
    .selectFrom('outbound_messages')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describe('abusive message shapes', () => {
  it.each([
    [
      '5,000 header fields',
      raw([...HEAD, ...Array.from({ length: 5_000 }, (_, i) => `X-Junk-${i}: x`)]),
      /more than 1000 header fields/,
    ],
    [
      'a 200 KB header field',
      raw([...HEAD, `X-Long: ${'a'.repeat(200 * 1024)}`]),
      /a header field of \d+ bytes \(limit 65536\)/,
    ],
    [
      'a header folded over 20,000 lines',
      raw([...HEAD, 'X-Folded: a', ...Array.from({ length: 20_000 }, () => ' b')]),
      /a header field of \d+ bytes/,
    ],
    [
      'a header block over 512 KB',
      raw([...HEAD, ...Array.from({ length: 900 }, (_, i) => `X-H${i}: ${'h'.repeat(700)}`)]),
      /a header block over 524288 bytes/,
    ],
    [
      'a 5 MB line',
      raw(HEAD, `${FIELDS.replace(/\n/g, '\r\n')}\r\n${'z'.repeat(5 * 1024 * 1024)}`),
      /a line of \d+ bytes \(limit 4194304\)/,
    ],
  ])(
    'stores a message with %s, records why it was refused, and acts on nothing',
    async (_, message, error) => {
      harness = await createHarness();
      const h = harness;
      const outcome = await h.receive(message);
      expect(outcome).toMatchObject({ status: 'failed', handoffId: null });
      const row = await findInbound(h.db, outcome.inboundId);
      expect(row).toMatchObject({ status: 'failed', error_kind: 'limit' });
      expect(row?.error_message).toMatch(error);
      expect(Buffer.from(row!.raw).equals(message)).toBe(true);
      expect(await outboxCount(h)).toBe(0);
    },
  );
});

describe('bytes PostgreSQL text cannot hold', () => {
  it('stores and acts on a message with NUL bytes in its Message-ID, subject, sender name and body', async () => {
    harness = await createHarness();
    const h = harness;
    const message = raw(
      [
        'From: Maya\u0000 Patel <maya@example.com>',
        'To: handoff@handoffs.example.com',
        'Cc: bob@example.com',
        'Subject: Acme\u0000 lead',
        'Message-ID: <nul\u0000id@example.com>',
      ],
      `${FIELDS.replace(/\n/g, '\r\n')}\r\nNote: a\u0000b\r\n`,
    );
    const outcome = await h.receive(message);
    expect(outcome).toMatchObject({ status: 'processed', outcome: 'handoff-opened' });
    expect(Buffer.from((await findInbound(h.db, outcome.inboundId))!.raw).equals(message)).toBe(true);
  });
});

describe('inbound content in what Baton shows', () => {
  it('keeps attachments in the stored raw message and never renders them in an email body or a page', async () => {
    harness = await createHarness();
    const h = harness;
    const message = await new MailComposer({
      from: 'Maya Patel <maya@example.com>',
      to: 'handoff@handoffs.example.com',
      cc: 'bob@example.com',
      subject: 'Acme: hot lead',
      text: FIELDS,
      attachments: [
        { filename: 'notes.html', contentType: 'text/html', content: '<script>alert("attached")</script>' },
        {
          filename: 'tool.exe',
          contentType: 'application/octet-stream',
          content: Buffer.from('MZ-payload-bytes'),
        },
      ],
    })
      .compile()
      .build();
    const outcome = await h.receive(message);
    expect(outcome.outcome).toBe('handoff-opened');
    expect(Buffer.from((await findInbound(h.db, outcome.inboundId))!.raw).equals(message)).toBe(true);
    const stored = await parseMime((await findInbound(h.db, outcome.inboundId))!.raw);
    expect(stored.parts.map((p) => p.filename)).toEqual(['notes.html', 'tool.exe']);

    const app = createApp({
      deps: () => h.deps,
      apiTokens: () => ['t'],
      parse: parseMime,
      mailbox: h.mailbox,
    });
    for (const entry of await h.mailbox.list()) {
      const email = await simpleParser((await h.mailbox.read(entry.id))!.raw);
      // The receiver's email may carry the files as attachments (issue 14), never in its body.
      expect(`${email.html || ''}\n${email.text ?? ''}`).not.toMatch(/alert\("attached"\)|MZ-payload/);
      for (const file of email.attachments) expect(['notes.html', 'tool.exe']).toContain(file.filename);
      const page = await (await app.request(`/mailbox/${encodeURIComponent(entry.id)}`)).text();
      expect(page).not.toMatch(/alert\(&quot;attached|alert\("attached|MZ-payload/);
    }
  });

  it('never renders markup from an inbound message unescaped in the mailbox pages or the API', async () => {
    harness = await createHarness();
    const h = harness;
    const hostile =
      '<script>alert(1)</script><img src=x onerror=alert(2)><iframe src="https://evil.example"></iframe>';
    const outcome = await h.send({
      from: 'Maya Patel <maya@example.com>',
      to: 'handoff@handoffs.example.com',
      cc: 'bob@example.com',
      subject: `Acme ${hostile}`,
      text: `Lead: Jane Roe <jane@acme.io>\nTrigger: webinar ${hostile}\nSummary: Wants SSO ${hostile}\nChannel: phone\nNote: ${hostile}`,
      html: `<p>Lead: Jane Roe</p>${hostile}`,
    });
    expect(outcome.outcome).toBe('handoff-opened');
    const app = createApp({
      deps: () => h.deps,
      apiTokens: () => ['t'],
      parse: parseMime,
      mailbox: h.mailbox,
    });
    const pages = [await (await app.request('/mailbox')).text()];
    for (const entry of await h.mailbox.list()) {
      const email = (await h.mailbox.read(entry.id))!;
      // The emails Baton wrote carry the hostile text escaped, as text.
      expect(email.html ?? '').not.toMatch(/<script|<img src=x|<iframe src="https:\/\/evil/i);
      pages.push(await (await app.request(`/mailbox/${encodeURIComponent(entry.id)}`)).text());
    }
    expect(pages.length).toBeGreaterThan(2);
    for (const page of pages) {
      expect(page).not.toMatch(/<script|<img src=x|<iframe src="https:\/\/evil/i);
      // Nor once the srcdoc attribute is decoded, as the browser does before rendering the frame.
      for (const [, srcdoc] of page.matchAll(/srcdoc="([^"]*)"/g)) {
        const decoded = srcdoc!
          .replace(/&quot;/g, '"')
          .replace(/&lt;/g, '<')
          .replace(/&gt;/g, '>')
          .replace(/&#39;/g, "'")
          .replace(/&amp;/g, '&');
        expect(decoded).not.toMatch(/<script>alert|<img src=x|<iframe src="https:\/\/evil/i);
      }
    }
    const api = await app.request(`/api/handoffs/${outcome.handoffId}`, {
      headers: { authorization: 'Bearer t' },
    });
    expect(api.status).toBe(200);
    expect(api.headers.get('content-type')).toMatch(/^application\/json/);
    expect(api.headers.get('x-content-type-options')).toBe('nosniff');
  });
});
