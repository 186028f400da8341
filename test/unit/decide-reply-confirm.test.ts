import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/schema.ts';
import { findMember } from '../../src/core/directory.ts';
import {
  confirmationOf,
  decideReply,
  type ProposedStep,
  type ReplyFacts,
} from '../../src/core/handoff/decide-reply.ts';
import type { Handoff, HandoffEvent } from '../../src/core/handoff/handoff.ts';
import { CONFIRM_BELOW } from '../../src/core/reply/confidence.ts';
import { type ReplyReading, readText } from '../../src/core/reply/read-reply.ts';
import { parseWorkingHours } from '../../src/core/time/working-hours.ts';
import { teamConfig } from '../support/team-config.ts';

const parsed = parseConfig(teamConfig);
if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
const { directory, playbooks } = parsed.config;
const member = (email: string) => findMember(directory, email)!;
const maya = member('maya@example.com');
const bob = member('bob@example.com');
const playbook = playbooks.find((p) => p.id === 'mql-to-sal')!;

const now = new Date('2026-12-07T09:00:00Z');
const openedAt = new Date('2026-12-07T08:00:00Z');
const handoff: Handoff = {
  id: 'h-1',
  number: 1042,
  playbookId: playbook.id,
  state: 'open',
  giverEmail: maya.email,
  receiverEmail: bob.email,
  receiverTeam: null,
  fields: { lead: 'Jane Doe <jane@acme.com>', trigger: 'Demo request', summary: 'Wants pricing' },
  missingFields: [],
  note: null,
  forwarded: null,
  attachments: [],
  score: null,
  light: false,
  triggerAt: null,
  createdAt: openedAt,
  updatedAt: openedAt,
  openedAt,
  ackDeadline: new Date('2026-12-07T12:00:00Z'),
  ackDeadlineExplanation: '4 business hours',
  acknowledgedAt: null,
  ackBusinessMs: null,
  action: null,
  dueAt: null,
  dueExplanation: null,
  closedAt: null,
  escalationLevel: 0,
  threadMessageIds: [],
  sourceInboundId: null,
  idempotencyKey: null,
  idempotencyFingerprint: null,
};

const hours = parseWorkingHours('Mon-Thu 08:30-17:30, Fri 08:30-13:00');
if (!hours.ok) throw new Error(hours.message);
const bobsHours = hours.value;
/** Bob's reply, read as Baton reads it (in his zone and hours). */
function read(text: string): ReplyReading {
  const reading = readText(text, now, { timeZone: 'Europe/Berlin', hours: bobsHours, holidays: [] });
  return { ...reading, text, returnDate: null, failedRecipient: null };
}

function facts(reading: ReplyReading, over: Partial<ReplyFacts> = {}): ReplyFacts {
  return {
    handoff,
    playbook,
    giver: maya,
    receiver: bob,
    sender: bob,
    reading,
    directory,
    now,
    askedForStepBefore: false,
    askedToConfirmBefore: false,
    pendingConfirmation: null,
    autoReplyNotedBefore: false,
    escalatedTo: [],
    ...over,
  };
}

const UNSURE = 'Sounds good, Thursday 14:00 works for me with Jane.';
const SURE = "I'll call Jane on Thursday at 14:00 about pricing.";
const recipients = (d: ReturnType<typeof decideReply>) => d.emails.map((e) => `${e.kind} → ${e.to.email}`);

describe('a commitment Baton is unsure of', () => {
  it('is read by the words model, whose commitments are confirmed first', () => {
    expect(read(UNSURE).rule).toMatch(/^model:commit/);
    expect(read(UNSURE).confidence).toBeLessThan(CONFIRM_BELOW);
    expect(read(SURE).confidence).toBeGreaterThanOrEqual(CONFIRM_BELOW);
  });

  it('asks the receiver once whether Baton understood the step, and tells the giver nothing', () => {
    const decision = decideReply(facts(read(UNSURE)));
    expect(decision.outcome).toBe('confirmation-asked');
    expect(decision.changes).toBeNull();
    expect(decision.cancel).toBeNull();
    expect(decision.plan).toEqual([]);
    expect(recipients(decision)).toEqual(['confirm-step → bob@example.com']);
    expect(decision.emails[0]!.thread).toBe('answer');
    expect(decision.emails[0]!.props).toMatchObject({
      action: UNSURE,
      dueLocal: 'Thu 10 Dec 2026, 14:00 CET (Europe/Berlin)',
      theirText: UNSURE,
    });
    const [event] = decision.events;
    expect(event).toMatchObject({
      kind: 'confirmation-asked',
      actor: 'bob@example.com',
      email: 0,
      data: {
        intent: 'commit',
        receiver: 'bob@example.com',
        action: UNSURE,
        due: '2026-12-10T13:00:00.000Z',
      },
    });
    expect(event!.data.rule).toMatch(/^model:commit/);
  });

  it('is taken at its word when the rules read it, and on a handoff already acknowledged', () => {
    expect(decideReply(facts(read(SURE))).outcome).toBe('acknowledged');
    const acknowledged = { ...handoff, state: 'acknowledged' as const, acknowledgedAt: openedAt };
    expect(decideReply(facts(read(UNSURE), { handoff: acknowledged })).outcome).toBe('rescheduled');
  });

  it('counts as vague the second time: the existing request for a specific step, never a second "Did you mean"', () => {
    const again = decideReply(facts(read(UNSURE), { askedToConfirmBefore: true }));
    expect(again.outcome).toBe('vague-asked');
    expect(recipients(again)).toEqual(['ask-specific → bob@example.com']);
    const thirdTime = decideReply(
      facts(read(UNSURE), { askedToConfirmBefore: true, askedForStepBefore: true }),
    );
    expect(thirdTime.outcome).toBe('vague-recorded');
    expect(thirdTime.emails).toEqual([]);
  });
});

