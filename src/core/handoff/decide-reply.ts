/*
 * What a reply does to its handoff, decided without touching anything: given the handoff, the
 * reading of the reply, the people and `now`, it returns the state change, the notices to cancel
 * and plan, the timeline events and the emails to queue. The use case applies all of it in one
 * transaction (app/act-on-reply.ts).
 */

import { type Directory, findMember, type Member, resolveRecipient } from '../directory.ts';
import type { EmailKind } from '../email-kind.ts';
import { type NoticeKind, type PlannedNotice, planFollowThrough, planWindow } from '../escalation.ts';
import { fieldsAskedAbout } from '../metrics.ts';
import { resolveByLine } from '../receiver.ts';
import { CONFIRM_BELOW } from '../reply/confidence.ts';
import type { ReplyReading } from '../reply/read-reply.ts';
import { addDuration, type Deadline, formatLocal, measureWorkingTime } from '../time/business-time.ts';
import type { Attachment } from './attachments.ts';
import { handoffRequestProps, receiptProps } from './email-props.ts';
import { leadSummary } from './fields.ts';
import type { DeadlineKind, Handoff, HandoffChanges, HandoffEvent } from './handoff.ts';
import { accepts, transition } from './lifecycle.ts';
import type { Playbook } from './playbook.ts';
import { formatReference } from './reference.ts';

export type ReplyOutcome =
  | 'ignored-closed'
  | 'acknowledged'
  | 'rescheduled'
  | 'vague-recorded'
  | 'vague-asked'
  | 'confirmation-asked'
  | 'declined'
  | 'done'
  | 'reassign-refused'
  | 'reassigned'
  | 'question-relayed'
  | 'auto-reply-recorded'
  | 'auto-reply-noted'
  | 'bounce-noted'
  | 'undeliverable'
  | 'answer-relayed'
  | 'giver-reply-recorded'
  | 'nudged'
  | 'cancelled'
  | 'cancel-refused';

/** One email to queue. `thread` says where it threads: under the giver's own emails, or as an answer. */
export interface DecidedEmail {
  kind: EmailKind;
  to: { email: string; name: string };
  props: Record<string, unknown>;
  thread: 'giver' | 'answer' | 'handoff';
  fromName?: string;
  /** A plain Reply-To instead of Baton's signed address (mail to people outside the team). */
  replyTo?: string;
  /** An answer to mail that changed nothing: not sent past the per-sender cap (a loop breaker). */
  capped?: boolean;
  /** Files the email carries (attached up to the size limit, linked above it). */
  attachments?: readonly Attachment[];
}

/** A deadline to store: a notice of the escalation plan, or a light handoff's digest. */
export type PlannedDeadline = Omit<PlannedNotice, 'kind'> & { kind: DeadlineKind };

/** One timeline event; `email` is the index of the decided email it is about. */
export interface DecidedEvent {
  kind: string;
  actor: string;
  /** Whether the inbound message caused it (Baton's own follow-ups are not caused by it). */
  fromMessage: boolean;
  data: Record<string, unknown>;
  email?: number;
}

export interface Decision<O extends string = ReplyOutcome> {
  outcome: O;
  changes: HandoffChanges | null;
  /** Pending notices to cancel: all, or those of some kinds. */
  cancel: 'all' | readonly NoticeKind[] | null;
  plan: readonly PlannedDeadline[];
  events: readonly DecidedEvent[];
  emails: readonly DecidedEmail[];
}

export interface ReplyFacts {
  handoff: Handoff;
  playbook: Playbook;
  giver: Member;
  receiver: Member;
  /** Who wrote the reply (for a bounce: the receiver it reports on). */
  sender: Member;
  reading: ReplyReading;
  directory: Directory;
  now: Date;
  /** Whether the receiver was already asked once for a specific step. */
  askedForStepBefore: boolean;
  /** Whether the receiver was already asked once to confirm a step Baton was unsure of. */
  askedToConfirmBefore: boolean;
  /** The step the receiver was asked to confirm, while that question is still the open one. */
  pendingConfirmation: ProposedStep | null;
  /** Whether the giver was already told about an auto-reply. */
  autoReplyNotedBefore: boolean;
  /** Who the handoff was escalated to so far: they are told when it is resolved. */
  escalatedTo: readonly Member[];
}

/** A step Baton understood from a reply it was unsure of, proposed back to the receiver. */
export interface ProposedStep {
  action: string | null;
  due: Date | null;
  /** The rule that read it. */
  rule: string;
}

