import { formatReference } from '../core/handoff/reference.ts';
import { mergeInboundIntoTimeline } from '../core/handoff/timeline.ts';
import type { Deps } from './ports.ts';
import { findHandoff } from './steps/find-handoff.ts';

/** A handoff as the API shows it: its fields, stored deadlines, emails and timeline. */
export async function getHandoff(deps: Deps, idOrReference: string) {
  const { store } = deps;
  const handoff = await findHandoff(deps, idOrReference);
  if (!handoff) return null;
  const [events, deadlines, emails] = await Promise.all([
    store.events.list(store.pool, handoff.id),
    store.deadlines.list(store.pool, handoff.id),
    store.outbox.listForHandoff(store.pool, handoff.id),
  ]);
  const inboundIds = events.flatMap((e) => (e.inboundMessageId === null ? [] : [e.inboundMessageId]));
  const messages = await store.inbound.touching(handoff.id, [...new Set(inboundIds)]);
  return {
    id: handoff.id,
    reference: formatReference(handoff.number),
    playbook: handoff.playbookId,
    state: handoff.state,
    giver: handoff.giverEmail,
    receiver: handoff.receiverEmail,
    team: handoff.receiverTeam,
    fields: handoff.fields,
    missingFields: handoff.missingFields,
    note: handoff.note,
    forwarded: handoff.forwarded,
    attachments: handoff.attachments.map((a) => ({
      filename: a.filename,
      contentType: a.contentType,
      size: a.size,
    })),
    score: handoff.score,
    triggerAt: handoff.triggerAt,
    createdAt: handoff.createdAt,
    deadline: handoff.ackDeadline,
    deadlineExplanation: handoff.ackDeadlineExplanation,
    acknowledgedAt: handoff.acknowledgedAt,
    commitment: handoff.action
      ? { action: handoff.action, due: handoff.dueAt, explanation: handoff.dueExplanation }
      : null,
    escalationLevel: handoff.escalationLevel,
    deadlines: deadlines.map((d) => ({
      kind: d.kind,
      level: d.level,
      dueAt: d.dueAt,
      explanation: d.explanation,
      status: d.status,
    })),
    emails: emails.map((e) => ({
      kind: e.kind,
      to: e.to,
      subject: e.subject,
      status: e.status,
      createdAt: e.createdAt,
      sentAt: e.sentAt,
    })),
    timeline: mergeInboundIntoTimeline(events, messages),
  };
}

export type HandoffView = NonNullable<Awaited<ReturnType<typeof getHandoff>>>;
