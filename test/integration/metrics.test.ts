import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/adapters/http/app.ts';
import { parseMime } from '../../src/adapters/mail-in/parse-mime.ts';
import { submitHandoff } from '../../src/app/hand-off-by-api.ts';
import { tick } from '../../src/app/tick.ts';
import { formatReference } from '../../src/core/handoff/reference.ts';
import { createHarness, type DatabaseKind, type Harness } from '../support/harness.ts';

const TOKEN = 'metrics-token';

/*
 * The seeded period, computed by hand (Bob works in Berlin, Mon–Thu 08:30–17:30, Fri 08:30–13:00;
 * mql-to-sal acknowledges within 4 business hours, hands off within 24 h, reaches out within 48 h).
 * All but H6 are created Tue 2026-11-24 14:00Z (15:00 Berlin, ISO week 2026-W48) by Maya for Bob:
 *
 *  H1 trigger Mon 23 15:00Z (23 h: on time). Commits Tue 14:30Z "tomorrow at 10" → due Wed 09:00Z
 *     (42 h after the trigger: within 48 h). Ack after 1 800 s, 1 800 s of Bob's working time.
 *     Reports done Wed 10:00Z: followed through.
 *  H2 trigger Sun 22 14:00Z (48 h: late). Asks "Which channel do they prefer?" (a question about
 *     channel), commits Tue 16:00Z "on Friday" → Fri 13:00 Berlin = 12:00Z (118 h: beyond 48 h).
 *     Ack after 7 200 s wall-clock and working. Nobody confirms: the follow-through question goes
 *     out Mon 30 07:30Z (held to Bob's morning) and lapses at 11:30Z: not followed through. The
 *     re-opened chain's window lapses then too, after the acknowledgment: not a leak.
 *  H3 no trigger. Commits Wed 08:00Z "today at 4pm" → Wed 15:00Z (25 h after creation: within).
 *     Ack after 64 800 s wall-clock; working time Tue 15:00–17:30 + Wed 08:30–09:00 = 10 800 s.
 *     Reports done Wed 12:00Z: followed through.
 *  H4 trigger Tue 13:00Z (on time). Replies "Got it, thanks!" (vague), then nothing: the window
 *     lapses Wed 09:00Z. Leaked.
 *  H5 trigger Sun 22 10:00Z (late). No reply: leaked.
 *  H7 by email without trigger and summary: a draft, the giver asked for both. Never opened.
 *  H6 fast-track, Tue 2026-12-01 14:00Z (week 2026-W49) to Sam, declined "I'm on leave next week".
 *
 * mql-to-sal: 6 handoffs, 5 opened; windows decided H1–H5 = 5, leaked 2 → leak rate 0.4.
 *   Wall-clock [1800, 7200, 64800]: median 7200, p90 7200 + 0.8 × 57600 = 53280.
 *   Working    [1800, 7200, 10800]: median 7200, p90 7200 + 0.8 × 3600 = 10080.
 *   Triggers H1, H2, H4, H5: on time H1, H4 → 0.5, 2 late. Due times H1, H2, H3: within H1, H3 → 2/3.
 *   Follow-through known H1, H2, H3, followed H1, H3 → 2/3. Replied H1–H4, vague H4 → 0.25.
 *   Missing: trigger 1, summary 1. Questions: channel 1.
 * All: 7 handoffs, decided 6 (H6 declined), leaked 2 → 1/3; replied 5 → vague 0.2; declines 1.
 */
interface Scenario {
  h: Harness;
  app: ReturnType<typeof createApp>;
  refs: Record<string, string>;
}

async function inbox(h: Harness) {
  const entries = (await h.mailbox.list()).reverse();
  return Promise.all(
    entries.map(async (e) => ({ ...e, parsed: await simpleParser((await h.mailbox.read(e.id))!.raw) })),
  );
}

/** Replies, as `from`, to the latest email Baton sent them about the handoff `reference`. */
async function reply(h: Harness, from: string, reference: string, text: string, at: string) {
  h.clock.set(at);
  const mail = (await inbox(h)).filter((m) => m.to.includes(from) && m.subject?.includes(reference)).at(-1);
  if (!mail) throw new Error(`no email to ${from} about ${reference}`);
  const replyTo = mail.parsed.replyTo!.value[0]!.address!;
  return h.send(
    {
      from,
      to: replyTo,
      subject: `Re: ${mail.parsed.subject}`,
      inReplyTo: mail.parsed.messageId!,
      text,
      date: h.clock.now(),
    },
    [replyTo],
  );
}