/**
 * What the handoff's events say about confirming: whether its receiver was asked to confirm a step (the
 * latest 'confirmation-asked'), and whether that proposal still stands — the handoff still open and
 * no request for a specific step sent since (a "yes" to that would confirm nothing).
 */
export function confirmationOf(
  handoff: Handoff,
  asked: HandoffEvent | null,
  askedSpecific: HandoffEvent | null,
): Pick<ReplyFacts, 'askedToConfirmBefore' | 'pendingConfirmation'> {
  if (!asked || asked.data.receiver !== handoff.receiverEmail)
    return { askedToConfirmBefore: false, pendingConfirmation: null };
  const superseded =
    handoff.state !== 'open' || (askedSpecific !== null && askedSpecific.at.getTime() >= asked.at.getTime());
  const { action, due, rule } = asked.data;
  return {
    askedToConfirmBefore: true,
    pendingConfirmation: superseded
      ? null
      : {
          action: typeof action === 'string' ? action : null,
          due: typeof due === 'string' ? new Date(due) : null,
          rule: typeof rule === 'string' ? rule : '',
        },
  };
}

const LONG_TEXT = 1_500;
const clip = (text: string) => (text.length > LONG_TEXT ? `${text.slice(0, LONG_TEXT - 1)}…` : text);

/**
 * The first acknowledgment of a handoff, with the receiver's working time it took: metrics need it,
 * and working hours live in the config, so it is measured now rather than in SQL later.
 */
function firstAcknowledgment(f: ReplyFacts): Pick<HandoffChanges, 'acknowledgedAt' | 'ackBusinessMs'> {
  const { handoff, now } = f;
  if (handoff.acknowledgedAt) return { acknowledgedAt: handoff.acknowledgedAt };
  const from = handoff.openedAt ?? handoff.createdAt;
  return { acknowledgedAt: now, ackBusinessMs: measureWorkingTime(from, now, f.receiver.schedule) };
}

const NOTHING = { changes: null, cancel: null, plan: [], events: [], emails: [] } as const;

/** The notices that wait for an acknowledgment or a commitment; a new commitment replaces them. */
const COMMITMENT_NOTICES: readonly NoticeKind[] = [
  'reminder',
  'escalation',
  'follow-through',
  'follow-through-lapse',
];

function common(f: ReplyFacts) {
  return {
    reference: formatReference(f.handoff.number),
    leadSummary: leadSummary(f.handoff.fields, f.playbook.name),
  };
}

/** An event the reply caused, carrying how it was read. */
function replyEvent(f: ReplyFacts, kind: string, data: Record<string, unknown>): DecidedEvent {
  return {
    kind,
    actor: f.sender.email,
    fromMessage: true,
    data: { intent: f.reading.intent, rule: f.reading.rule, ...data },
  };
}

/** A reply that changes nothing because the handoff no longer accepts it: recorded, not acted on. */
function ignored(f: ReplyFacts): Decision {
  const { handoff, sender } = f;
  const automatic = f.reading.intent === 'auto-reply' || f.reading.intent === 'bounce';
  const closed = handoff.closedAt ? ` since ${formatLocal(handoff.closedAt, sender.schedule.timeZone)}` : '';
  return {
    ...NOTHING,
    outcome: 'ignored-closed',
    events: [replyEvent(f, 'reply-ignored', { state: handoff.state, text: clip(f.reading.text) })],
    // A person who wrote is told their words changed nothing; a robot never is.
    emails: automatic
      ? []
      : [
          {
            kind: 'refusal',
            to: sender,
            thread: 'answer',
            props: {
              reason: 'closed',
              reference: common(f).reference,
              detail: `It has been ${STATE_WORDS[handoff.state]}${closed}, so Baton recorded your reply and changed nothing.`,
            },
          },
        ],
  };
}

const STATE_WORDS: Record<Handoff['state'], string> = {
  draft: 'waiting for its missing fields',
  open: 'waiting for its receiver',
  acknowledged: 'acknowledged',
  done: 'done',
  declined: 'declined',
  cancelled: 'cancelled',
  undeliverable: 'undeliverable',
};

/**
 * The people a handoff was escalated to, told once it is resolved so that nobody chases a lead
 * that has an owner again. The one who resolved it and the giver (told in their own email) are
 * left out.
 */
