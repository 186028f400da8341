/*
 * What a stored deadline does when the clock reaches it, decided without touching anything: skip
 * it (the handoff moved on), record that it lapsed, or send its notice — a reminder, an escalation,
 * a follow-through question, a light handoff's digest line — or re-open a promise nobody confirmed.
 */
import { type Directory, findMember, type Member } from '../directory.ts';
import { type PlannedNotice, planWindow } from '../escalation.ts';
import { formatLocal } from '../time/business-time.ts';
import { fieldList, forwardedProps } from './email-props.ts';
import { leadSummary } from './fields.ts';
import type { Handoff, HandoffChanges, HandoffEvent, StoredDeadline } from './handoff.ts';
import { transition } from './lifecycle.ts';
import type { Playbook } from './playbook.ts';
import { formatReference } from './reference.ts';
import { describeEvent } from './timeline.ts';

export type NoticeEmailKind = 'reminder' | 'escalation' | 'follow-through' | 'light-digest';

/** An email a fired deadline sends: alone, or as one line of a digest for its recipient. */
export interface Notice {
  kind: NoticeEmailKind;
  recipient: Member;
  /** What the notice says in one line, as a digest lists it. */
  line: string;
  props: Record<string, unknown>;
  /** An escalation shows the handoff's recent history when it goes out alone. */
  withTimeline: boolean;
  /** What a bundle shows of the handoff: the context a single escalation email has. */
  context: NoticeContext;
}

export interface NoticeContext {
  giverName: string;
  receiverName: string;
  fields: { label: string; value: string }[];
  note: string | null;
  forwarded: ReturnType<typeof forwardedProps>;
}

export type DeadlineDecision =
  | { fire: false; why: string }
  | {
      fire: true;
      /** The clock's timeline event, with the deadline's explanation. */
      event: { kind: string; data: Record<string, unknown> };
      notice: Notice | null;
      /** A state change written at once (re-opening); escalation levels are raised in bulk instead. */
      changes: HandoffChanges | null;
      escalationLevel: number | null;
      plan: readonly PlannedNotice[];
    };

export interface DeadlineFacts {
  handoff: Handoff;
  deadline: StoredDeadline;
  playbook: Playbook;
  giver: Member;
  receiver: Member;
  /** The member the deadline names, when it names one. */
  recipient: Member | null;
  directory: Directory;
  now: Date;
}

const skip = (why: string): DeadlineDecision => ({ fire: false, why });

