import { sql } from 'kysely';
import { simpleParser } from 'mailparser';
import { afterEach, describe, expect, it } from 'vitest';
import { findHandoff } from '../../src/adapters/db/handoffs.ts';
import { cancelHandoff } from '../../src/app/cancel-handoff.ts';
import { createHarness, type DatabaseKind, type Harness } from '../support/harness.ts';

// Ordinary mail habits of the people in the ritual: Reply-All, threads, answers to every message.

const HANDOFF_ADDRESS = 'handoff@handoffs.example.com';

const COMPLETE = [
  'Hi Bob, warm lead from the webinar.',
  '',
  'Lead: Jane Roe <jane@acme.io>, CTO at Acme',
  'Trigger: asked for a demo after the pricing webinar',
  'Summary: Evaluating SSO for 300 seats. Main worry is the Okta integration.',
].join('\n');

let harness: Harness | null = null;
afterEach(async () => {
  await harness?.close();
  harness = null;
});

async function inbox(h: Harness, to: string) {
  const entries = (await h.mailbox.list()).reverse().filter((e) => e.to.includes(to));
  return Promise.all(entries.map(async (e) => simpleParser((await h.mailbox.read(e.id))!.raw)));
}

async function handoffCount(h: Harness): Promise<number> {
  const { rows } = await sql<{ n: string }>`select count(*) as n from handoffs`.execute(h.db);
  return Number(rows[0]!.n);
}

/** Maya hands Jane Roe to Bob by email, with Bob on Cc as the README shows (Tue 24 Nov, 10:00 Berlin). */
async function handOffWithReceiverOnCc(kind: DatabaseKind = 'postgres') {
  harness = await createHarness({ kind, now: '2026-11-24T09:00:00Z' });
  const h = harness;
  const opened = await h.send({
    from: 'Maya Patel <maya@example.com>',
    to: HANDOFF_ADDRESS,
    cc: 'Bob Smith <bob@example.com>',
    subject: 'Acme: hot lead',
    text: COMPLETE,
    messageId: '<giver-1@mail.example.com>',
    date: h.clock.now(),
  });
  expect(opened.outcome).toBe('handoff-opened');
  return { h, handoffId: opened.handoffId! };
}

describe('Reply-All', () => {
  it.each<DatabaseKind>(['postgres', 'pglite'])(
    'reads the receiver’s Reply-All to the giver’s email as his answer to that handoff, never as a new handoff (%s)',
    async (kind) => {
      const { h, handoffId } = await handOffWithReceiverOnCc(kind);
      h.clock.advance(30 * 60_000);
      const answer = await h.send(
        {
          from: 'Bob Smith <bob@example.com>',
          to: 'Maya Patel <maya@example.com>',
          cc: HANDOFF_ADDRESS,
          subject: 'Re: Acme: hot lead',
          inReplyTo: '<giver-1@mail.example.com>',
          references: ['<giver-1@mail.example.com>'],
          date: h.clock.now(),
          text: [
            'Thanks Maya, I will call her tomorrow at 10 about the Okta question.',
            '',
            'On Tue, Nov 24, 2026 at 4:00 AM Maya Patel <maya@example.com> wrote:',
            ...COMPLETE.split('\n').map((line) => `> ${line}`),
          ].join('\n'),
        },
        [HANDOFF_ADDRESS],
      );
      expect(answer).toMatchObject({ status: 'processed', outcome: 'acknowledged', handoffId });
      expect(await handoffCount(h)).toBe(1);
      const handoff = await findHandoff(h.db, handoffId);
      expect(handoff?.state).toBe('acknowledged');
      expect(handoff?.action).toMatch(/call her tomorrow at 10/);
      // Wed 25 Nov 10:00 in Bob's Berlin.
      expect(handoff?.due_at?.toISOString()).toBe('2026-11-25T09:00:00.000Z');
    },
  );

  it('reads the giver’s Reply-All in the same thread as the giver’s, and opens no handoff from its quoted fields', async () => {
    const { h, handoffId } = await handOffWithReceiverOnCc();
    const followUp = await h.send(
      {
        from: 'Maya Patel <maya@example.com>',
        to: 'Bob Smith <bob@example.com>',
        cc: HANDOFF_ADDRESS,
        subject: 'Re: Acme: hot lead',
        inReplyTo: '<giver-1@mail.example.com>',
        references: ['<giver-1@mail.example.com>'],
        date: h.clock.now(),
        text: ['One more thing: she prefers mornings.', '', '> Lead: Jane Roe <jane@acme.io>'].join('\n'),
      },
      [HANDOFF_ADDRESS],
    );
    expect(followUp.handoffId).toBe(handoffId);
    expect(followUp.outcome).not.toBe('handoff-opened');
    expect(await handoffCount(h)).toBe(1);
  });

  it('reads fields only from the new text of a message that quotes another handoff’s fields', async () => {
    harness = await createHarness({ now: '2026-11-24T09:00:00Z' });
    const h = harness;
    const result = await h.send({
      from: 'Sam Lee <sam@example.com>',
      to: HANDOFF_ADDRESS,
      cc: 'bob@example.com',
      subject: 'Fwd thoughts',
      date: h.clock.now(),
      text: [
        'Lead: Omar Haddad <omar@globex.test>',
        '',
        'On Mon, Nov 23, 2026 at 9:00 AM Maya Patel <maya@example.com> wrote:',
        '> Trigger: asked for a demo after the pricing webinar',
        '> Summary: Evaluating SSO for 300 seats.',
      ].join('\n'),
    });
    expect(result.outcome).toBe('draft-missing-fields');
    const handoff = await findHandoff(h.db, result.handoffId!);
    expect(handoff?.fields).toEqual({ lead: 'Omar Haddad <omar@globex.test>' });
    const [ask] = await inbox(h, 'sam@example.com');
    expect(ask?.text).toContain('Trigger');
    expect(ask?.text).toContain('Summary');
  });
});