function resolutionNotices(f: ReplyFacts, title: string): DecidedEmail[] {
  const { reference } = common(f);
  return f.escalatedTo
    .filter((m) => m.email !== f.sender.email && m.email !== f.giver.email)
    .map((m) => ({
      kind: 'noted',
      to: m,
      thread: 'handoff',
      props: {
        reference,
        title,
        lines: ['It was escalated to you; it needs nothing more from you now.'],
        next: 'Reply to this email if something is still wrong.',
        reason: `handoff ${reference} was escalated to you`,
      },
    }));
}

/** The acknowledgment window of a (new) receiver, with its reminder and escalation chain. */
function windowNotices(f: ReplyFacts, receiver: Member, window: Deadline): PlannedNotice[] {
  return planWindow({
    now: f.now,
    window,
    playbook: f.playbook,
    directory: f.directory,
    receiver,
    giver: f.giver,
    fromLevel: 1,
    remind: window.at > f.now,
  });
}

/**
 * What a reply to a handoff does. A commitment read by a rule family that is often wrong (its calibrated
 * confidence below CONFIRM_BELOW) is not passed on to the giver: the receiver is asked once to confirm
 * it, a short yes then acknowledges it, and a second unsure reading counts as vague.
 */
export function decideReply(f: ReplyFacts): Decision {
  if (f.pendingConfirmation && f.reading.affirms && f.handoff.state === 'open')
    return confirmed(f, f.pendingConfirmation);
  switch (f.reading.intent) {
    case 'commit':
      if (f.reading.confidence < CONFIRM_BELOW && f.handoff.state === 'open')
        return f.askedToConfirmBefore ? vague(f) : askToConfirm(f);
      return commit(f);
    case 'vague':
      return vague(f);
    case 'decline':
      return close(f, 'decline', { reason: f.reading.reason }, { reason: f.reading.reason });
    case 'done':
      return close(
        f,
        'done',
        { text: clip(f.reading.action ?? f.reading.text) },
        { text: clip(f.reading.text) },
      );
    case 'reassign':
      return reassign(f);
    case 'question':
      return question(f);
    case 'auto-reply':
      return autoReply(f);
    case 'bounce':
      return bounce(f);
  }
}

function commit(f: ReplyFacts, explained: Record<string, unknown> = {}): Decision {
  const { handoff, reading, sender, giver, playbook, now } = f;
  const rescheduling = handoff.state === 'acknowledged';
  const next = transition(handoff.state, { kind: rescheduling ? 'reschedule' : 'acknowledge' });
  if (!next.ok) return ignored(f);
  const { action, due } = reading;
  const acknowledgment = firstAcknowledgment(f);
  const acknowledgedAt = acknowledgment.acknowledgedAt ?? now;
  const reachOutFrom = handoff.triggerAt ?? handoff.createdAt;
  const beyond = due && due.getTime() - reachOutFrom.getTime() > playbook.reachOutWithin.ms;
  return {
    outcome: rescheduling ? 'rescheduled' : 'acknowledged',
    changes: {
      state: next.state,
      action,
      dueAt: due,
      dueExplanation: due
        ? `promised by ${sender.name} for ${formatLocal(due, sender.schedule.timeZone)}`
        : 'no time promised',
      ...acknowledgment,
      updatedAt: now,
    },
    cancel: COMMITMENT_NOTICES,
    plan: planFollowThrough({ acknowledgedAt, due, playbook, receiver: f.receiver }),
    events: [
      replyEvent(f, rescheduling ? 'rescheduled' : 'acknowledged', {
        action,
        due: due?.toISOString() ?? null,
        previous: rescheduling
          ? { action: handoff.action, due: handoff.dueAt?.toISOString() ?? null }
          : undefined,
        ...explained,
      }),
    ],
    emails: [
      {
        kind: 'acknowledged',
        to: giver,
        thread: 'giver',
        props: {
          ...common(f),
          giverName: giver.name,
          receiverName: sender.name,
          action: action ?? reading.text,
          dueReceiverLocal: due ? formatLocal(due, sender.schedule.timeZone) : null,
          dueGiverLocal: due ? formatLocal(due, giver.schedule.timeZone) : null,
          beyondReachOut: beyond
            ? `This is later than your ${Math.round(playbook.reachOutWithin.ms / 3_600_000)}-hour reach-out target.`
            : null,
          replaced: rescheduling ? handoff.action : null,
        },
      },
      {
        // The receiver sees what Baton understood, in the thread of their reply.
        kind: 'noted',
        to: sender,
        thread: 'answer',
        props: {
          reference: common(f).reference,
          title: `Noted: ${action ?? clip(reading.text)} — ${due ? formatLocal(due, sender.schedule.timeZone) : 'no time given'}`,
          lines: [
            rescheduling
              ? `This replaces your earlier commitment${handoff.action ? ` (${handoff.action})` : ''}. ${giver.name} has been told.`
              : `${giver.name} has been told.`,
          ],
          next: 'Reply to correct it.',
          reason: `you answered handoff ${common(f).reference}`,
        },
      },
      ...(rescheduling ? [] : resolutionNotices(f, `${common(f).leadSummary}: ${sender.name} committed`)),
    ],
  };
}

