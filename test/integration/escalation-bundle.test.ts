import { simpleParser } from 'mailparser';
import { afterEach, describe, expect, it } from 'vitest';
import { findHandoff } from '../../src/adapters/db/handoffs.ts';
import { submitHandoff } from '../../src/app/hand-off-by-api.ts';
import { tick } from '../../src/app/tick.ts';
import { escalationConfig } from '../support/escalation-config.ts';
import { createHarness, type Harness } from '../support/harness.ts';

// Bea (Berlin) reports to Dana (Tokyo): escalations of Bea's handoffs lapse at 14:00 Berlin, which
// is 22:00 in Tokyo, so they are all held to Dana's next 09:00 and fall due at the same tick.

let harness: Harness | null = null;
afterEach(async () => {
  await harness?.close();
  harness = null;
});

const leads = [
  { lead: 'Jane Roe <jane@acme.io>', summary: 'Wants SSO for 300 seats.', note: 'Her trial ends Friday.' },
  { lead: 'Omar Haddad <omar@northwind.io>', summary: 'Asks about the Okta integration.', note: null },
  { lead: 'Li Wei <li@contoso.io>', summary: 'Needs a quote before the board meeting.', note: 'Warm intro.' },
];

async function inbox(h: Harness) {
  const entries = (await h.mailbox.list()).reverse();
  return Promise.all(
    entries.map(async (e) => ({ ...e, parsed: await simpleParser((await h.mailbox.read(e.id))!.raw) })),
  );
}

async function mailTo(h: Harness, to: string) {
  return (await inbox(h)).filter((m) => m.to.includes(to));
}

/** Three handoffs to Bea, and the tick at Dana's Wednesday 09:00 that bundles their escalations. */
async function bundleOfThree() {
  const h = await createHarness({ now: '2026-11-24T09:00:00Z', config: escalationConfig });
  harness = h;
  const handoffs = [];
  for (const { lead, summary, note } of leads) {
    const result = await submitHandoff(
      h.deps,
      {
        giver: 'maya@example.com',
        receiver: 'bea@example.com',
        fields: { lead, summary },
        ...(note ? { note } : {}),
      },
      null,
    );
    if (!result.ok) throw new Error(result.message);
    handoffs.push(result.handoff);
  }
  h.clock.set('2026-11-25T00:00:00Z');
  await tick(h.deps);
  const toDana = await mailTo(h, 'dana@example.com');
  expect(toDana).toHaveLength(1);
  return { h, handoffs, bundle: toDana[0]! };
}

async function replyToBundle(
  h: Harness,
  bundle: Awaited<ReturnType<typeof bundleOfThree>>['bundle'],
  from: string,
  text: string,
  to: 'reply-to' | 'handoff@' = 'reply-to',
) {
  const address =
    to === 'reply-to' ? bundle.parsed.replyTo!.value[0]!.address! : 'handoff@handoffs.example.com';
  return h.send(
    {
      from,
      to: address,
      subject: `Re: ${bundle.parsed.subject}`,
      inReplyTo: bundle.parsed.messageId!,
      references: [bundle.parsed.messageId!],
      text: `${text}\n\nOn ${bundle.parsed.date?.toUTCString()} Baton wrote:\n${(bundle.parsed.text ?? '')
        .split('\n')
        .map((line) => `> ${line}`)
        .join('\n')}`,
      date: h.clock.now(),
    },
    [address],
  );
}

