import { simpleParser } from 'mailparser';
import { afterEach, describe, expect, it } from 'vitest';
import { findHandoff } from '../../src/adapters/db/handoffs.ts';
import { getHandoff } from '../../src/app/get-handoff.ts';
import { submitHandoff } from '../../src/app/hand-off-by-api.ts';
import { tick } from '../../src/app/tick.ts';
import { escalationConfig } from '../support/escalation-config.ts';
import { createHarness, type Harness } from '../support/harness.ts';

let harness: Harness | null = null;
afterEach(async () => {
  await harness?.close();
  harness = null;
});

async function setup(now: string) {
  harness = await createHarness({ now, config: escalationConfig });
  return harness;
}

async function handOff(h: Harness, receiver: string, playbook = 'mql-to-sal') {
  const result = await submitHandoff(
    h.deps,
    {
      playbook,
      giver: 'maya@example.com',
      receiver,
      fields: { lead: 'Jane Roe <jane@acme.io>', summary: 'Wants SSO.' },
    },
    null,
  );
  if (!result.ok) throw new Error(result.message);
  // The stored row, as the assertions below read it.
  return (await findHandoff(h.db, result.handoff.id))!;
}

/** Emails in the mailbox, oldest first, with their parsed form. */
async function inbox(h: Harness) {
  const entries = (await h.mailbox.list()).reverse();
  return Promise.all(
    entries.map(async (e) => ({ ...e, parsed: await simpleParser((await h.mailbox.read(e.id))!.raw) })),
  );
}

async function kinds(h: Harness, to: string) {
  return (await inbox(h)).filter((m) => m.to.includes(to)).map((m) => m.parsed.headers.get('x-baton-kind'));
}

/** Moves the clock to `at` and ticks, as the timer would. */
async function tickAt(h: Harness, at: string) {
  h.clock.set(at);
  return tick(h.deps);
}

async function replyAs(h: Harness, from: string, handoffId: string, text: string) {
  const to = (await inbox(h)).filter((m) => m.to.includes(from)).at(-1)!;
  const replyTo = to.parsed.replyTo!.value[0]!.address!;
  return h
    .send(
      {
        from,
        to: replyTo,
        subject: `Re: ${to.parsed.subject}`,
        inReplyTo: to.parsed.messageId!,
        text: `${text}\n\nOn ${to.parsed.date?.toUTCString()} Baton wrote:\n> ${to.parsed.text?.split('\n')[0]}`,
        date: h.clock.now(),
      },
      [replyTo],
    )
    .then((r) => {
      expect(r.handoffId).toBe(handoffId);
      return r;
    });
}