/**
 * An unsure commitment on an open handoff: the receiver is asked, in the thread of their reply, whether
 * Baton understood the step; the giver hears nothing yet and the window and its escalations run on.
 */
function askToConfirm(f: ReplyFacts): Decision {
  const { handoff, reading, receiver, sender } = f;
  const action = reading.action ?? clip(reading.text);
  return {
    ...NOTHING,
    outcome: 'confirmation-asked',
    events: [
      {
        ...replyEvent(f, 'confirmation-asked', {
          confidence: reading.confidence,
          receiver: receiver.email,
          action,
          due: reading.due?.toISOString() ?? null,
        }),
        email: 0,
      },
    ],
    emails: [
      {
        kind: 'confirm-step',
        to: sender,
        thread: 'answer',
        props: {
          ...common(f),
          receiverName: sender.name,
          action,
          dueLocal: reading.due ? formatLocal(reading.due, sender.schedule.timeZone) : null,
          theirText: clip(reading.text),
          deadlineLocal: handoff.ackDeadline
            ? formatLocal(handoff.ackDeadline, sender.schedule.timeZone)
            : '',
        },
      },
    ],
  };
}

/** A yes to "Did you mean …?": the proposed step is acknowledged as a confident commitment would be. */
function confirmed(f: ReplyFacts, proposal: ProposedStep): Decision {
  const reading: ReplyReading = {
    ...f.reading,
    intent: 'commit',
    action: proposal.action,
    due: proposal.due,
    rule: 'confirm:yes',
  };
  return commit({ ...f, reading }, { proposedBy: proposal.rule });
}

function vague(f: ReplyFacts): Decision {
  const { handoff, sender } = f;
  if (!accepts(handoff.state, 'vague')) return ignored(f);
  const recorded = replyEvent(f, 'vague-reply', { text: clip(f.reading.text) });
  // Asked once: a second vague reply is recorded, not nagged about.
  if (f.askedForStepBefore || handoff.state !== 'open')
    return { ...NOTHING, outcome: 'vague-recorded', events: [recorded] };
  return {
    ...NOTHING,
    outcome: 'vague-asked',
    events: [recorded, { kind: 'asked-specific', actor: 'baton', fromMessage: false, data: {}, email: 0 }],
    emails: [
      {
        kind: 'ask-specific',
        to: sender,
        thread: 'answer',
        props: {
          ...common(f),
          receiverName: sender.name,
          theirText: clip(f.reading.text),
          deadlineLocal: handoff.ackDeadline
            ? formatLocal(handoff.ackDeadline, sender.schedule.timeZone)
            : '',
        },
      },
    ],
  };
}

/** Declined or done: the handoff closes, its notices stop and the giver is told. */
function close(
  f: ReplyFacts,
  kind: 'decline' | 'done',
  event: Record<string, unknown>,
  props: Record<string, unknown>,
): Decision {
  const { handoff, now } = f;
  const next = transition(handoff.state, { kind });
  if (!next.ok) return ignored(f);
  const state = kind === 'done' ? 'done' : 'declined';
  return {
    outcome: state,
    changes: {
      state: next.state,
      closedAt: now,
      // Done without a prior commitment still counts as owned: it was acknowledged by doing it.
      ...(kind === 'done' ? firstAcknowledgment(f) : {}),
      updatedAt: now,
    },
    cancel: 'all',
    plan: [],
    events: [replyEvent(f, state, event)],
    emails: [
      {
        kind: state,
        to: f.giver,
        thread: 'giver',
        props: { ...common(f), giverName: f.giver.name, receiverName: f.sender.name, ...props },
      },
      ...resolutionNotices(f, `${common(f).leadSummary}: ${state} by ${f.sender.name}`),
    ],
  };
}

