import { simpleParser } from 'mailparser';
import { afterEach, describe, expect, it } from 'vitest';
import { findHandoff } from '../../src/adapters/db/handoffs.ts';
import { submitHandoff } from '../../src/app/hand-off-by-api.ts';
import { tick } from '../../src/app/tick.ts';
import { escalationConfig } from '../support/escalation-config.ts';
import { createHarness, type Harness } from '../support/harness.ts';

// Ken (Tokyo) manages Ana (Tokyo, Mon–Fri 09:00–18:00); Lena (Berlin) manages Bob; Maya, who
// hands the leads off, manages nobody. Ken's digest of ISO week 2026-W48 (Mon 23 – Sun 29 Nov in
// Tokyo) is due on Mon 30 Nov at 09:00 Tokyo time, which is 00:00 UTC.
//
// The scenario, with Ana's times in Tokyo (UTC+9), counted by hand:
//   week before (W47, Mon 16 00:00 – Mon 23 00:00 Tokyo):
//     E Tue 17 10:00, no answer: leaked.            F Tue 17 10:00, no answer: leaked.
//     G Wed 18 10:00, committed 12:00: 2 h.
//     → 3 handoffs, leak rate 2 / 3 = 67 %, time to acknowledge 2 h (working hours and clock),
//       no trigger times (—), no follow-through known (—).
//   past week (W48):
//     I Mon 23 00:30 (Sun 15:30 UTC: still W47 in UTC), committed 10:30: 1.5 working hours
//       (from 09:00), 10 h on the clock.
//     A Mon 23 10:00, trigger 2 h before (on time), committed 11:00 (1 h), done on Tue: followed through.
//     B Mon 23 10:00, no answer: leaked.
//     C Tue 24 10:00, committed 13:00: 3 h.
//     D Wed 25 10:00, trigger 48 h before (late), committed 10:30: 30 min.
//     → 5 handoffs, leak rate 1 / 5 = 20 %;
//       working hours 0.5, 1, 1.5, 3 → median 1 h 15 min; clock 0.5, 1, 3, 10 → median 2 h;
//       within 24 h 1 / 2 = 50 %; follow-through 1 / 1 = 100 %.
//   Bob's leaked handoff H is not Ken's team's and appears nowhere in his digest.

let harness: Harness | null = null;
afterEach(async () => {
  await harness?.close();
  harness = null;
});

async function inbox(h: Harness) {
  const entries = (await h.mailbox.list()).reverse();
  return Promise.all(
    entries.map(async (e) => ({ ...e, parsed: await simpleParser((await h.mailbox.read(e.id))!.raw) })),
  );
}

async function digestsTo(h: Harness, to: string) {
  return (await inbox(h)).filter(
    (m) => m.to.includes(to) && m.parsed.headers.get('x-baton-kind') === 'weekly-digest',
  );
}

async function handOff(h: Harness, at: string, receiver: string, lead: string, triggerAt?: string) {
  h.clock.set(at);
  const result = await submitHandoff(
    h.deps,
    {
      giver: 'maya@example.com',
      receiver,
      fields: { lead, summary: 'Asked for pricing.' },
      ...(triggerAt ? { triggerAt: new Date(triggerAt) } : {}),
    },
    null,
  );
  if (!result.ok) throw new Error(result.message);
  return result.handoff;
}

/** The receiver answers the handoff's request by reply, at `at`. */
async function reply(h: Harness, at: string, handoff: { id: string; number: number }, text: string) {
  h.clock.set(at);
  const request = (await inbox(h)).find(
    (m) =>
      m.parsed.headers.get('x-baton-handoff') === `H-${handoff.number}` &&
      m.parsed.headers.get('x-baton-kind') === 'handoff-request',
  )!;
  const address = request.parsed.replyTo!.value[0]!.address!;
  const result = await h.send(
    {
      from: request.to[0]!,
      to: address,
      subject: `Re: ${request.parsed.subject}`,
      inReplyTo: request.parsed.messageId!,
      text,
      date: h.clock.now(),
    },
    [address],
  );
  expect(result.handoffId).toBe(handoff.id);
  return result;
}

async function scenario() {
  const h = await createHarness({ now: '2026-11-16T00:00:00Z', config: escalationConfig });
  harness = h;
  const ana = 'ana@example.com';
  await handOff(h, '2026-11-17T01:00:00Z', ana, 'E <e@leads.io>');
  await handOff(h, '2026-11-17T01:00:00Z', ana, 'F <f@leads.io>');
  const g = await handOff(h, '2026-11-18T01:00:00Z', ana, 'G <g@leads.io>');
  await reply(h, '2026-11-18T03:00:00Z', g, "I'll send her the quote on 10 December at 10.");

  const i = await handOff(h, '2026-11-22T15:30:00Z', ana, 'I <i@leads.io>');
  await reply(h, '2026-11-23T01:30:00Z', i, "I'll send her the quote on 10 December at 10.");
  const a = await handOff(h, '2026-11-23T01:00:00Z', ana, 'A <a@leads.io>', '2026-11-22T23:00:00Z');
  const b = await handOff(h, '2026-11-23T01:00:00Z', ana, 'Bea Lead <b@leads.io>');
  await reply(h, '2026-11-23T02:00:00Z', a, "I'll call her tomorrow at 10 about the pilot.");
  await reply(h, '2026-11-24T02:00:00Z', a, 'Called her, demo booked.');
  const c = await handOff(h, '2026-11-24T01:00:00Z', ana, 'C <c@leads.io>');
  await reply(h, '2026-11-24T04:00:00Z', c, "I'll send her the quote on 10 December at 10.");
  const d = await handOff(h, '2026-11-25T01:00:00Z', ana, 'D <d@leads.io>', '2026-11-23T01:00:00Z');
  await reply(h, '2026-11-25T01:30:00Z', d, 'I will call her on Thursday 10 December.');
  const elsewhere = await handOff(h, '2026-11-23T09:00:00Z', 'bob@example.com', 'H <h@leads.io>');
  expect((await findHandoff(h.db, a.id))?.state).toBe('done');
  return { h, b, elsewhere };
}