/** Replies to the last email `from` received from Baton, as their mail client would. */
async function reply(h: Harness, from: string, text: string, messageId?: string) {
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
      ...(messageId ? { messageId } : {}),
      text: `${text}\n\nOn Tue, Nov 24, 2026 at 10:00 AM Baton <handoff@handoffs.example.com> wrote:\n> ${last.text?.split('\n')[0]}`,
    },
    [replyTo],
  );
}

async function kinds(h: Harness, to: string) {
  return (await inbox(h, to)).map((m) => m.headers.get('x-baton-kind'));
}

describe('the receiver sees what Baton understood', () => {
  it('confirms a commitment in one line in the thread of the reply, and a correction replaces it', async () => {
    const { h, handoffId } = await handOffWithReceiverOnCc();
    const first = await reply(
      h,
      'bob@example.com',
      'I will call Jane tomorrow at 10 about the Okta question.',
      '<bob-1@mail.example.com>',
    );
    expect(first.outcome).toBe('acknowledged');
    const noted = (await inbox(h, 'bob@example.com')).at(-1)!;
    expect(noted.headers.get('x-baton-kind')).toBe('noted');
    expect(noted.inReplyTo).toBe('<bob-1@mail.example.com>');
    expect(noted.subject).toMatch(/^\[H-\d+\] Noted: I will call Jane tomorrow at 10/);
    expect(noted.text).toContain('Wed 25 Nov 2026, 10:00');
    expect(noted.text).toContain('Reply to correct it.');

    h.clock.advance(10 * 60_000);
    const correction = await reply(
      h,
      'bob@example.com',
      'Sorry, I will call her on Thursday at 2pm instead.',
    );
    expect(correction.outcome).toBe('rescheduled');
    const handoff = await findHandoff(h.db, handoffId);
    expect(handoff?.due_at?.toISOString()).toBe('2026-11-26T13:00:00.000Z');
    const again = (await inbox(h, 'bob@example.com')).at(-1)!;
    expect(again.text).toContain('This replaces your earlier commitment');
    expect(again.text).toContain('Thu 26 Nov 2026, 14:00');
  });
});