function reassign(f: ReplyFacts): Decision {
  const { directory, handoff, now, playbook, giver, receiver, sender } = f;
  const wanted = f.reading.reassignTo ?? '';
  const recipient = resolveRecipient(directory, wanted) ?? (wanted ? resolveByLine(directory, wanted) : null);
  if (!recipient) {
    const known = directory.members.map((m) => m.email).join(', ');
    return {
      ...NOTHING,
      outcome: 'reassign-refused',
      events: [replyEvent(f, 'reassign-refused', { reassignTo: wanted })],
      emails: [
        {
          kind: 'refusal',
          to: sender,
          thread: 'answer',
          props: {
            reason: 'not-allowed',
            reference: common(f).reference,
            detail: `${wanted || 'That person'} is not someone Baton knows, so the handoff stays with ${receiver.name}. Baton knows: ${known}.`,
          },
        },
      ],
    };
  }
  const next = transition(handoff.state, { kind: 'reassign' });
  if (!next.ok) return ignored(f);
  const newReceiver = recipient.member;
  const deadline = addDuration(now, playbook.ackWithin, newReceiver.schedule);
  const changes: HandoffChanges = {
    state: next.state,
    receiverEmail: newReceiver.email,
    receiverTeam: recipient.kind === 'team' ? recipient.team.id : null,
    ackDeadline: deadline.at,
    ackDeadlineExplanation: deadline.explanation,
    acknowledgedAt: null,
    ackBusinessMs: null,
    action: null,
    dueAt: null,
    dueExplanation: null,
    escalationLevel: 0,
    updatedAt: now,
  };
  const reassigned: Handoff = { ...handoff, ...changes };
  const { reference, leadSummary: lead } = common(f);
  return {
    outcome: 'reassigned',
    changes,
    cancel: 'all',
    plan: windowNotices(f, newReceiver, deadline),
    events: [
      replyEvent(f, 'reassigned', {
        from: receiver.email,
        to: newReceiver.email,
        deadline: deadline.at.toISOString(),
        explanation: deadline.explanation,
      }),
    ],
    emails: [
      requestEmail({
        handoff: reassigned,
        playbook,
        giver,
        receiver: newReceiver,
        deadline,
        reassignedFrom: receiver.name,
      }),
      {
        kind: 'reassigned',
        to: receiver,
        thread: 'handoff',
        props: {
          reference,
          leadSummary: lead,
          previousReceiverName: receiver.name,
          newReceiverName: newReceiver.name,
          byName: sender.name,
        },
      },
      {
        kind: 'handoff-receipt',
        to: giver,
        thread: 'giver',
        props: receiptProps({
          handoff: reassigned,
          playbook,
          giver,
          receiver: newReceiver,
          receiverLocal: formatLocal(deadline.at, newReceiver.schedule.timeZone),
          due: deadline.at,
          lateBy: null,
        }),
      },
    ],
  };
}

function question(f: ReplyFacts): Decision {
  if (!accepts(f.handoff.state, 'question')) return ignored(f);
  const text = clip(f.reading.text);
  return {
    ...NOTHING,
    outcome: 'question-relayed',
    events: [
      replyEvent(f, 'question-relayed', { question: text, fields: fieldsAskedAbout(f.playbook, text) }),
    ],
    emails: [
      {
        kind: 'question-relay',
        to: f.giver,
        thread: 'giver',
        props: { ...common(f), giverName: f.giver.name, askerName: f.sender.name, question: text },
      },
    ],
  };
}

function autoReply(f: ReplyFacts): Decision {
  const { handoff, giver } = f;
  const recorded = replyEvent(f, 'auto-reply', { returnDate: f.reading.returnDate });
  // Never answered, never an acknowledgment; the giver hears about it once.
  if (f.autoReplyNotedBefore || !accepts(handoff.state, 'auto-reply'))
    return { ...NOTHING, outcome: 'auto-reply-recorded', events: [recorded] };
  return {
    ...NOTHING,
    outcome: 'auto-reply-noted',
    events: [recorded],
    emails: [
      {
        kind: 'auto-reply-noted',
        to: giver,
        thread: 'giver',
        props: {
          ...common(f),
          giverName: giver.name,
          receiverName: f.receiver.name,
          returnDate: f.reading.returnDate,
          excerpt: clip(f.reading.text).slice(0, 300),
          deadlineLocal: handoff.ackDeadline ? formatLocal(handoff.ackDeadline, giver.schedule.timeZone) : '',
        },
      },
    ],
  };
}

