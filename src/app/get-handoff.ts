import { listDeadlines } from '../adapters/db/deadlines.ts';
import { listEvents } from '../adapters/db/events.ts';
import { findHandoff, findHandoffByNumber } from '../adapters/db/handoffs.ts';
import { listOutboundForHandoff } from '../adapters/db/outbox.ts';
import { formatReference, parseReference } from '../core/handoff/reference.ts';
import type { Deps } from './ports.ts';

/** A handoff as the API shows it: its fields, stored deadlines, emails and timeline. */
export async function getHandoff(deps: Deps, idOrReference: string) {
  const number = parseReference(idOrReference);
  const handoff =
    number !== null ? await findHandoffByNumber(deps.db, number) : await findHandoff(deps.db, idOrReference);
  if (!handoff) return null;
  const [events, deadlines, emails] = await Promise.all([
    listEvents(deps.db, handoff.id),
    listDeadlines(deps.db, handoff.id),
    listOutboundForHandoff(deps.db, handoff.id),
  ]);
  return {
    id: handoff.id,
    reference: formatReference(handoff.number),
    playbook: handoff.playbook_id,
    state: handoff.state,
    giver: handoff.giver_email,
    receiver: handoff.receiver_email,
    team: handoff.receiver_team,
    fields: handoff.fields,
    missingFields: handoff.missing_fields,
    note: handoff.note,
    forwarded: handoff.forwarded,
    score: handoff.score,
    triggerAt: handoff.trigger_at,
    createdAt: handoff.created_at,
    deadline: handoff.ack_deadline,
    deadlineExplanation: handoff.ack_deadline_explanation,
    acknowledgedAt: handoff.acknowledged_at,
    commitment: handoff.action
      ? { action: handoff.action, due: handoff.due_at, explanation: handoff.due_explanation }
      : null,
    escalationLevel: handoff.escalation_level,
    deadlines: deadlines.map((d) => ({
      kind: d.kind,
      level: d.level,
      dueAt: d.due_at,
      explanation: d.explanation,
      status: d.status,
    })),
    emails: emails.map((e) => ({
      kind: e.kind,
      to: e.to_addresses,
      subject: e.subject,
      status: e.status,
      createdAt: e.created_at,
      sentAt: e.sent_at,
    })),
    timeline: events.map((e) => ({
      at: e.at,
      actor: e.actor,
      kind: e.kind,
      inboundMessageId: e.inbound_message_id,
      outboundMessageId: e.outbound_message_id,
      data: e.data,
    })),
  };
}

export type HandoffView = NonNullable<Awaited<ReturnType<typeof getHandoff>>>;