describe('the weekly digest', () => {
  it('reaches a Tokyo manager on Monday at 09:00 Tokyo time, not before, once, with the team’s figures', async () => {
    const { h, b, elsewhere } = await scenario();
    // Sunday 23:59 UTC is Monday 08:59 in Tokyo: the windows lapse, no digest yet.
    h.clock.set('2026-11-29T23:59:00Z');
    await tick(h.deps);
    expect(await digestsTo(h, 'ken@example.com')).toHaveLength(0);

    // Three ticks at once at 09:00 Tokyo: one digest.
    h.clock.set('2026-11-30T00:00:00Z');
    await Promise.all([tick(h.deps), tick(h.deps), tick(h.deps)]);
    h.clock.set('2026-11-30T00:01:00Z');
    await tick(h.deps);
    const digests = await digestsTo(h, 'ken@example.com');
    expect(digests).toHaveLength(1);
    const digest = digests[0]!;
    expect(digest.parsed.subject).toBe('Your team’s week 2026-W48: leak rate 20 % (week before 67 %)');
    const text = digest.parsed.text ?? '';
    expect(text).toContain('Mon 23 Nov – Sun 29 Nov 2026');
    expect(text).toContain('Handoffs: 5 (week before: 3)');
    expect(text).toContain('Leak rate: 20 % (week before: 67 %)');
    expect(text).toContain('Time to acknowledge (median, working hours): 1 h 15 min (week before: 2 h)');
    expect(text).toContain('Time to acknowledge (median, on the clock): 2 h (week before: 2 h)');
    expect(text).toContain('Handed off within 24 h of the trigger: 50 % (week before: —)');
    expect(text).toContain('Follow-through: 100 % (week before: —)');
    // The one leak of the week, with its dashboard page and Ken's reply address for it.
    expect(text).toContain('1 handoff leaked');
    expect(text).toContain(`H-${b.number} · Bea Lead <b@leads.io> (with Ana Mori, still open)`);
    expect(text).toContain(`https://baton.test/dashboard/handoffs/H-${b.number}`);
    expect(text).toMatch(new RegExp(`Reply to: reply\\+${b.number}\\.[a-z0-9.]+@handoffs\\.example\\.com`));
    expect(text).not.toContain(`H-${elsewhere.number}`);
    expect(text.match(/\/dashboard\/handoffs\/H-\d+/g)).toHaveLength(1);
    expect(digest.parsed.replyTo?.text).toMatch(/^reply\+0\./);

    // Later that week: still one.
    h.clock.set('2026-11-30T20:00:00Z');
    await tick(h.deps);
    expect(await digestsTo(h, 'ken@example.com')).toHaveLength(1);
  });

  it('goes out at each manager’s own 09:00, and to nobody who manages no one', async () => {
    const { h } = await scenario();
    h.clock.set('2026-11-30T07:59:00Z'); // 08:59 in Berlin
    await tick(h.deps);
    expect(await digestsTo(h, 'lena@example.com')).toHaveLength(0);
    h.clock.set('2026-11-30T08:00:00Z');
    await tick(h.deps);
    expect(await digestsTo(h, 'lena@example.com')).toHaveLength(1);
    h.clock.set('2026-11-30T20:00:00Z'); // past Monday 09:00 in every zone of the team
    await tick(h.deps);
    for (const member of ['maya@example.com', 'ana@example.com', 'bob@example.com'])
      expect(await digestsTo(h, member)).toHaveLength(0);
    const sent = await h.db.selectFrom('weekly_digests').select(['manager_email', 'week']).execute();
    expect(sent.map((r) => r.manager_email).sort()).toEqual([
      'dana@example.com',
      'ken@example.com',
      'lena@example.com',
      'sam@example.com',
    ]);
    expect(new Set(sent.map((r) => r.week))).toEqual(new Set(['2026-W48']));
  });

  it('lets the manager act on a leaked handoff by a plain reply naming it', async () => {
    const { h, b } = await scenario();
    h.clock.set('2026-11-30T00:00:00Z');
    await tick(h.deps);
    const [digest] = await digestsTo(h, 'ken@example.com');
    const address = digest!.parsed.replyTo!.value[0]!.address!;
    h.clock.set('2026-11-30T01:00:00Z');
    const result = await h.send(
      {
        from: 'ken@example.com',
        to: address,
        subject: `Re: ${digest!.parsed.subject}`,
        inReplyTo: digest!.parsed.messageId!,
        text: `H-${b.number}: I'll call her today at 3pm myself.`,
        date: h.clock.now(),
      },
      [address],
    );
    expect(result).toMatchObject({ outcome: 'acknowledged', handoffId: b.id });
  });
});