describe('escalation', () => {
  const zones = [
    {
      receiver: 'ana@example.com',
      manager: 'ken@example.com',
      zone: 'Asia/Tokyo',
      start: '2026-11-24T01:00:00Z',
      lapse: '2026-11-24T05:00:00Z',
    },
    {
      receiver: 'nora@example.com',
      manager: 'sam@example.com',
      zone: 'America/New_York',
      start: '2026-11-24T15:00:00Z',
      lapse: '2026-11-24T19:00:00Z',
    },
    {
      receiver: 'bob@example.com',
      manager: 'lena@example.com',
      zone: 'Europe/Berlin',
      start: '2026-11-24T09:00:00Z',
      lapse: '2026-11-24T13:00:00Z',
    },
  ];
  for (const { receiver, manager, zone, start, lapse } of zones) {
    it(`escalates to the manager when no reply within 4 business hours (${zone})`, async () => {
      const h = await setup(start);
      const handoff = await handOff(h, receiver);
      expect(handoff.ack_deadline?.toISOString()).toBe(new Date(lapse).toISOString());
      await tickAt(h, new Date(new Date(lapse).getTime() - 1_000).toISOString());
      expect(await kinds(h, manager)).toEqual([]);
      await tickAt(h, lapse);
      expect(await kinds(h, manager)).toEqual(['escalation']);
      const [mail] = (await inbox(h)).filter((m) => m.to.includes(manager));
      expect(mail!.parsed.text).toContain('Wants SSO.');
      expect(mail!.parsed.replyTo?.text).toMatch(/^reply\+/);
      // Later ticks at the same moment or after send nothing twice.
      await tickAt(h, lapse);
      await tickAt(h, new Date(new Date(lapse).getTime() + 60_000).toISOString());
      expect(await kinds(h, manager)).toEqual(['escalation']);
      expect((await findHandoff(h.db, handoff.id))?.escalation_level).toBe(1);
    });
  }

  it('reminds the receiver one hour before the window ends', async () => {
    const h = await setup('2026-11-24T09:00:00Z'); // Bob: Tue 10:00 Berlin
    await handOff(h, 'bob@example.com');
    await tickAt(h, '2026-11-24T11:59:00Z');
    expect(await kinds(h, 'bob@example.com')).toEqual(['handoff-request']);
    await tickAt(h, '2026-11-24T12:00:00Z');
    expect(await kinds(h, 'bob@example.com')).toEqual(['handoff-request', 'reminder']);
  });

  it('counts the window over a weekend and a holiday, and says so in the stored explanation', async () => {
    const h = await setup('2026-11-25T20:00:00Z'); // Nora: Wed 15:00 New York, Thu is a holiday
    const handoff = await handOff(h, 'nora@example.com');
    // 2 h on Wednesday, Thursday skipped, 2 h on Friday from 09:00.
    expect(handoff.ack_deadline?.toISOString()).toBe('2026-11-27T16:00:00.000Z');
    expect(handoff.ack_deadline_explanation).toBe(
      '4 business hours in America/New_York, Mon–Fri 09:00–17:00, skipping 2026-11-26',
    );
    const weekend = await setup('2026-11-27T20:00:00Z'); // Fri 15:00 New York
    expect((await handOff(weekend, 'nora@example.com')).ack_deadline?.toISOString()).toBe(
      '2026-11-30T16:00:00.000Z',
    );
    await h.close();
  });

  it('keeps business hours right across the March and October DST changes', async () => {
    const march = await setup('2026-03-06T20:00:00Z'); // Fri 15:00 EST; Monday is EDT
    expect((await handOff(march, 'nora@example.com')).ack_deadline?.toISOString()).toBe(
      '2026-03-09T15:00:00.000Z',
    );
    await march.close();
    const october = await setup('2026-10-23T09:00:00Z'); // Bob: Fri 11:00 CEST; Monday is CET
    expect((await handOff(october, 'bob@example.com')).ack_deadline?.toISOString()).toBe(
      '2026-10-26T09:30:00.000Z',
    );
  });

  it('escalates to level 2 after level 1', async () => {
    const h = await setup('2026-11-24T09:00:00Z');
    await handOff(h, 'bob@example.com');
    await tickAt(h, '2026-11-24T13:00:00Z');
    expect(await kinds(h, 'dana@example.com')).toEqual([]);
    // Level 2 is 4 business hours (Bob's clock) after level 1: Tue 14:00 + 3.5 h + Wed 08:30 + 0.5 h = Wed 09:00 Berlin,
    // which is 17:00 in Tokyo: inside Dana's hours.
    await tickAt(h, '2026-11-25T08:00:00Z');
    expect(await kinds(h, 'dana@example.com')).toEqual(['escalation']);
    const [mail] = (await inbox(h)).filter((m) => m.to.includes('dana@example.com'));
    expect(mail!.parsed.text).toContain('escalated to lena@example.com');
  });

  it('holds an escalation to a manager abroad until the start of their working day', async () => {
    const h = await setup('2026-11-24T09:00:00Z'); // Bea: Tue 10:00 Berlin; manager Dana in Tokyo
    await handOff(h, 'bea@example.com');
    // Lapse at 14:00 Berlin = 22:00 Tokyo: held to Wed 09:00 Tokyo = Wed 00:00 UTC.
    await tickAt(h, '2026-11-24T13:00:00Z');
    expect(await kinds(h, 'dana@example.com')).toEqual([]);
    await tickAt(h, '2026-11-25T00:00:00Z');
    expect(await kinds(h, 'dana@example.com')).toEqual(['escalation']);
    const row = await h.db
      .selectFrom('deadlines')
      .select(['explanation'])
      .where('kind', '=', 'escalation')
      .where('recipient', '=', 'dana@example.com')
      .orderBy('level')
      .executeTakeFirstOrThrow();
    expect(row.explanation).toContain('held to Wed 09:00 Asia/Tokyo');
  });

  it('says on the handoff’s timeline when a notice is held to its recipient’s next working start, with both times', async () => {
    const h = await setup('2026-11-24T09:00:00Z');
    const handoff = await handOff(h, 'bea@example.com');
    const view = await getHandoff(h.deps, handoff.id);
    const held = view?.timeline.filter((e) => e.kind === 'notice-held') ?? [];
    const toDana = held.find((e) => e.data.recipient === 'dana@example.com');
    expect(toDana?.data).toMatchObject({
      notice: 'escalation',
      level: 1,
      wouldBeAt: '2026-11-24T13:00:00.000Z',
      heldTo: '2026-11-25T00:00:00.000Z',
    });
    expect(String(toDana?.data.explanation)).toContain('held to Wed 09:00 Asia/Tokyo');
  });

  it('runs a repeating chain again while nobody owns the handoff', async () => {
    const h = await setup('2026-11-24T09:00:00Z');
    await handOff(h, 'bob@example.com', 'repeating');
    for (const at of [
      '2026-11-24T11:00:00Z',
      '2026-11-24T13:00:00Z',
      '2026-11-24T15:00:00Z',
      '2026-11-25T12:00:00Z',
    ])
      await tickAt(h, at);
    // Lapse at 12:00 Berlin, then twice more, one window (2 business hours) apart.
    expect(await kinds(h, 'lena@example.com')).toEqual(['escalation', 'escalation', 'escalation']);
  });

  it('stops the chain when the receiver acknowledges after an escalation', async () => {
    const h = await setup('2026-11-24T09:00:00Z');
    const handoff = await handOff(h, 'bob@example.com');
    await tickAt(h, '2026-11-24T13:00:00Z');
    h.clock.set('2026-11-24T13:30:00Z');
    const reply = await replyAs(
      h,
      'bob@example.com',
      handoff.id,
      "I'll call Jane tomorrow at 10 about the SSO pilot.",
    );
    expect(reply.outcome).toBe('acknowledged');
    await tickAt(h, '2026-11-25T08:00:00Z');
    expect(await kinds(h, 'dana@example.com')).toEqual([]);
  });

  it('lets the escalation contact acknowledge by reply', async () => {
    const h = await setup('2026-11-24T09:00:00Z');
    const handoff = await handOff(h, 'bob@example.com');
    await tickAt(h, '2026-11-24T13:00:00Z');
    const reply = await replyAs(
      h,
      'lena@example.com',
      handoff.id,
      'I will call Jane today at 4pm to book the demo.',
    );
    expect(reply.outcome).toBe('acknowledged');
    expect((await findHandoff(h.db, handoff.id))?.state).toBe('acknowledged');
  });

  it('asks whether the promised step happened after its due time, and re-opens the chain when nobody answers', async () => {
    const h = await setup('2026-11-24T09:00:00Z');
    const handoff = await handOff(h, 'bob@example.com');
    await tickAt(h, '2026-11-24T13:00:00Z'); // level 1 to Lena
    h.clock.set('2026-11-24T13:30:00Z');
    await replyAs(h, 'bob@example.com', handoff.id, "I'll call Jane tomorrow at 10 about the SSO pilot.");
    // Due Wed 10:00 Berlin (09:00Z) + 4 h grace = 13:00Z: the follow-through question.
    await tickAt(h, '2026-11-25T12:59:00Z');
    expect(await kinds(h, 'bob@example.com')).not.toContain('follow-through');
    await tickAt(h, '2026-11-25T13:00:00Z');
    expect((await kinds(h, 'bob@example.com')).filter((k) => k === 'follow-through')).toHaveLength(1);
    // Silent for another 4 hours of grace: the chain re-opens at level 1 (the level it had reached).
    await tickAt(h, '2026-11-26T09:00:00Z');
    const reopened = await findHandoff(h.db, handoff.id);
    expect(reopened?.state).toBe('open');
    // Lena hears that Bob committed (she needs to do nothing), then the escalation again.
    expect(await kinds(h, 'lena@example.com')).toEqual(['escalation', 'noted', 'escalation']);
  });

  it('moves the follow-through when the receiver reschedules by reply', async () => {
    const h = await setup('2026-11-24T09:00:00Z');
    const handoff = await handOff(h, 'bob@example.com');
    h.clock.set('2026-11-24T10:00:00Z');
    await replyAs(h, 'bob@example.com', handoff.id, "I'll call Jane tomorrow at 10 about the SSO pilot.");
    h.clock.set('2026-11-24T15:00:00Z');
    const again = await replyAs(
      h,
      'bob@example.com',
      handoff.id,
      'She asked for next week: I will call her Monday at 11.',
    );
    expect(again.outcome).toBe('rescheduled');
    await tickAt(h, '2026-11-25T13:00:00Z');
    expect(await kinds(h, 'bob@example.com')).not.toContain('follow-through');
    const pending = await h.db
      .selectFrom('deadlines')
      .select(['due_at'])
      .where('handoff_id', '=', handoff.id)
      .where('kind', '=', 'follow-through')
      .where('status', '=', 'pending')
      .execute();
    // Monday 11:00 Berlin (10:00Z) + 4 h grace.
    expect(pending.map((p) => p.due_at.toISOString())).toEqual(['2026-11-30T14:00:00.000Z']);
    const giverMails = (await inbox(h)).filter((m) => m.to.includes('maya@example.com'));
    expect(giverMails.at(-1)!.parsed.text).toContain('Monday at 11');
  });

  it('sends one email listing the escalations that fall due for one manager at the same tick', async () => {
    const h = await setup('2026-11-24T09:00:00Z');
    for (let i = 0; i < 10; i++) await handOff(h, 'bea@example.com');
    await tickAt(h, '2026-11-25T00:00:00Z'); // Dana's 09:00
    const toDana = (await inbox(h)).filter((m) => m.to.includes('dana@example.com'));
    expect(toDana).toHaveLength(1);
    expect(toDana[0]!.parsed.headers.get('x-baton-kind')).toBe('notice-digest');
    const references = toDana[0]!.parsed.text?.match(/H-\d+/g) ?? [];
    expect(new Set(references).size).toBe(10);
    expect(
      toDana[0]!.parsed.text?.match(/reply\+[a-z0-9.]+@handoffs\.example\.com/g)?.length,
    ).toBeGreaterThanOrEqual(10);
  });

  it('gives only the top-scored share the full ritual; the rest reach the receiver in one 09:00 digest and the lead once', async () => {
    const h = await setup('2026-11-24T09:00:00Z');
    const scored = async (score: number, lead: string) => {
      const result = await submitHandoff(
        h.deps,
        {
          playbook: 'triaged',
          giver: 'maya@example.com',
          receiver: 'bob@example.com',
          score,
          fields: { lead, summary: 'Asked about SSO.' },
        },
        null,
      );
      if (!result.ok) throw new Error(result.message);
      return result.handoff;
    };
    const top = await scored(95, 'Top Lead <top@acme.io>');
    const light = [
      await scored(10, 'Ann <ann@beta.io>'),
      await scored(20, 'Ben <ben@gamma.io>'),
      await scored(30, 'Ann again <ann@beta.io>'),
    ];
    expect(top.light).toBe(false);
    expect((await findHandoff(h.db, light[0]!.id))?.light).toBe(true);
    expect(await kinds(h, 'bob@example.com')).toEqual(['handoff-request']);
    const lightDeadlines = await h.db
      .selectFrom('deadlines')
      .select('kind')
      .where('handoff_id', '=', light[0]!.id)
      .execute();
    expect(lightDeadlines.map((d) => d.kind)).toEqual(['light-digest']);
    // The lead hears once, from the receiver's name, and replies reach the receiver.
    const toAnn = (await inbox(h)).filter((m) => m.to.includes('ann@beta.io'));
    expect(toAnn).toHaveLength(1);
    expect(toAnn[0]!.parsed.from?.value[0]?.name).toBe('Bob Smith');
    expect(toAnn[0]!.parsed.replyTo?.text).toBe('bob@example.com');
    // Next 09:00 in Berlin is Wednesday 08:00 UTC.
    await tickAt(h, '2026-11-25T07:59:00Z');
    expect(await kinds(h, 'bob@example.com')).not.toContain('light-digest');
    await tickAt(h, '2026-11-25T08:00:00Z');
    const digest = (await inbox(h)).filter((m) => m.to.includes('bob@example.com')).at(-1)!;
    expect(digest.parsed.headers.get('x-baton-kind')).toBe('light-digest');
    for (const h2 of light) expect(digest.parsed.text).toContain(`H-${h2.number}`);
    // Light handoffs never escalate.
    await tickAt(h, '2026-11-27T12:00:00Z');
    expect((await inbox(h)).filter((m) => m.to.includes('lena@example.com'))).toHaveLength(1);
  });
});