async function tickAt(h: Harness, at: string) {
  h.clock.set(at);
  await tick(h.deps);
}

async function seed(kind: DatabaseKind): Promise<Scenario> {
  const h = await createHarness({ kind, now: '2026-11-24T14:00:00Z' });
  const app = createApp({ deps: () => h.deps, apiTokens: () => [TOKEN], parse: parseMime, mailbox: null });
  const refs: Record<string, string> = {};
  const fields = {
    lead: 'Jane Roe <jane@acme.io>',
    trigger: 'demo request',
    summary: 'Wants SSO for 300 seats.',
  };
  const create = async (
    name: string,
    triggerAt: string | null,
    playbook = 'mql-to-sal',
    receiver = 'bob@example.com',
  ) => {
    const result = await submitHandoff(
      h.deps,
      {
        playbook,
        giver: 'maya@example.com',
        receiver,
        fields: playbook === 'fast-track' ? { lead: fields.lead, need: 'SSO' } : fields,
        ...(triggerAt ? { triggerAt: new Date(triggerAt) } : {}),
      },
      null,
    );
    if (!result.ok) throw new Error(result.message);
    refs[name] = formatReference(result.handoff.number);
  };
  await create('H1', '2026-11-23T15:00:00Z');
  await create('H2', '2026-11-22T14:00:00Z');
  await create('H3', null);
  await create('H4', '2026-11-24T13:00:00Z');
  await create('H5', '2026-11-22T10:00:00Z');
  const draft = await h.send({
    from: 'maya@example.com',
    to: 'handoff@handoffs.example.com',
    subject: 'lead',
    text: 'Receiver: bob@example.com\nLead: Jim Doe <jim@beta.io>\nChannel: email',
  });
  expect(draft.outcome).toBe('draft-missing-fields');

  const bob = 'bob@example.com';
  await reply(
    h,
    bob,
    refs.H1!,
    "I'll call them tomorrow at 10 about the SSO question.",
    '2026-11-24T14:30:00Z',
  );
  await reply(h, bob, refs.H4!, 'Got it, thanks!', '2026-11-24T15:00:00Z');
  await reply(h, bob, refs.H2!, 'Which channel do they prefer?', '2026-11-24T15:30:00Z');
  await reply(h, bob, refs.H2!, 'I will call them on Friday.', '2026-11-24T16:00:00Z');
  await reply(h, bob, refs.H3!, 'I will email them today at 4pm with the pricing.', '2026-11-25T08:00:00Z');
  await tickAt(h, '2026-11-25T09:00:00Z');
  await reply(h, bob, refs.H1!, 'Called them, demo booked.', '2026-11-25T10:00:00Z');
  await reply(h, bob, refs.H3!, 'Called them, demo booked.', '2026-11-25T12:00:00Z');
  await tickAt(h, '2026-11-30T08:00:00Z');
  await tickAt(h, '2026-11-30T12:00:00Z');

  h.clock.set('2026-12-01T14:00:00Z');
  await create('H6', null, 'fast-track', 'sam@example.com');
  await reply(
    h,
    'sam@example.com',
    refs.H6!,
    "Can't take this one, I'm on leave next week.",
    '2026-12-01T15:00:00Z',
  );
  h.clock.set('2026-12-02T12:00:00Z');
  return { h, app, refs };
}

/** One row of a breakdown, as much of it as these tests read. */
interface Row {
  week: string;
  playbook: string;
  giver: string;
  receiver: string;
  handoffs: number;
  leaked: number;
  leakRate: number | null;
  declines: number;
  missingFields: Record<string, number>;
}

type Report = Record<string, unknown> & {
  handoffs: number;
  leakRate: number | null;
  vagueReplyRate: number | null;
  reachOutWithin48hShare: number | null;
  followThroughRate: number | null;
  byWeek: Row[];
  byPlaybook: Row[];
  byGiver: Row[];
  byReceiver: Row[];
  error?: { code: string };
};