describe('what a receiver means', () => {
  it('reads “Thursday at 2pm” written on Thursday morning as today', async () => {
    const { h, handoffId } = await handOffWithReceiverOnCc();
    h.clock.set('2026-11-26T08:00:00Z'); // Thu 09:00 in Bob's Berlin
    const result = await reply(
      h,
      'bob@example.com',
      "I'll call Jane Thursday at 2pm about the Okta question.",
    );
    expect(result.outcome).toBe('acknowledged');
    expect((await findHandoff(h.db, handoffId))?.due_at?.toISOString()).toBe('2026-11-26T13:00:00.000Z');
  });

  it('never takes a typed out-of-office sentence for a commitment: the giver hears of it, the handoff stays open', async () => {
    const { h, handoffId } = await handOffWithReceiverOnCc();
    const result = await reply(h, 'bob@example.com', "I'm out of office until Dec 14");
    expect(result.outcome).toBe('auto-reply-noted');
    expect((await findHandoff(h.db, handoffId))?.state).toBe('open');
    expect(await kinds(h, 'maya@example.com')).toContain('auto-reply-noted');
    expect(await kinds(h, 'bob@example.com')).toEqual(['handoff-request']);
  });
});

describe('nothing disappears without an answer', () => {
  it('tells a member who replies through another member’s address that nothing changed', async () => {
    const { h, handoffId } = await handOffWithReceiverOnCc();
    const request = (await inbox(h, 'bob@example.com')).at(-1)!;
    const result = await h.send(
      {
        from: 'Sam Lee <sam@example.com>',
        to: request.replyTo!.value[0]!.address!,
        subject: `Re: ${request.subject}`,
        inReplyTo: request.messageId!,
        messageId: '<sam-1@mail.example.com>',
        date: h.clock.now(),
        text: 'I will call her tomorrow at 9.',
      },
      [request.replyTo!.value[0]!.address!],
    );
    expect(result.outcome).toBe('refused-not-allowed');
    expect((await findHandoff(h.db, handoffId))?.state).toBe('open');
    const [answer] = await inbox(h, 'sam@example.com');
    expect(answer?.headers.get('x-baton-kind')).toBe('refusal');
    expect(answer?.inReplyTo).toBe('<sam-1@mail.example.com>');
    expect(answer?.text).toContain('Baton changed nothing');
    expect(answer?.text).toContain('Bob Smith');
  });

  it('carries out the giver’s “reassign to” in the thread, telling the old receiver and the new one', async () => {
    const { h, handoffId } = await handOffWithReceiverOnCc();
    const result = await reply(h, 'maya@example.com', 'Reassign to sam@example.com please, Bob is swamped.');
    expect(result.outcome).toBe('reassigned');
    expect((await findHandoff(h.db, handoffId))?.receiver_email).toBe('sam@example.com');
    expect(await kinds(h, 'bob@example.com')).toEqual(['handoff-request', 'reassigned']);
    expect(await kinds(h, 'sam@example.com')).toEqual(['handoff-request']);
  });

  it('cancels on the giver’s “cancel”: the receiver is told and the giver gets a confirmation', async () => {
    const { h, handoffId } = await handOffWithReceiverOnCc();
    const result = await reply(h, 'maya@example.com', 'Cancel — they signed with a competitor.');
    expect(result.outcome).toBe('cancelled');
    expect((await findHandoff(h.db, handoffId))?.state).toBe('cancelled');
    expect(await kinds(h, 'bob@example.com')).toEqual(['handoff-request', 'cancelled']);
    const confirmation = (await inbox(h, 'maya@example.com')).at(-1)!;
    expect(confirmation.headers.get('x-baton-kind')).toBe('noted');
    expect(confirmation.subject).toContain('Cancelled H-');
  });

  it('re-sends the request to the receiver on the giver’s “any update?”', async () => {
    const { h } = await handOffWithReceiverOnCc();
    const result = await reply(h, 'maya@example.com', 'Any update?');
    expect(result.outcome).toBe('nudged');
    expect(await kinds(h, 'bob@example.com')).toEqual(['handoff-request', 'handoff-request']);
    const answer = (await inbox(h, 'maya@example.com')).at(-1)!;
    expect(answer.subject).toContain('Nudged Bob Smith');
  });

  it('answers other words of the giver with what Baton did and the commands there are, at most refusalsPerHour times an hour', async () => {
    const { h } = await handOffWithReceiverOnCc();
    const result = await reply(h, 'maya@example.com', 'Thanks!');
    expect(result.outcome).toBe('giver-reply-recorded');
    const answer = (await inbox(h, 'maya@example.com')).at(-1)!;
    expect(answer.headers.get('x-baton-kind')).toBe('noted');
    expect(answer.text).toContain('nothing changed');
    expect(answer.text).toContain('reassign to <address>');
    for (let i = 0; i < 12; i += 1) await reply(h, 'maya@example.com', `Thanks again (${i})`);
    const answers = (await kinds(h, 'maya@example.com')).filter((k) => k === 'noted');
    expect(answers).toHaveLength(h.deps.config.refusalsPerHour);
  });

  it('tells the receiver a reply to a cancelled handoff changed nothing', async () => {
    const { h, handoffId } = await handOffWithReceiverOnCc();
    await reply(h, 'maya@example.com', 'cancel');
    const result = await reply(h, 'bob@example.com', 'I will call her tomorrow at 10.');
    expect(result.outcome).toBe('ignored-closed');
    expect((await findHandoff(h.db, handoffId))?.state).toBe('cancelled');
    const answer = (await inbox(h, 'bob@example.com')).at(-1)!;
    expect(answer.headers.get('x-baton-kind')).toBe('refusal');
    expect(answer.text).toContain('already closed');
    expect(answer.text).toContain('cancelled');
  });

  it('tells the receiver when the handoff is cancelled through the API', async () => {
    const { h, handoffId } = await handOffWithReceiverOnCc();
    expect(await cancelHandoff(h.deps, handoffId, 'api')).toMatchObject({ ok: true, state: 'cancelled' });
    expect(await kinds(h, 'bob@example.com')).toEqual(['handoff-request', 'cancelled']);
    const told = (await inbox(h, 'bob@example.com')).at(-1)!;
    expect(told.text).toContain('through the Baton API');
    expect(told.text).toContain('Nothing more needed from you');
  });
});

