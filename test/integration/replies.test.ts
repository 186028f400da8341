import { simpleParser } from 'mailparser';
import { afterEach, describe, expect, it } from 'vitest';
import { findHandoff } from '../../src/adapters/db/handoffs.ts';
import { submitHandoff } from '../../src/app/hand-off-by-api.ts';
import { tick } from '../../src/app/tick.ts';
import { buildEml, type EmlInput } from '../support/eml.ts';
import { escalationConfig } from '../support/escalation-config.ts';
import { createHarness, type Harness } from '../support/harness.ts';

let harness: Harness | null = null;
afterEach(async () => {
  await harness?.close();
  harness = null;
});

/** Bob (Berlin) receives a handoff from Maya (New York) on Tuesday 10:00 Berlin time. */
async function setup() {
  harness = await createHarness({ now: '2026-11-24T09:00:00Z', config: escalationConfig });
  const h = harness;
  const result = await submitHandoff(
    h.deps,
    {
      giver: 'maya@example.com',
      receiver: 'bob@example.com',
      fields: { lead: 'Jane Roe <jane@acme.io>', summary: 'Wants SSO.' },
    },
    null,
  );
  if (!result.ok) throw new Error(result.message);
  return { h, handoff: result.handoff };
}

async function inbox(h: Harness, to: string) {
  const entries = (await h.mailbox.list()).reverse().filter((e) => e.to.includes(to));
  return Promise.all(entries.map(async (e) => simpleParser((await h.mailbox.read(e.id))!.raw)));
}

/** Replies to the last email `from` received, as their mail client would. */
async function reply(h: Harness, from: string, text: string, extra: Partial<EmlInput> = {}) {
  const last = (await inbox(h, from)).at(-1)!;
  const replyTo = last.replyTo!.value[0]!.address!;
  return h.send(
    {
      from,
      to: replyTo,
      subject: `Re: ${last.subject}`,
      inReplyTo: last.messageId!,
      references: [last.messageId!],
      date: h.clock.now(),
      text: `${text}\n\nOn Tue, Nov 24, 2026 at 10:00 AM Baton <handoff@handoffs.example.com> wrote:\n> ${last.text?.split('\n')[0]}\n> ...`,
      ...extra,
    },
    [replyTo],
  );
}

/** A Postfix-style RFC 3464 report: bob@example.com's mailbox does not exist. */
function deliveryReport(to: string, originalMessageId: string): string {
  return [
    'From: Mail Delivery System <MAILER-DAEMON@mx.example.com>',
    `To: ${to}`,
    'Subject: Undelivered Mail Returned to Sender',
    'Date: Tue, 24 Nov 2026 09:01:00 +0000',
    'Message-ID: <dsn-1@mx.example.com>',
    'Auto-Submitted: auto-replied',
    'MIME-Version: 1.0',
    'Content-Type: multipart/report; report-type=delivery-status; boundary="b1"',
    '',
    '--b1',
    'Content-Type: text/plain',
    '',
    'This is the mail system at host mx.example.com. Your message could not be delivered.',
    '',
    '--b1',
    'Content-Type: message/delivery-status',
    '',
    'Reporting-MTA: dns; mx.example.com',
    '',
    'Final-Recipient: rfc822; bob@example.com',
    'Action: failed',
    'Status: 5.1.1',
    'Diagnostic-Code: smtp; 550 5.1.1 <bob@example.com>: Recipient address rejected: User unknown',
    '',
    '--b1',
    'Content-Type: text/rfc822-headers',
    '',
    `Message-ID: ${originalMessageId}`,
    'To: bob@example.com',
    '',
    '--b1--',
    '',
  ].join('\r\n');
}

const kinds = async (h: Harness, to: string) =>
  (await inbox(h, to)).map((m) => m.headers.get('x-baton-kind'));

