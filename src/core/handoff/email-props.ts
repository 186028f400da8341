import type { Member } from '../directory.ts';
import { type Deadline, formatLocal } from '../time/business-time.ts';
import { leadSummary } from './fields.ts';
import type { Handoff } from './handoff.ts';
import type { Playbook } from './playbook.ts';
import { formatReference } from './reference.ts';

/** The playbook's fields that have a value, in playbook order, as emails show them. */
export function fieldList(playbook: Playbook, values: Record<string, string>) {
  return playbook.fields.filter((f) => values[f.key]).map((f) => ({ label: f.label, value: values[f.key]! }));
}

/** The forwarded lead email as the templates show it, or null. */
export function forwardedProps(handoff: Handoff) {
  const forwarded = handoff.forwarded;
  if (!forwarded) return null;
  return {
    from: forwarded.from ? `${forwarded.from.name} <${forwarded.from.address}>`.trim() : 'unknown sender',
    date: forwarded.date,
    subject: forwarded.subject,
    body: forwarded.body,
  };
}

/** The receiver's email: everything they need, the deadline in their own time. */
export function handoffRequestProps(input: {
  handoff: Handoff;
  playbook: Playbook;
  giver: Member;
  receiver: Member;
  deadline: Deadline;
  reassignedFrom: string | null;
}) {
  const { handoff, playbook, giver, receiver, deadline } = input;
  return {
    reference: formatReference(handoff.number),
    playbookName: playbook.name,
    giverName: giver.name,
    giverEmail: giver.email,
    receiverName: receiver.name,
    leadSummary: leadSummary(handoff.fields, playbook.name),
    fields: fieldList(playbook, handoff.fields),
    note: handoff.note,
    forwarded: forwardedProps(handoff),
    deadlineLocal: formatLocal(deadline.at, receiver.schedule.timeZone),
    deadlineExplanation: deadline.explanation,
    reassignedFrom: input.reassignedFrom,
  };
}

/** The giver's receipt: who has it, and by when in both local times. */
export function receiptProps(input: {
  handoff: Handoff;
  playbook: Playbook;
  giver: Member;
  receiver: Member;
  /** The receiver's deadline, or a line such as "in the daily digest, …" for light handoffs. */
  receiverLocal: string;
  due: Date;
  lateBy: string | null;
}) {
  const { handoff, playbook, giver, receiver } = input;
  return {
    reference: formatReference(handoff.number),
    giverName: giver.name,
    receiverName: receiver.name,
    receiverEmail: receiver.email,
    leadSummary: leadSummary(handoff.fields, playbook.name),
    deadlineReceiverLocal: input.receiverLocal,
    deadlineGiverLocal: formatLocal(input.due, giver.schedule.timeZone),
    lateBy: input.lateBy,
    fields: fieldList(playbook, handoff.fields),
  };
}
