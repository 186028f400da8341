import { type Directory, findMember, type Member, resolveRecipient } from './directory.ts';
import type { EscalationLevel, EscalationTarget, Playbook } from './handoff/playbook.ts';
import {
  addDuration,
  type Deadline,
  holdToWorkingHours,
  isWorkingTime,
  nextWorkingStart,
} from './time/business-time.ts';
import { formatDuration } from './time/duration.ts';

/** What the clock will do for a handoff, stored as a row with its instant and explanation. */
export type NoticeKind = 'ack' | 'reminder' | 'escalation' | 'follow-through' | 'follow-through-lapse';

export interface PlannedNotice {
  kind: NoticeKind;
  /** Escalation level (1-based, counting repeats on); 0 for other kinds. */
  level: number;
  /** The member the notice is for; null for the clock's own checks. */
  recipient: string | null;
  dueAt: Date;
  explanation: string;
  /** When it would have fallen had it not been held to the recipient's working hours. */
  heldFrom?: Date;
}

export interface WindowInput {
  now: Date;
  /** The acknowledgment deadline (or `now`, when the chain must start at once). */
  window: Deadline;
  playbook: Playbook;
  directory: Directory;
  receiver: Member;
  giver: Member;
  /** Level to start the chain from (1 = the first); a re-opened chain resumes where it was. */
  fromLevel: number;
  /** Whether to remind the receiver before the window ends. */
  remind: boolean;
}

function resolveTarget(target: EscalationTarget, input: WindowInput, managerDepth: number): Member | null {
  const { directory, receiver, giver } = input;
  switch (target.kind) {
    case 'giver':
      return giver;
    case 'member':
      return findMember(directory, target.email);
    case 'team': {
      const recipient = resolveRecipient(directory, `team:${target.id}`);
      return recipient?.member ?? null;
    }
    case 'manager': {
      // Each further "manager" in one round climbs one level up the receiver's reporting line.
      let person: Member | null = receiver;
      for (let i = 0; i < managerDepth && person; i++)
        person = person.manager ? findMember(directory, person.manager) : null;
      return person;
    }
  }
}

/** The chain's levels in order, the whole chain again for each repeat. */
function levels(playbook: Playbook): { level: EscalationLevel; round: number; index: number }[] {
  const out = [];
  for (let round = 0; round <= playbook.repeat; round++)
    for (let index = 0; index < playbook.escalate.length; index++)
      out.push({ level: playbook.escalate[index]!, round, index });
  return out;
}

/**
 * Plans a window: the lapse marker, a reminder before it ends, and every escalation level of the
 * chain (repeats included), each held to its recipient's working hours unless the level says
 * `deliver: "immediately"`. Chain timing runs on the receiver's clock; delivery on the recipient's.
 */
export function planWindow(input: WindowInput): PlannedNotice[] {
  const { playbook, receiver, window, now } = input;
  const notices: PlannedNotice[] = [];
  if (input.fromLevel <= 1)
    notices.push({
      kind: 'ack',
      level: 0,
      recipient: null,
      dueAt: window.at,
      explanation: window.explanation,
    });

  if (input.remind && playbook.remindBefore && playbook.remindBefore.ms > 0) {
    const at = new Date(window.at.getTime() - playbook.remindBefore.ms);
    // A reminder outside the receiver's hours moves to their next start, unless that is too late to help.
    const landing = isWorkingTime(at, receiver.schedule) ? at : nextWorkingStart(at, receiver.schedule);
    if (at > now && landing < window.at)
      notices.push({
        kind: 'reminder',
        level: 0,
        recipient: receiver.email,
        dueAt: landing,
        ...(landing.getTime() !== at.getTime() ? { heldFrom: at } : {}),
        explanation: `${formatDuration(playbook.remindBefore)} before the acknowledgment deadline (${window.explanation})${landing.getTime() !== at.getTime() ? '; held to the receiver’s next working start' : ''}`,
      });
  }

  let previous = window.at;
  let managerDepth = 0;
  let lastRound = 0;
  const all = levels(playbook);
  all.forEach(({ level, round, index }, i) => {
    const number = i + 1;
    if (round !== lastRound) managerDepth = 0;
    // A repeat waits one acknowledgment window after the previous round before starting again.
    const base =
      round !== lastRound && index === 0
        ? addDuration(previous, playbook.ackWithin, receiver.schedule).at
        : previous;
    lastRound = round;
    const firing = number < input.fromLevel ? null : addDuration(base, level.after, receiver.schedule);
    const targets: Member[] = [];
    for (const target of level.to) {
      if (target.kind === 'manager') managerDepth++;
      const member = resolveTarget(target, input, target.kind === 'manager' ? managerDepth : 0);
      if (member && member.email !== receiver.email && !targets.some((t) => t.email === member.email))
        targets.push(member);
    }
    if (!firing) return;
    // Past the resume point, levels are timed from when the chain re-opens, not from history.
    const at = number === input.fromLevel && input.fromLevel > 1 ? now : firing.at;
    previous = at;
    const why =
      number === 1
        ? `level 1: the acknowledgment window lapsed (${window.explanation})`
        : number === input.fromLevel && input.fromLevel > 1
          ? `level ${number}: the chain re-opened where it had reached`
          : `level ${number}: ${level.after.ms > 0 ? `${formatDuration(level.after)} after level ${number - 1}` : `with level ${number - 1}`}${round > 0 && index === 0 ? ` (repeat ${round} of ${playbook.repeat})` : ''}`;
    // Somebody must hear about a lapse: with nobody else on a level, the giver does.
    const recipients = targets.length > 0 ? targets : [input.giver];
    for (const recipient of recipients) {
      const planned: Deadline = { at, explanation: why };
      const held =
        level.deliver === 'immediately' ? planned : holdToWorkingHours(planned, recipient.schedule);
      notices.push({
        kind: 'escalation',
        level: number,
        recipient: recipient.email,
        dueAt: held.at,
        explanation: held.explanation,
        ...(held.heldFrom ? { heldFrom: held.heldFrom } : {}),
      });
    }
  });
  return notices;
}

/**
 * Plans the follow-through of a commitment: the question to the receiver once the due time plus
 * the grace has passed (held to their hours), and the check that re-opens the chain if it stays
 * unanswered for another grace period.
 */
export function planFollowThrough(input: {
  acknowledgedAt: Date;
  due: Date | null;
  playbook: Playbook;
  receiver: Member;
}): PlannedNotice[] {
  const { playbook, receiver } = input;
  const promised = input.due ?? new Date(input.acknowledgedAt.getTime() + playbook.reachOutWithin.ms);
  const grace = playbook.followThroughGrace;
  const ask = holdToWorkingHours(
    {
      at: new Date(promised.getTime() + grace.ms),
      explanation: `${formatDuration(grace)} after the promised time${input.due ? '' : ` (none given: ${formatDuration(playbook.reachOutWithin)} after the acknowledgment)`}`,
    },
    receiver.schedule,
  );
  const lapse = addDuration(ask.at, grace, receiver.schedule);
  return [
    {
      kind: 'follow-through',
      level: 0,
      recipient: receiver.email,
      dueAt: ask.at,
      explanation: ask.explanation,
      ...(ask.heldFrom ? { heldFrom: ask.heldFrom } : {}),
    },
    {
      kind: 'follow-through-lapse',
      level: 0,
      recipient: null,
      dueAt: lapse.at,
      explanation: `no answer to the follow-through question within ${formatDuration(grace)} (${lapse.explanation})`,
    },
  ];
}