describe('a bundle of escalations', () => {
  it('carries each handoff’s fields, the giver’s note and what happened so far', async () => {
    const { bundle, handoffs } = await bundleOfThree();
    expect(bundle.parsed.headers.get('x-baton-kind')).toBe('notice-digest');
    const text = bundle.parsed.text ?? '';
    for (const [i, { lead, summary, note }] of leads.entries()) {
      expect(text).toContain(`H-${handoffs[i]!.number}`);
      expect(text).toContain(`Lead: ${lead}`);
      expect(text).toContain(`Summary: ${summary}`);
      if (note) expect(text).toContain(note);
    }
    expect(text.match(/Maya Patel handed it to Bea Roth\./g)).toHaveLength(3);
    // The history of each, in Dana's time: handed off, then sent to Bea.
    expect(text.match(/What happened so far:/g)).toHaveLength(3);
    expect(text.match(/Tue 24 Nov 2026, 18:00 .*Maya Patel handed it off/g)).toHaveLength(3);
    // The bundle's own address names no handoff; each handoff keeps its own too.
    expect(bundle.parsed.replyTo?.text).toMatch(/^reply\+0\./);
    expect(text.match(/reply\+\d{4,}\.[a-z0-9.]+@handoffs\.example\.com/g)?.length).toBeGreaterThanOrEqual(3);
  });

  it('acknowledges only the handoff a plain reply to the bundle names', async () => {
    const { h, bundle, handoffs } = await bundleOfThree();
    const [first, second, third] = handoffs;
    h.clock.set('2026-11-25T01:00:00Z');
    const reply = await replyToBundle(
      h,
      bundle,
      'dana@example.com',
      `H-${second!.number}: I'll call Omar tomorrow at 10 about the Okta integration.`,
    );
    expect(reply.outcome).toBe('acknowledged');
    expect(reply.handoffId).toBe(second!.id);
    const acknowledged = await findHandoff(h.db, second!.id);
    expect(acknowledged?.state).toBe('acknowledged');
    expect(acknowledged?.action).toBe("I'll call Omar tomorrow at 10 about the Okta integration.");
    // Thursday 10:00 in Tokyo.
    expect(acknowledged?.due_at?.toISOString()).toBe('2026-11-26T01:00:00.000Z');
    expect((await findHandoff(h.db, first!.id))?.state).toBe('open');
    expect((await findHandoff(h.db, third!.id))?.state).toBe('open');
  });

  it('acts on the named handoff when the reply reaches handoff@ through the bundle’s Message-ID', async () => {
    const { h, bundle, handoffs } = await bundleOfThree();
    const third = handoffs[2]!;
    const reply = await replyToBundle(
      h,
      bundle,
      'dana@example.com',
      `Re H-${third.number}: I will call Li today at 4pm with the quote.`,
      'handoff@',
    );
    expect(reply.outcome).toBe('acknowledged');
    expect(reply.handoffId).toBe(third.id);
    expect((await findHandoff(h.db, handoffs[0]!.id))?.state).toBe('open');
    // Nothing new was created from the reply.
    const count = await h.db
      .selectFrom('handoffs')
      .select((e) => e.fn.countAll().as('n'))
      .executeTakeFirst();
    expect(Number(count?.n)).toBe(3);
  });

  it('asks which handoff when the reply names none, or several, and changes nothing', async () => {
    const { h, bundle, handoffs } = await bundleOfThree();
    const none = await replyToBundle(h, bundle, 'dana@example.com', "I'll call them all tomorrow at 10.");
    expect(none.outcome).toBe('refused-none-named');
    const several = await replyToBundle(
      h,
      bundle,
      'dana@example.com',
      `H-${handoffs[0]!.number} and H-${handoffs[1]!.number}: I'll call both tomorrow at 10.`,
    );
    expect(several.outcome).toBe('refused-several-named');
    for (const handoff of handoffs) expect((await findHandoff(h.db, handoff.id))?.state).toBe('open');
    const answers = (await mailTo(h, 'dana@example.com')).filter(
      (m) => m.parsed.headers.get('x-baton-kind') === 'refusal',
    );
    expect(answers).toHaveLength(2);
    expect(answers[0]!.parsed.text).toContain('Which handoff is your reply about?');
    expect(answers[0]!.parsed.text).toContain('It names no handoff.');
    expect(answers[1]!.parsed.text).toContain(`It names H-${handoffs[0]!.number}, H-${handoffs[1]!.number}.`);
  });

  it('applies the same rule of who may act as a reply to the handoff itself', async () => {
    const { h, bundle, handoffs } = await bundleOfThree();
    // Ken is a member, but the handoff was never with him nor escalated to him.
    const reply = await replyToBundle(
      h,
      bundle,
      'ken@example.com',
      `H-${handoffs[0]!.number}: I'll call Jane tomorrow at 10.`,
    );
    expect(reply.outcome).toBe('refused-not-allowed');
    expect((await findHandoff(h.db, handoffs[0]!.id))?.state).toBe('open');
    // A stranger is not answered at all.
    const stranger = await replyToBundle(
      h,
      bundle,
      'someone@elsewhere.example',
      `H-${handoffs[0]!.number}: done.`,
    );
    expect(stranger.outcome).toBe('ignored-not-a-member');
    expect(await mailTo(h, 'someone@elsewhere.example')).toHaveLength(0);
  });
});