describe('a yes to "Did you mean …?"', () => {
  const proposal: ProposedStep = {
    action: UNSURE,
    due: new Date('2026-12-10T13:00:00Z'),
    rule: 'model:commit (0, thursday, 0 0)',
  };

  it.each([
    'Yes',
    'Ja, genau.',
    "C'est ça",
    'Sí, correcto',
    'Sim, isso',
    'Sì, esatto',
    'Klopt',
    'はい、そうです。',
  ])('%j acknowledges the proposed step and due, as a sure commitment would', (yes) => {
    const decision = decideReply(
      facts(read(yes), { askedToConfirmBefore: true, pendingConfirmation: proposal }),
    );
    const sure = decideReply(facts({ ...read(SURE), action: proposal.action, due: proposal.due }));
    expect(decision.outcome).toBe('acknowledged');
    expect(decision.changes).toEqual(sure.changes);
    expect(decision.plan).toEqual(sure.plan);
    expect(decision.cancel).toEqual(sure.cancel);
    expect(recipients(decision)).toEqual(['acknowledged → maya@example.com', 'noted → bob@example.com']);
    expect(decision.emails.map((e) => e.props)).toEqual(sure.emails.map((e) => e.props));
    expect(decision.events[0]).toMatchObject({
      kind: 'acknowledged',
      data: {
        rule: 'confirm:yes',
        proposedBy: proposal.rule,
        action: UNSURE,
        due: '2026-12-10T13:00:00.000Z',
      },
    });
  });

  it('is an acknowledgment like any other when nothing was proposed', () => {
    expect(decideReply(facts(read('Yes'))).outcome).toBe('vague-asked');
  });

  it('gives way to a new sure commitment, which replaces the proposal', () => {
    const decision = decideReply(
      facts(read("No — I'll email Jane the pricing sheet tomorrow at 9."), {
        askedToConfirmBefore: true,
        pendingConfirmation: proposal,
      }),
    );
    expect(decision.outcome).toBe('acknowledged');
    expect(decision.changes?.action).toContain('pricing sheet');
    expect(decision.changes?.dueAt?.toISOString()).toBe('2026-12-08T08:00:00.000Z');
  });
});

describe('what the events say about confirming', () => {
  const event = (kind: string, at: string, data: Record<string, unknown> = {}): HandoffEvent => ({
    at: new Date(at),
    actor: 'bob@example.com',
    kind,
    inboundMessageId: null,
    outboundMessageId: null,
    data,
  });
  const asked = event('confirmation-asked', '2026-12-07T09:00:00Z', {
    receiver: 'bob@example.com',
    action: UNSURE,
    due: '2026-12-10T13:00:00.000Z',
    rule: 'model:commit (thursday)',
  });

  it('keeps the proposal while the handoff is open and nothing else was asked since', () => {
    expect(confirmationOf(handoff, asked, null)).toEqual({
      askedToConfirmBefore: true,
      pendingConfirmation: {
        action: UNSURE,
        due: new Date('2026-12-10T13:00:00Z'),
        rule: 'model:commit (thursday)',
      },
    });
    const before = event('asked-specific', '2026-12-07T08:30:00Z');
    expect(confirmationOf(handoff, asked, before).pendingConfirmation).not.toBeNull();
  });

  it('drops it once a specific step was asked for since, or the handoff moved on', () => {
    const since = event('asked-specific', '2026-12-07T10:00:00Z');
    expect(confirmationOf(handoff, asked, since)).toEqual({
      askedToConfirmBefore: true,
      pendingConfirmation: null,
    });
    const acknowledged = { ...handoff, state: 'acknowledged' as const };
    expect(confirmationOf(acknowledged, asked, null).pendingConfirmation).toBeNull();
  });

  it('belongs to the receiver who was asked: a new receiver is asked afresh', () => {
    const reassigned = { ...handoff, receiverEmail: 'sam@example.com' };
    expect(confirmationOf(reassigned, asked, null)).toEqual({
      askedToConfirmBefore: false,
      pendingConfirmation: null,
    });
    expect(confirmationOf(handoff, null, null)).toEqual({
      askedToConfirmBefore: false,
      pendingConfirmation: null,
    });
  });
});
