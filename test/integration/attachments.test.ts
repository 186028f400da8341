import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { simpleParser } from 'mailparser';
import { afterEach, describe, expect, it } from 'vitest';
import { findHandoff } from '../../src/adapters/db/handoffs.ts';
import { createApp } from '../../src/adapters/http/app.ts';
import { parseMime } from '../../src/adapters/mail-in/parse-mime.ts';
import { createResendMailer } from '../../src/adapters/mail-out/resend.ts';
import { createHarness, type Harness } from '../support/harness.ts';
import { teamConfig } from '../support/team-config.ts';

const HANDOFF_ADDRESS = 'handoff@handoffs.example.com';
const MB = 1024 * 1024;

const COMPLETE = [
  'Hi Bob, the deck she asked about is attached.',
  '',
  'Lead: Jane Roe <jane@acme.io>, CTO at Acme',
  'Trigger: asked for a demo after the pricing webinar',
  'Summary: Evaluating SSO for 300 seats. Main worry is the Okta integration.',
].join('\n');

/** Bytes that start like the file they stand for, random after that (so a wrong offset shows). */
function fileBytes(header: string, size: number): Buffer {
  const bytes = randomBytes(size);
  bytes.write(header, 0, 'latin1');
  return bytes;
}

let harness: Harness | null = null;
afterEach(async () => {
  await harness?.close();
  harness = null;
});

async function inbox(h: Harness, to: string) {
  const entries = (await h.mailbox.list()).reverse().filter((e) => e.to.includes(to));
  return Promise.all(entries.map(async (e) => simpleParser((await h.mailbox.read(e.id))!.raw)));
}

/** Maya hands Jane Roe to Bob (on Cc) with these files attached to her email. */
async function handOffWith(
  h: Harness,
  attachments: { filename: string; content: Buffer; contentType?: string; cid?: string }[],
  html?: string,
) {
  const opened = await h.send({
    from: 'Maya Patel <maya@example.com>',
    to: HANDOFF_ADDRESS,
    cc: 'Bob Smith <bob@example.com>',
    subject: 'Acme: hot lead',
    text: COMPLETE,
    ...(html ? { html } : {}),
    messageId: '<giver-1@mail.example.com>',
    date: h.clock.now(),
    attachments,
  });
  expect(opened.outcome).toBe('handoff-opened');
  const row = await findHandoff(h.db, opened.handoffId!);
  return { handoffId: opened.handoffId!, reference: `H-${row!.number}` };
}

/** The giver answers the last email Baton sent her, in its thread. */
async function giverReplies(h: Harness, text: string) {
  const last = (await inbox(h, 'maya@example.com')).at(-1)!;
  const replyTo = last.replyTo!.value[0]!.address!;
  return h.send(
    {
      from: 'Maya Patel <maya@example.com>',
      to: replyTo,
      subject: `Re: ${last.subject}`,
      inReplyTo: last.messageId!,
      references: [last.messageId!],
      date: h.clock.now(),
      text,
    },
    [replyTo],
  );
}

function appFor(h: Harness) {
  return createApp({
    deps: () => h.deps,
    apiTokens: () => ['api-token'],
    parse: parseMime,
    mailbox: h.mailbox,
  });
}

