import { simpleParser } from 'mailparser';
import { afterEach, describe, expect, it } from 'vitest';
import { submitHandoff } from '../../src/app/hand-off-by-api.ts';
import { createHarness, type Harness } from '../support/harness.ts';

let harness: Harness | null = null;
afterEach(async () => {
  await harness?.close();
  harness = null;
});

const FIELDS =
  'Lead: Jane Roe <jane@acme.io>\nTrigger: pricing webinar\nSummary: Wants SSO for 300 seats.\nChannel: phone';

async function inbox(h: Harness, to: string) {
  const entries = (await h.mailbox.list()).reverse().filter((e) => e.to.includes(to));
  return Promise.all(entries.map(async (e) => simpleParser((await h.mailbox.read(e.id))!.raw)));
}

async function outboxCount(h: Harness) {
  const row = await h.db
    .selectFrom('outbound_messages')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function openHandoff(h: Harness) {
  const result = await submitHandoff(
    h.deps,
    {
      giver: 'maya@example.com',
      receiver: 'bob@example.com',
      fields: { lead: 'Jane Roe <jane@acme.io>', trigger: 'pricing webinar', summary: 'Wants SSO.' },
    },
    null,
  );
  if (!result.ok) throw new Error(result.message);
  return result.handoff;
}

describe('mail loops', () => {
  // A responder that ignores RFC 3834: no Auto-Submitted, no Precedence, an ordinary subject,
  // and an answer to every message it gets, sent where a naive client would send it.
  it.each([
    ['the Reply-To address', 'reply-to'],
    ['the From address', 'from'],
  ] as const)(
    'ends a ping-pong with a vacation responder that answers every message at %s after at most one message from Baton',
    async (_, target) => {
      harness = await createHarness({ now: '2026-11-24T09:00:00Z' });
      const h = harness;
      await openHandoff(h);
      const answered = new Set<string>();
      for (let round = 0; round < 10; round++) {
        const unanswered = (await inbox(h, 'bob@example.com')).filter((m) => !answered.has(m.messageId!));
        if (unanswered.length === 0) break;
        for (const mail of unanswered) {
          answered.add(mail.messageId!);
          const to = target === 'reply-to' ? mail.replyTo!.value[0]!.address! : mail.from!.value[0]!.address!;
          h.clock.advance(60_000);
          await h.send(
            {
              from: 'Bob Smith <bob@example.com>',
              to,
              subject: `Re: ${mail.subject}`,
              inReplyTo: mail.messageId!,
              references: [mail.messageId!],
              date: h.clock.now(),
              text: 'Thank you for your message. I am out of the office until Monday 7 December with limited access to email. For urgent matters please contact dana@example.com.',
            },
            [to],
          );
        }
      }
      const toBob = await inbox(h, 'bob@example.com');
      // The request itself, then at most one more message: the responder is never answered in a loop.
      expect(toBob.length).toBeLessThanOrEqual(2);
      expect(answered.size).toBe(toBob.length);
    },
  );

  it.each([
    ['List-Id', { 'List-Id': 'Sales team <sales.lists.example.com>' }],
    ['Precedence: bulk', { Precedence: 'bulk' }],
    ['Precedence: list', { Precedence: 'list' }],
    ['Precedence: junk', { Precedence: 'junk' }],
  ])('neither creates a handoff from nor answers a message with %s', async (_, headers) => {
    harness = await createHarness();
    const h = harness;
    const fromMember = await h.send({
      from: 'Maya Patel <maya@example.com>',
      to: 'handoff@handoffs.example.com',
      cc: 'bob@example.com',
      subject: 'Acme: hot lead',
      text: FIELDS,
      headers,
    });
    expect(fromMember).toMatchObject({ status: 'processed', handoffId: null });
    const fromStranger = await h.send({
      from: 'news@vendor.example.org',
      to: 'handoff@handoffs.example.com',
      subject: 'Our newsletter',
      text: 'Hello',
      headers,
    });
    expect(fromStranger).toMatchObject({ status: 'processed', handoffId: null });
    expect(await outboxCount(h)).toBe(0);
  });

  it('does not answer a list message in a handoff’s thread', async () => {
    harness = await createHarness();
    const h = harness;
    const handoff = await openHandoff(h);
    // Rows queued at one instant of the test clock have no order among themselves: remember them by id.
    const earlier = new Set(
      (await h.db.selectFrom('outbound_messages').select('id').execute()).map((r) => r.id),
    );
    const request = (await inbox(h, 'bob@example.com'))[0]!;
    const replyTo = request.replyTo!.value[0]!.address!;
    const result = await h.send(
      {
        from: 'Bob Smith <bob@example.com>',
        to: replyTo,
        subject: `Re: ${request.subject}`,
        inReplyTo: request.messageId!,
        text: 'Whatever this list says.',
        headers: { 'List-Id': '<team.lists.example.com>', 'List-Unsubscribe': '<mailto:x@example.com>' },
      },
      [replyTo],
    );
    expect(result.handoffId).toBe(handoff.id);
    expect(result.outcome).not.toBe('acknowledged');
    expect((await h.deps.store.handoffs.find(h.deps.store.pool, handoff.id))?.state).toBe('open');
    // Read as automatic mail: the list (and so Bob) is not answered; what Maya hears is a note at most.
    const sent = await h.db.selectFrom('outbound_messages').select(['id', 'to_addresses']).execute();
    const after = sent.filter((e) => !earlier.has(e.id));
    expect(after.flatMap((e) => e.to_addresses)).not.toContain('bob@example.com');
  });

  it('never acts on or answers mail from its own addresses', async () => {
    harness = await createHarness();
    const h = harness;
    const handoff = await openHandoff(h);
    const before = await outboxCount(h);
    const request = (await inbox(h, 'bob@example.com'))[0]!;
    const replyTo = request.replyTo!.value[0]!.address!;
    // Baton's own email, come back to it (a forwarding rule, an alias pointing at Baton).
    const echo = await h.receive((await h.mailbox.read((await h.mailbox.list()).at(-1)!.id))!.raw, [replyTo]);
    expect(echo).toMatchObject({ status: 'processed', outcome: 'ignored-own-mail' });
    const own = await h.send({
      from: 'Baton <handoff@handoffs.example.com>',
      to: 'handoff@handoffs.example.com',
      subject: 'Acme: hot lead',
      text: FIELDS,
    });
    expect(own).toMatchObject({ status: 'processed', outcome: 'ignored-own-mail', handoffId: null });
    const ownReply = await h.send(
      { from: 'handoff@handoffs.example.com', to: replyTo, subject: 'Re: x', text: 'got it, on it today' },
      [replyTo],
    );
    expect(ownReply.outcome).toBe('ignored-own-mail');
    expect((await h.deps.store.handoffs.find(h.deps.store.pool, handoff.id))?.state).toBe('open');
    expect(await outboxCount(h)).toBe(before);
  });
});