describe('replies to a handoff', () => {
  it('acknowledges a specific commitment, stores action and due time, and tells the giver in both local times', async () => {
    const { h, handoff } = await setup();
    const result = await reply(
      h,
      'bob@example.com',
      "Hi Maya,\n\nI'll call Jane tomorrow at 10 AM about the SSO pilot.\n\nBob",
    );
    expect(result.outcome).toBe('acknowledged');
    const stored = await findHandoff(h.db, handoff.id);
    expect(stored?.state).toBe('acknowledged');
    expect(stored?.action).toContain("I'll call Jane tomorrow at 10 AM about the SSO pilot");
    expect(stored?.due_at?.toISOString()).toBe('2026-11-25T09:00:00.000Z');
    const told = (await inbox(h, 'maya@example.com')).at(-1)!;
    expect(told.headers.get('x-baton-kind')).toBe('acknowledged');
    expect(told.text).toContain('call Jane tomorrow at 10 AM');
    expect(told.text).toContain('Wed 25 Nov 2026, 10:00'); // Berlin
    expect(told.text).toContain('Wed 25 Nov 2026, 04:00'); // New York
    expect(told.inReplyTo).toBeTruthy();
  });

  it('reads the due time against the moment Baton received a reply that carries no Date header', async () => {
    const { h, handoff } = await setup();
    const last = (await inbox(h, 'bob@example.com')).at(-1)!;
    const replyTo = last.replyTo!.value[0]!.address!;
    const eml = await buildEml({
      from: 'bob@example.com',
      to: replyTo,
      subject: `Re: ${last.subject}`,
      inReplyTo: last.messageId!,
      text: "I'll call Jane Thursday at 2pm about the SSO pilot.",
    });
    // Python's smtplib recipe in the README sends no Date header at all.
    const withoutDate = Buffer.from(eml.toString().replace(/^Date: .*\r?\n/m, ''));
    expect(withoutDate.toString()).not.toMatch(/^Date:/m);
    const result = await h.receive(withoutDate, [replyTo]);
    expect(result.outcome).toBe('acknowledged');
    // Received Tue 24 Nov 09:00 UTC: Thursday 14:00 in Berlin.
    expect((await findHandoff(h.db, handoff.id))?.due_at?.toISOString()).toBe('2026-11-26T13:00:00.000Z');
  });

  it('does not believe a Date header more than a day away from the receipt time (a wrong clock)', async () => {
    const { h, handoff } = await setup();
    const result = await reply(
      h,
      'bob@example.com',
      "I'll call Jane tomorrow at 10 AM about the SSO pilot.",
      {
        date: new Date('2026-11-17T09:00:00Z'),
      },
    );
    expect(result.outcome).toBe('acknowledged');
    expect((await findHandoff(h.db, handoff.id))?.due_at?.toISOString()).toBe('2026-11-25T09:00:00.000Z');
  });

  it('asks once for the specific next step after a vague reply, and keeps the handoff open', async () => {
    const { h, handoff } = await setup();
    expect((await reply(h, 'bob@example.com', 'Got it, thanks!')).outcome).toBe('vague-asked');
    expect((await findHandoff(h.db, handoff.id))?.state).toBe('open');
    expect(await kinds(h, 'bob@example.com')).toEqual(['handoff-request', 'ask-specific']);
    expect((await reply(h, 'bob@example.com', 'Will do 👍')).outcome).toBe('vague-recorded');
    expect(await kinds(h, 'bob@example.com')).toEqual(['handoff-request', 'ask-specific']);
  });

  it('declines and tells the giver the reason', async () => {
    const { h, handoff } = await setup();
    expect(
      (await reply(h, 'bob@example.com', "Sorry, can't take this one, I'm on leave until the 10th.")).outcome,
    ).toBe('declined');
    expect((await findHandoff(h.db, handoff.id))?.state).toBe('declined');
    const told = (await inbox(h, 'maya@example.com')).at(-1)!;
    expect(told.headers.get('x-baton-kind')).toBe('declined');
    expect(told.text).toMatch(/on leave/);
  });

  it('reassigns to another member with a new window and a new signed address, telling the old receiver', async () => {
    const { h, handoff } = await setup();
    h.clock.set('2026-11-24T10:00:00Z');
    expect(
      (await reply(h, 'bob@example.com', 'Please reassign to nora@example.com, she owns US accounts.'))
        .outcome,
    ).toBe('reassigned');
    const stored = await findHandoff(h.db, handoff.id);
    expect(stored).toMatchObject({ state: 'open', receiver_email: 'nora@example.com' });
    // Nora (New York, 05:00 now): 4 business hours from her 09:00 start.
    expect(stored?.ack_deadline?.toISOString()).toBe('2026-11-24T18:00:00.000Z');
    const [request] = await inbox(h, 'nora@example.com');
    expect(request?.headers.get('x-baton-kind')).toBe('handoff-request');
    expect(request?.text).toContain('Bob Smith');
    expect(request?.replyTo?.text).toMatch(/^reply\+/);
    expect(await kinds(h, 'bob@example.com')).toEqual(['handoff-request', 'reassigned']);
    expect(
      (await reply(h, 'nora@example.com', 'I will email Jane this afternoon with the SSO pricing.')).outcome,
    ).toBe('acknowledged');
  });

  it('refuses to reassign to someone Baton does not know, and keeps the receiver', async () => {
    const { h, handoff } = await setup();
    expect((await reply(h, 'bob@example.com', 'Please reassign to zed@elsewhere.io')).outcome).toBe(
      'reassign-refused',
    );
    expect((await findHandoff(h.db, handoff.id))?.receiver_email).toBe('bob@example.com');
  });

  it('relays a question to the giver and the giver’s answer back, with the window still running', async () => {
    const { h, handoff } = await setup();
    expect((await reply(h, 'bob@example.com', 'Do we know their budget?')).outcome).toBe('question-relayed');
    const relayed = (await inbox(h, 'maya@example.com')).at(-1)!;
    expect(relayed.headers.get('x-baton-kind')).toBe('question-relay');
    expect(relayed.text).toContain('Do we know their budget?');
    expect((await reply(h, 'maya@example.com', 'Around 40k for the first year.')).outcome).toBe(
      'answer-relayed',
    );
    const answer = (await inbox(h, 'bob@example.com')).at(-1)!;
    expect(answer.headers.get('x-baton-kind')).toBe('answer-relay');
    expect(answer.text).toContain('Around 40k');
    expect((await findHandoff(h.db, handoff.id))?.state).toBe('open');
    await tick(h.deps);
    h.clock.set('2026-11-24T13:00:00Z');
    await tick(h.deps);
    expect(await kinds(h, 'lena@example.com')).toEqual(['escalation']);
  });

  it('marks the handoff done and tells the giver', async () => {
    const { h, handoff } = await setup();
    expect((await reply(h, 'bob@example.com', 'Called them, demo booked for Friday.')).outcome).toBe('done');
    expect((await findHandoff(h.db, handoff.id))?.state).toBe('done');
    expect((await kinds(h, 'maya@example.com')).at(-1)).toBe('done');
  });

  it('never answers an out-of-office reply nor counts it as acknowledgment, and notes the return date for the giver', async () => {
    const { h, handoff } = await setup();
    const result = await reply(
      h,
      'bob@example.com',
      'I am out of the office until Monday 7 December 2026 with limited access to email.',
      {
        subject: 'Automatic reply: Handoff',
        headers: { 'Auto-Submitted': 'auto-replied', 'X-Auto-Response-Suppress': 'All' },
      },
    );
    expect(result.outcome).toBe('auto-reply-noted');
    expect((await findHandoff(h.db, handoff.id))?.state).toBe('open');
    expect(await kinds(h, 'bob@example.com')).toEqual(['handoff-request']);
    const noted = (await inbox(h, 'maya@example.com')).at(-1)!;
    expect(noted.headers.get('x-baton-kind')).toBe('auto-reply-noted');
    expect(noted.text).toContain('2026-12-07');
  });

  it('marks the handoff undeliverable on a bounce to the VERP return path and escalates at once', async () => {
    const { h, handoff } = await setup();
    const request = (await inbox(h, 'bob@example.com'))[0]!;
    // The envelope sender Baton used, as the receiving side recorded it in Return-Path.
    const returnPath = request.headers.get('return-path') as { value: { address: string }[] };
    const bounceTo = returnPath.value[0]!.address;
    expect(bounceTo).toMatch(/^bounces\+[a-z0-9.]+@handoffs\.example\.com$/);
    // A report that quotes nothing of the original: only the return path says what bounced.
    const dsn = deliveryReport(bounceTo, '<unrelated@mx.example.com>');
    const result = await h.receive(Buffer.from(dsn), [bounceTo]);
    expect(result.outcome).toBe('undeliverable');
    expect((await findHandoff(h.db, handoff.id))?.state).toBe('undeliverable');
    expect((await kinds(h, 'maya@example.com')).at(-1)).toBe('undeliverable');
    await tick(h.deps);
    expect(await kinds(h, 'lena@example.com')).toEqual(['escalation']);
  });

  it('recognises a bounce by the original Message-ID it quotes, without the bounce address', async () => {
    const { h, handoff } = await setup();
    const request = (await inbox(h, 'bob@example.com'))[0]!;
    const result = await h.receive(
      Buffer.from(deliveryReport('handoff@handoffs.example.com', request.messageId!)),
      ['handoff@handoffs.example.com'],
    );
    expect(result).toMatchObject({ outcome: 'undeliverable', handoffId: handoff.id });
  });

  it('refuses a reply whose signed address was tampered with, and changes nothing', async () => {
    const { h, handoff } = await setup();
    const request = (await inbox(h, 'bob@example.com'))[0]!;
    const forged = request.replyTo!.value[0]!.address!.replace(/\.([a-z2-7]{20})@/, '.aaaaaaaaaaaaaaaaaaaa@');
    const result = await h.send(
      { from: 'bob@example.com', to: forged, subject: 'Re: x', text: "I'll call them tomorrow at 10." },
      [forged],
    );
    expect(result.outcome).toBe('refused-token-invalid');
    expect((await findHandoff(h.db, handoff.id))?.state).toBe('open');
  });

  it('ignores a reply from someone who is not allowed to act on the handoff', async () => {
    const { h, handoff } = await setup();
    const request = (await inbox(h, 'bob@example.com'))[0]!;
    const replyTo = request.replyTo!.value[0]!.address!;
    const stranger = await h.send(
      { from: 'mallory@elsewhere.io', to: replyTo, subject: 'Re: x', text: 'Done, all sorted.' },
      [replyTo],
    );
    expect(stranger.outcome).toBe('refused-not-allowed');
    const member = await h.send(
      { from: 'ken@example.com', to: replyTo, subject: 'Re: x', text: 'Done, all sorted.' },
      [replyTo],
    );
    expect(member.outcome).toBe('refused-not-allowed');
    expect((await findHandoff(h.db, handoff.id))?.state).toBe('open');
  });

  it('matches a reply by In-Reply-To or by the [H-n] subject reference when the reply address is lost', async () => {
    const { h, handoff } = await setup();
    const request = (await inbox(h, 'bob@example.com'))[0]!;
    const byThread = await h.send({
      from: 'bob@example.com',
      to: 'handoff@handoffs.example.com',
      subject: 'Re: something',
      inReplyTo: request.messageId!,
      text: 'Do we know their budget?',
    });
    expect(byThread).toMatchObject({ outcome: 'question-relayed', handoffId: handoff.id });
    const bySubject = await h.send({
      from: 'bob@example.com',
      to: 'handoffs-archive@example.com',
      subject: `Re: [H-${handoff.number}] Jane`,
      text: 'Called them, demo booked.',
    });
    expect(bySubject).toMatchObject({ outcome: 'done', handoffId: handoff.id });
  });
});