async function metrics(s: Scenario, query: string) {
  const response = await s.app.request(`/api/metrics${query}`, {
    headers: { authorization: `Bearer ${TOKEN}` },
  });
  return { status: response.status, body: (await response.json()) as Report };
}

const PERIOD = '?from=2026-11-23&to=2026-12-07';

describe.each(['postgres', 'pglite'] as const)('metrics on %s', (kind) => {
  let s: Scenario;
  beforeAll(async () => {
    s = await seed(kind);
  }, 120_000);
  afterAll(async () => s?.h.close());

  it('counts the leak rate, times to acknowledge and shares of one playbook as computed by hand', async () => {
    const { status, body } = await metrics(s, `${PERIOD}&playbook=mql-to-sal`);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      handoffs: 6,
      opened: 5,
      leaked: 2,
      leakRate: 0.4,
      acknowledged: 3,
      timeToAcknowledge: {
        unit: 'seconds',
        wallClock: { median: 7200, p90: 53280 },
        business: { median: 7200, p90: 10080 },
      },
      within24hShare: 0.5,
      lateHandoffs: 2,
      vagueReplyRate: 0.25,
      missingFields: { trigger: 1, summary: 1 },
      questions: 1,
      questionsByField: { channel: 1 },
      declines: 0,
    });
    expect(body.reachOutWithin48hShare).toBeCloseTo(2 / 3, 10);
    expect(body.followThroughRate).toBeCloseTo(2 / 3, 10);
  });

  it('breaks the period down by ISO week, playbook, giver and receiver', async () => {
    const { body } = await metrics(s, PERIOD);
    expect(body.handoffs).toBe(7);
    expect(body.leakRate).toBeCloseTo(1 / 3, 10);
    expect(body.vagueReplyRate).toBe(0.2);
    expect(body.byWeek.map((w) => [w.week, w.handoffs, w.leakRate])).toEqual([
      ['2026-W48', 6, 0.4],
      ['2026-W49', 1, 0],
    ]);
    expect(body.byPlaybook.map((p) => [p.playbook, p.handoffs, p.declines])).toEqual([
      ['mql-to-sal', 6, 0],
      ['fast-track', 1, 1],
    ]);
    expect(body.byGiver.map((g) => [g.giver, g.handoffs])).toEqual([['maya@example.com', 7]]);
    expect(body.byReceiver.map((r) => [r.receiver, r.handoffs, r.leaked])).toEqual([
      ['bob@example.com', 6, 2],
      ['sam@example.com', 1, 0],
    ]);
    expect(body.byWeek[0]?.missingFields).toEqual({ trigger: 1, summary: 1 });
    expect(body.byWeek[1]?.missingFields).toEqual({});
  });

  it('lists decline reasons for one receiver, and nothing is a rate when nothing was measured', async () => {
    const { body } = await metrics(s, `${PERIOD}&receiver=Sam@Example.com`);
    expect(body).toMatchObject({
      handoffs: 1,
      declines: 1,
      declineReasons: [{ reason: "i'm on leave next week", count: 1 }],
      leakRate: 0,
      within24hShare: null,
      followThroughRate: null,
      timeToAcknowledge: { wallClock: { median: null, p90: null } },
    });
  });

  it('counts only handoffs created inside the period', async () => {
    const { body } = await metrics(s, '?from=2026-11-30T00:00:00Z&to=2026-12-07T00:00:00Z');
    expect(body.handoffs).toBe(1);
    expect(body.byWeek.map((w) => w.week)).toEqual(['2026-W49']);
    const empty = await metrics(s, '?from=2027-01-01&to=2027-02-01');
    expect(empty.body).toMatchObject({ handoffs: 0, leakRate: null, byWeek: [], byPlaybook: [] });
  });

  it('refuses a period that ends before it starts, an unknown parameter and a missing token', async () => {
    const backwards = await metrics(s, '?from=2026-12-07&to=2026-11-23');
    expect(backwards.status).toBe(400);
    expect(backwards.body.error).toMatchObject({ code: 'invalid_request' });
    expect((await metrics(s, '?form=2026-11-23')).status).toBe(400);
    expect((await metrics(s, '?from=yesterday')).status).toBe(400);
    const anonymous = await s.app.request('/api/metrics');
    expect(anonymous.status).toBe(401);
  });
});