describe('a forward alone is a handoff', () => {
  const forward = (note: string) =>
    [
      ...(note ? [note, ''] : []),
      '---------- Forwarded message ---------',
      'From: Jane Roe <jane@acme.io>',
      'Date: Tue, Dec 1, 2026 at 4:12 PM',
      'Subject: Pricing for 300 seats',
      'To: Maya Patel <maya@example.com>',
      '',
      'Hi Maya, what would 300 seats cost with SSO?',
      'Thanks, Jane',
    ].join('\n');

  /** Maya forwards Jane's email to handoff@ with Bob on Cc, and the note above it. */
  async function sendForward(note: string) {
    harness = await createHarness({ now: '2026-12-02T14:00:00Z' });
    const h = harness;
    const result = await h.send({
      from: 'Maya Patel <maya@example.com>',
      to: HANDOFF_ADDRESS,
      cc: 'bob@example.com',
      subject: 'Fwd: Pricing for 300 seats',
      text: forward(note),
    });
    return { h, result };
  }

  it('opens with the note as summary and the forward’s date and subject as trigger', async () => {
    const { h, result } = await sendForward('Hot one, she wants numbers this week.');
    expect(result.outcome).toBe('handoff-opened');
    const handoff = await findHandoff(h.db, result.handoffId!);
    expect(handoff?.fields).toMatchObject({
      lead: 'Jane Roe <jane@acme.io>',
      trigger: 'emailed on Tue 1 Dec 2026: Pricing for 300 seats',
      summary: 'Hot one, she wants numbers this week.',
    });
    expect(handoff?.trigger_at?.toISOString().slice(0, 10)).toBe('2026-12-01');
    const [request] = await inbox(h, 'bob@example.com');
    expect(request?.text).toContain('what would 300 seats cost with SSO?');
  });

  it('asks only for what the forward cannot tell', async () => {
    const { h, result } = await sendForward('');
    expect(result.outcome).toBe('draft-missing-fields');
    const handoff = await findHandoff(h.db, result.handoffId!);
    expect(handoff?.missing_fields).toEqual(['summary']);
  });
});