/** What a due deadline does. */
export function decideDeadline(f: DeadlineFacts): DeadlineDecision {
  const { handoff, deadline, playbook, recipient } = f;
  const state = handoff.state;
  const reference = formatReference(handoff.number);
  const lead = leadSummary(handoff.fields, playbook.name);
  const context: NoticeContext = {
    giverName: f.giver.name,
    receiverName: f.receiver.name,
    fields: fieldList(playbook, handoff.fields),
    note: handoff.note,
    forwarded: forwardedProps(handoff),
  };
  const fired = (
    kind: string,
    data: Record<string, unknown>,
    notice: Notice | null,
    more: Partial<Extract<DeadlineDecision, { fire: true }>> = {},
  ): DeadlineDecision => ({
    fire: true,
    event: { kind, data: { ...data, explanation: deadline.explanation } },
    notice,
    changes: null,
    escalationLevel: null,
    plan: [],
    ...more,
  });

  switch (deadline.kind) {
    case 'ack':
      if (state !== 'open') return skip(`handoff is ${state}`);
      return fired('window-lapsed', { deadline: deadline.dueAt.toISOString() }, null);
    case 'reminder': {
      if (state !== 'open' || !recipient) return skip(`handoff is ${state}`);
      const deadlineLocal = formatLocal(handoff.ackDeadline ?? deadline.dueAt, recipient.schedule.timeZone);
      return fired(
        'reminded',
        { recipient: recipient.email },
        {
          kind: 'reminder',
          recipient,
          line: `acknowledgment due ${deadlineLocal}`,
          withTimeline: false,
          context,
          props: {
            reference,
            receiverName: recipient.name,
            leadSummary: lead,
            deadlineLocal,
            fields: fieldList(playbook, handoff.fields),
          },
        },
      );
    }
    case 'escalation': {
      if ((state !== 'open' && state !== 'undeliverable') || !recipient) return skip(`handoff is ${state}`);
      return fired(
        'escalated',
        { level: deadline.level, recipient: recipient.email },
        {
          kind: 'escalation',
          recipient,
          line: `level ${deadline.level}: nobody owns it yet (${f.receiver.name} has it)`,
          withTimeline: true,
          context,
          props: {
            reference,
            recipientName: recipient.name,
            level: deadline.level,
            receiverName: f.receiver.name,
            giverName: f.giver.name,
            leadSummary: lead,
            reasonLine: reasonLine(deadline, handoff, playbook),
            fields: fieldList(playbook, handoff.fields),
            note: handoff.note,
            forwarded: forwardedProps(handoff),
          },
        },
        { escalationLevel: Math.max(handoff.escalationLevel, deadline.level) },
      );
    }
    case 'follow-through': {
      if (state !== 'acknowledged' || !recipient) return skip(`handoff is ${state}`);
      const dueLocal = handoff.dueAt
        ? formatLocal(handoff.dueAt, recipient.schedule.timeZone)
        : 'no time given';
      return fired(
        'follow-through-asked',
        { recipient: recipient.email },
        {
          kind: 'follow-through',
          recipient,
          line: `did “${handoff.action ?? 'the next step'}” happen? (due ${dueLocal})`,
          withTimeline: false,
          context,
          props: {
            reference,
            receiverName: recipient.name,
            leadSummary: lead,
            action: handoff.action ?? '',
            dueLocal,
          },
        },
      );
    }
    case 'light-digest':
      if ((state !== 'open' && state !== 'acknowledged') || !recipient) return skip(`handoff is ${state}`);
      return fired(
        'digested',
        { recipient: recipient.email },
        {
          kind: 'light-digest',
          recipient,
          line: lead,
          withTimeline: false,
          context,
          props: { reference, leadSummary: lead, fields: fieldList(playbook, handoff.fields) },
        },
      );
    case 'follow-through-lapse': {
      const next = transition(state, { kind: 'reopen' });
      if (!next.ok) return skip(`handoff is ${state}`);
      const level = Math.max(1, handoff.escalationLevel);
      // A promise is not the end: the chain resumes from the level it had reached.
      const plan = planWindow({
        now: f.now,
        window: { at: f.now, explanation: 'the follow-through question went unanswered' },
        playbook,
        directory: f.directory,
        receiver: f.receiver,
        giver: f.giver,
        fromLevel: level,
        remind: false,
      });
      return fired('follow-through-lapsed', { level }, null, {
        changes: { state: next.state, updatedAt: f.now },
        plan,
      });
    }
  }
}

function reasonLine(deadline: StoredDeadline, handoff: Handoff, playbook: Playbook): string {
  if (handoff.state === 'undeliverable') return 'The receiver’s address bounced, so nobody has this lead.';
  if (handoff.action) return `The promised step (“${handoff.action}”) was not confirmed.`;
  const window =
    deadline.level === 1
      ? deadline.explanation.replace(/^level 1: /, '')
      : `${playbook.name}, level ${deadline.level}`;
  return `Nobody acknowledged it within the window (${window}).`;
}

/** The last events of a handoff as an escalation email shows them, in its recipient's time. */
export function recentHistory(
  events: readonly HandoffEvent[],
  recipient: Member,
  directory: Directory,
): { at: string; text: string }[] {
  return events.slice(-12).map((e) => ({
    at: formatLocal(e.at, recipient.schedule.timeZone),
    text: describeEvent(e.kind, findMember(directory, e.actor)?.name ?? e.actor, e.data),
  }));
}