function bounce(f: ReplyFacts): Decision {
  const { handoff, receiver, now } = f;
  const failed = f.reading.failedRecipient;
  const report = { failedRecipient: failed, diagnostic: f.reading.reason };
  // Only the receiver's address bouncing makes the handoff undeliverable; anyone else's is noted.
  if (failed && failed !== receiver.email && !receiver.aliases.includes(failed))
    return { ...NOTHING, outcome: 'bounce-noted', events: [replyEvent(f, 'bounce-noted', report)] };
  if (!accepts(handoff.state, 'bounce')) return ignored(f);
  const next = transition(handoff.state, { kind: 'bounce' });
  if (!next.ok) return ignored(f);
  return {
    outcome: 'undeliverable',
    changes: { state: next.state, updatedAt: now },
    cancel: 'all',
    // Nobody can act on a mail that never arrived: the chain starts now.
    plan: windowNotices(f, receiver, { at: now, explanation: 'the receiver’s address bounced' }),
    events: [replyEvent(f, 'undeliverable', report)],
    emails: [
      {
        kind: 'undeliverable',
        to: f.giver,
        thread: 'giver',
        props: {
          ...common(f),
          giverName: f.giver.name,
          receiverEmail: receiver.email,
          diagnostic: f.reading.reason,
        },
      },
    ],
  };
}

/** The receiver's request, in the giver's name, with the handoff's files: on opening, reassign and nudge. */
export function requestEmail(input: Parameters<typeof handoffRequestProps>[0]): DecidedEmail {
  return {
    kind: 'handoff-request',
    to: input.receiver,
    thread: 'handoff',
    fromName: `${input.giver.name} via Baton`,
    props: handoffRequestProps(input),
    attachments: input.handoff.attachments,
  };
}

/** What a giver can ask for in one line of the handoff's thread. */
export type GiverCommand = 'reassign' | 'cancel' | 'nudge';

const CANCEL = /^(?:please\s+)?cancel\b/i;
const NUDGE = /^(?:please\s+)?(?:nudge|remind)\b|^any\s+(?:updates?|news)\b|^(?:status|update)\s*\??\s*$/i;

/** The command in the giver's new text, read from its first line ("reassign to sam@…", "cancel", "nudge", "any update?"). */
export function giverCommand(reading: ReplyReading): GiverCommand | null {
  const first =
    reading.text
      .split('\n')
      .find((line) => line.trim())
      ?.trim() ?? '';
  if (reading.intent === 'reassign' && reading.reassignTo) return 'reassign';
  if (CANCEL.test(first)) return 'cancel';
  if (NUDGE.test(first)) return 'nudge';
  return null;
}

/**
 * The giver writing in the handoff's thread: a command (reassign, cancel, nudge) is carried out; an
 * answer to a relayed question goes back to whoever asked it; anything else is recorded, and the
 * giver is told so with the commands they can use.
 */
export function decideGiverReply(
  f: ReplyFacts & {
    /** Who asked the last relayed question, when someone did. */
    asker: Member | null;
  },
): Decision {
  const { asker, handoff, giver } = f;
  const command = giverCommand(f.reading);
  if (command === 'reassign') return reassign(f);
  if (command === 'cancel') {
    const cancelled = decideCancel({ ...f, by: giver });
    if (cancelled.outcome === 'cancel-refused') return ignored(f);
    return {
      ...cancelled,
      emails: [
        ...cancelled.emails,
        giverAnswer(f, `Cancelled ${common(f).reference}`, [
          `${f.receiver.name} has been told; its reminders and escalations have stopped.`,
        ]),
      ],
    };
  }
  if (command === 'nudge') return nudge(f);
  const event = { actor: giver.email, fromMessage: true, data: { text: clip(f.reading.text) } };
  if (!asker)
    return {
      ...NOTHING,
      outcome: 'giver-reply-recorded',
      events: [{ ...event, kind: 'giver-reply' }],
      emails: [
        giverAnswer(f, `Noted on ${common(f).reference}; nothing changed`, [
          `It is ${STATE_WORDS[handoff.state]}, with ${f.receiver.name}.`,
        ]),
      ],
    };
  return {
    ...NOTHING,
    outcome: 'answer-relayed',
    events: [{ ...event, kind: 'answer-relayed' }],
    emails: [
      {
        kind: 'answer-relay',
        to: asker,
        thread: 'handoff',
        props: {
          reference: formatReference(handoff.number),
          leadSummary: leadSummary(handoff.fields, f.playbook.name),
          receiverName: asker.name,
          giverName: giver.name,
          answer: clip(f.reading.text),
          deadlineLocal: handoff.ackDeadline ? formatLocal(handoff.ackDeadline, asker.schedule.timeZone) : '',
        },
      },
    ],
  };
}

