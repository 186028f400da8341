import { sql } from 'kysely';
import { simpleParser } from 'mailparser';
import { afterEach, describe, expect, it } from 'vitest';
import { findHandoff } from '../../src/adapters/db/handoffs.ts';
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
