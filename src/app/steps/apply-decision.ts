import type { Decision } from '../../core/handoff/decide-reply.ts';
import type { Handoff } from '../../core/handoff/handoff.ts';
import type { Deps, Tx } from '../ports.ts';
import { queueEmail } from './queue-email.ts';
import { overCap } from './send-refusal.ts';
import { cancelNotices, storeNotices } from './store-notices.ts';

/**
 * Writes a decision inside the caller's transaction, in the order the timeline reads: the state
 * change, the notices it cancels and plans, the emails and the events (an event names the email it
 * is about). Returns the handoff as changed and the outbox ids to deliver after the commit.
 */
export async function applyDecision(
  tx: Tx,
  deps: Deps,
  handoff: Handoff,
  decision: Decision<string>,
  source: { inboundId: number | null; messageId: string | null },
): Promise<{ handoff: Handoff; outboxIds: string[] }> {
  const { store } = deps;
  const changed = decision.changes ? await store.handoffs.update(tx, handoff.id, decision.changes) : handoff;
  if (decision.cancel)
    await cancelNotices(tx, deps, handoff.id, decision.cancel === 'all' ? undefined : decision.cancel);
  const held = await storeNotices(tx, deps, handoff.id, decision.plan);
  const outboxIds: string[] = [];
  for (const email of decision.emails) {
    if (email.capped && (await overCap(tx, deps, email.to.email))) {
      deps.log.warn('answer not sent: per-sender cap reached', { kind: email.kind });
      continue;
    }
    outboxIds.push(
      await queueEmail(tx, deps, {
        handoff: changed,
        kind: email.kind,
        to: email.to,
        props: email.props,
        ...(email.fromName ? { fromName: email.fromName } : {}),
        ...(email.replyTo ? { replyTo: email.replyTo } : {}),
        ...(email.thread === 'giver' ? { threadRoots: changed.threadMessageIds } : {}),
        ...(email.thread === 'answer' ? { inReplyTo: source.messageId } : {}),
        ...(email.attachments?.length ? { attachments: email.attachments } : {}),
      }),
    );
  }
  const now = deps.clock.now();
  await store.events.append(
    tx,
    decision.events.map((e) => ({
      handoffId: handoff.id,
      at: now,
      actor: e.actor,
      kind: e.kind,
      inboundMessageId: e.fromMessage ? source.inboundId : null,
      outboundMessageId: e.email !== undefined ? (outboxIds[e.email] ?? null) : null,
      data: e.data,
    })),
  );
  await store.events.append(tx, held);
  return { handoff: changed, outboxIds };
}