/** A short answer to the giver in the thread of their message, naming the commands they have. */
function giverAnswer(f: ReplyFacts, title: string, lines: string[]): DecidedEmail {
  const { reference } = common(f);
  return {
    kind: 'noted',
    to: f.giver,
    thread: 'answer',
    capped: true,
    props: {
      reference,
      title,
      lines,
      next: `To act on it, reply with one line: "reassign to <address>", "cancel", or "nudge" (sends ${f.receiver.name} the request again).`,
      reason: `you handed off ${reference}`,
    },
  };
}

/** The giver asks for news: an open handoff's request goes to the receiver again; a commitment is reported. */
function nudge(f: ReplyFacts): Decision {
  const { handoff, giver, receiver, playbook } = f;
  if (handoff.state === 'acknowledged') {
    const due = handoff.dueAt ? ` — ${formatLocal(handoff.dueAt, giver.schedule.timeZone)}` : '';
    return {
      ...NOTHING,
      outcome: 'giver-reply-recorded',
      events: [
        { kind: 'giver-reply', actor: giver.email, fromMessage: true, data: { text: clip(f.reading.text) } },
      ],
      emails: [
        giverAnswer(f, `${receiver.name} has committed: ${handoff.action ?? 'a next step'}${due}`, [
          'Baton checks after the due time that it happened and tells you.',
        ]),
      ],
    };
  }
  if (!accepts(handoff.state, 'question') || !handoff.ackDeadline) return ignored(f);
  const deadline = { at: handoff.ackDeadline, explanation: handoff.ackDeadlineExplanation ?? '' };
  return {
    ...NOTHING,
    outcome: 'nudged',
    events: [
      { kind: 'nudged', actor: giver.email, fromMessage: true, data: { receiver: receiver.email }, email: 0 },
    ],
    emails: [
      requestEmail({ handoff, playbook, giver, receiver, deadline, reassignedFrom: null }),
      giverAnswer(f, `Nudged ${receiver.name}`, [
        `The request went to ${receiver.name} again; the deadline stays ${formatLocal(deadline.at, giver.schedule.timeZone)}.`,
      ]),
    ],
  };
}

/**
 * A handoff cancelled by its giver (by email) or through the API: it closes, its notices stop, and
 * the people it was with — its receiver and whoever it was escalated to — are told.
 */
export function decideCancel(f: {
  handoff: Handoff;
  playbook: Playbook;
  receiver: Member | null;
  escalatedTo: readonly Member[];
  by: { email: string; name: string };
  now: Date;
}): Decision {
  const { handoff, now, by } = f;
  const next = transition(handoff.state, { kind: 'cancel' });
  if (!next.ok) return { ...NOTHING, outcome: 'cancel-refused' };
  const reference = formatReference(handoff.number);
  const told = [...(f.receiver ? [f.receiver] : []), ...f.escalatedTo].filter(
    (m, i, all) => m.email !== by.email && all.findIndex((o) => o.email === m.email) === i,
  );
  return {
    outcome: 'cancelled',
    changes: { state: next.state, closedAt: now, updatedAt: now },
    cancel: 'all',
    plan: [],
    events: [{ kind: 'cancelled', actor: by.email, fromMessage: true, data: { from: handoff.state } }],
    emails: told.map((m) => ({
      kind: 'cancelled',
      to: m,
      thread: 'handoff',
      props: {
        reference,
        leadSummary: leadSummary(handoff.fields, f.playbook.name),
        byName: by.name,
        reason: `handoff ${reference} was with you`,
      },
    })),
  };
}

/** The asker of a relayed question, from the event that relayed it. */
export function askerOf(directory: Directory, relayed: { actor: string } | null): Member | null {
  return relayed ? findMember(directory, relayed.actor) : null;
}