/** Signs `address` in through the emailed link, as the dashboard does; the session cookie. */
async function signIn(h: Harness, app: ReturnType<typeof appFor>, address: string): Promise<string> {
  const form = (fields: Record<string, string>) => ({
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
  await app.request('http://localhost/dashboard/sign-in', form({ address, next: '/dashboard' }));
  const [link] = (await inbox(h, address))
    .reverse()
    .flatMap((m) => /https?:\/\/\S+\/dashboard\/sign-in\/[\w-]+/.exec(m.text ?? '') ?? []);
  if (!link) throw new Error(`no sign-in link for ${address}`);
  const response = await app.request(link, form({ next: '/dashboard' }));
  return (response.headers.get('set-cookie') ?? '').split(';')[0]!;
}

describe('attachments travel with the handoff', () => {
  it('attaches a 2 MB deck to the receiver’s email with identical bytes and lists it with its size, leaving out the signature logo', async () => {
    harness = await createHarness({ now: '2026-11-24T09:00:00Z' });
    const h = harness;
    const deck = fileBytes('%PDF-1.7\n', 2 * MB);
    const logo = fileBytes('\x89PNG\r\n\x1a\n', 4_000);
    const { handoffId } = await handOffWith(
      h,
      [
        { filename: 'acme-deck.pdf', content: deck, contentType: 'application/pdf' },
        { filename: 'logo.png', content: logo, contentType: 'image/png', cid: 'logo@maya' },
      ],
      `<p>${COMPLETE.replace(/\n/g, '<br>')}</p><p>Maya<br><img src="cid:logo@maya"></p>`,
    );

    const row = await findHandoff(h.db, handoffId);
    expect(row?.attachments).toEqual([
      expect.objectContaining({ filename: 'acme-deck.pdf', contentType: 'application/pdf', size: 2 * MB }),
    ]);

    const [request] = await inbox(h, 'bob@example.com');
    expect(request?.headers.get('x-baton-kind')).toBe('handoff-request');
    expect(request?.text).toContain('File from Maya Patel:');
    expect(request?.text).toContain('acme-deck.pdf, 2.0 MB — attached');
    expect(request?.text).not.toContain('logo.png');
    expect(request?.attachments.map((a) => a.filename)).toEqual(['acme-deck.pdf']);
    expect(request?.attachments[0]?.contentType).toBe('application/pdf');
    expect(Buffer.compare(request!.attachments[0]!.content, deck)).toBe(0);

    // The giver's receipt carries no copy of her own file.
    const [receipt] = await inbox(h, 'maya@example.com');
    expect(receipt?.attachments).toEqual([]);
  });

  it('links a file above the size limit to the handoff’s page instead of attaching it, and attaches the small one that still fits', async () => {
    harness = await createHarness({
      now: '2026-11-24T09:00:00Z',
      config: { ...teamConfig, attachmentMaxBytes: 1 * MB },
    });
    const h = harness;
    const video = fileBytes('\x00\x00\x00\x18ftypmp42', 1.5 * MB);
    const sheet = fileBytes('PK\x03\x04', 100 * 1024);
    const { reference } = await handOffWith(h, [
      { filename: 'walkthrough.mp4', content: video, contentType: 'video/mp4' },
      { filename: 'pricing.xlsx', content: sheet },
    ]);

    const [request] = await inbox(h, 'bob@example.com');
    expect(request?.text).toContain('walkthrough.mp4, 1.5 MB — too large to attach');
    expect(request?.text).toContain('pricing.xlsx, 100 KB — attached');
    expect(request?.attachments.map((a) => a.filename)).toEqual(['pricing.xlsx']);
    expect(Buffer.compare(request!.attachments[0]!.content, sheet)).toBe(0);
    const link = `https://baton.test/dashboard/handoffs/${reference}/attachments/1`;
    expect(request?.text).toContain(link);
    expect(request?.html).toContain(`href="${link}"`);

    // The link serves the bytes to whoever may open the handoff's page, and to nobody else.
    const app = appFor(h);
    const path = new URL(link).pathname;
    const byToken = await app.request(path, { headers: { authorization: 'Bearer api-token' } });
    expect(byToken.status).toBe(200);
    expect(byToken.headers.get('content-type')).toBe('video/mp4');
    expect(byToken.headers.get('content-disposition')).toContain('filename="walkthrough.mp4"');
    expect(Buffer.compare(Buffer.from(await byToken.arrayBuffer()), video)).toBe(0);

    const bob = await signIn(h, app, 'bob@example.com');
    const byReceiver = await app.request(path, { headers: { cookie: bob } });
    expect(byReceiver.status).toBe(200);
    expect(Buffer.compare(Buffer.from(await byReceiver.arrayBuffer()), video)).toBe(0);

    const anonymous = await app.request(path);
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get('location')).toBe(`/dashboard/sign-in?next=${encodeURIComponent(path)}`);

    // Sam neither gave nor received it, and manages nobody who did.
    const sam = await signIn(h, app, 'sam@example.com');
    const bySam = await app.request(path, { headers: { cookie: sam } });
    expect(bySam.status).toBe(404);
    expect(await bySam.text()).not.toContain('ftyp');

    const wrongToken = await app.request(path, { headers: { authorization: 'Bearer nope' } });
    expect(wrongToken.status).toBe(303);
    const noSuchFile = await app.request(`/dashboard/handoffs/${reference}/attachments/3`, {
      headers: { authorization: 'Bearer api-token' },
    });
    expect(noSuchFile.status).toBe(404);

    // The handoff's page lists both files with their download links.
    const page = await app.request(`/dashboard/handoffs/${reference}`, { headers: { cookie: bob } });
    const html = await page.text();
    expect(html).toContain(`href="/dashboard/handoffs/${reference}/attachments/1"`);
    expect(html).toContain(`href="/dashboard/handoffs/${reference}/attachments/2"`);
  });

  it('carries the same files when the giver nudges and when the handoff is reassigned', async () => {
    harness = await createHarness({ now: '2026-11-24T09:00:00Z' });
    const h = harness;
    const deck = fileBytes('%PDF-1.7\n', 300 * 1024);
    await handOffWith(h, [{ filename: 'acme-deck.pdf', content: deck, contentType: 'application/pdf' }]);

    expect((await giverReplies(h, 'Any update?')).outcome).toBe('nudged');
    const toBob = await inbox(h, 'bob@example.com');
    expect(toBob.map((m) => m.headers.get('x-baton-kind'))).toEqual(['handoff-request', 'handoff-request']);
    expect(toBob[1]?.text).toContain('acme-deck.pdf, 300 KB — attached');
    expect(Buffer.compare(toBob[1]!.attachments[0]!.content, deck)).toBe(0);

    expect((await giverReplies(h, 'Reassign to sam@example.com please.')).outcome).toBe('reassigned');
    const [toSam] = await inbox(h, 'sam@example.com');
    expect(toSam?.headers.get('x-baton-kind')).toBe('handoff-request');
    expect(toSam?.text).toContain('acme-deck.pdf, 300 KB — attached');
    expect(toSam?.attachments.map((a) => a.filename)).toEqual(['acme-deck.pdf']);
    expect(Buffer.compare(toSam!.attachments[0]!.content, deck)).toBe(0);
  });

  it('carries a file the giver sends with the missing fields, once, next to the first email’s', async () => {
    harness = await createHarness({ now: '2026-11-24T09:00:00Z' });
    const h = harness;
    const deck = fileBytes('%PDF-1.7\n', 80 * 1024);
    const notes = fileBytes('PK\x03\x04', 20 * 1024);
    const draft = await h.send({
      from: 'Maya Patel <maya@example.com>',
      to: HANDOFF_ADDRESS,
      cc: 'Bob Smith <bob@example.com>',
      subject: 'Acme: hot lead',
      text: 'Lead: Jane Roe <jane@acme.io>\nTrigger: demo request',
      messageId: '<giver-1@mail.example.com>',
      date: h.clock.now(),
      attachments: [{ filename: 'notes.docx', content: notes }],
    });
    expect(draft.outcome).toBe('draft-missing-fields');
    const ask = (await inbox(h, 'maya@example.com')).at(-1)!;
    const replyTo = ask.replyTo!.value[0]!.address!;
    const completed = await h.send(
      {
        from: 'Maya Patel <maya@example.com>',
        to: replyTo,
        subject: `Re: ${ask.subject}`,
        inReplyTo: ask.messageId!,
        date: h.clock.now(),
        text: 'Summary: Evaluating SSO for 300 seats; the deck is attached.',
        attachments: [
          { filename: 'acme-deck.pdf', content: deck, contentType: 'application/pdf' },
          { filename: 'notes.docx', content: notes },
        ],
      },
      [replyTo],
    );
    expect(completed.outcome).toBe('handoff-opened');
    const [request] = await inbox(h, 'bob@example.com');
    expect(request?.attachments.map((a) => a.filename)).toEqual(['notes.docx', 'acme-deck.pdf']);
    expect(Buffer.compare(request!.attachments[0]!.content, notes)).toBe(0);
    expect(Buffer.compare(request!.attachments[1]!.content, deck)).toBe(0);
  });

  it('says so in the email when a file can no longer be read back from the stored message, instead of dropping it', async () => {
    harness = await createHarness({ now: '2026-11-24T09:00:00Z' });
    const h = harness;
    const deck = fileBytes('%PDF-1.7\n', 50 * 1024);
    const { handoffId, reference } = await handOffWith(h, [
      { filename: 'acme-deck.pdf', content: deck, contentType: 'application/pdf' },
    ]);
    // The stored description no longer matches the stored bytes (as if the message had changed).
    await sql`update handoffs set attachments = jsonb_set(attachments, '{0,checksum}', '"0000"')
      where id = ${handoffId}`.execute(h.db);

    expect((await giverReplies(h, 'Any update?')).outcome).toBe('nudged');
    const nudge = (await inbox(h, 'bob@example.com')).at(-1)!;
    expect(nudge.text).toContain(
      'acme-deck.pdf, 50 KB — could not be attached; ask Maya Patel to send it again',
    );
    expect(nudge.attachments).toEqual([]);

    const download = await appFor(h).request(`/dashboard/handoffs/${reference}/attachments/1`, {
      headers: { authorization: 'Bearer api-token' },
    });
    expect(download.status).toBe(404);
    expect(await download.text()).toContain('could not be read back');
  });

  it('hands the attachments to Resend through the SDK, base64 with their names and types', async () => {
    const bodies: {
      to: string[];
      attachments?: { filename: string; content: string; content_type: string }[];
    }[] = [];
    const server: Server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        bodies.push(JSON.parse(Buffer.concat(chunks).toString()));
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: 're_1' }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      harness = await createHarness({ now: '2026-11-24T09:00:00Z' });
      const h = harness;
      h.deps.mailer = createResendMailer('re_test_key', {
        baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      });
      const deck = fileBytes('%PDF-1.7\n', 2 * MB);
      await handOffWith(h, [{ filename: 'acme-deck.pdf', content: deck, contentType: 'application/pdf' }]);

      const request = bodies.find((b) => b.to.some((to) => to.includes('bob@example.com')));
      expect(request?.attachments).toHaveLength(1);
      expect(request?.attachments?.[0]).toMatchObject({
        filename: 'acme-deck.pdf',
        content_type: 'application/pdf',
      });
      expect(Buffer.compare(Buffer.from(request!.attachments![0]!.content, 'base64'), deck)).toBe(0);
      const receipt = bodies.find((b) => b.to.some((to) => to.includes('maya@example.com')));
      expect(receipt?.attachments).toBeUndefined();
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
