import type { PlannedDeadline } from '../../core/handoff/decide-reply.ts';
import type { DeadlineKind } from '../../core/handoff/handoff.ts';
import type { Deps, NewEvent, Tx } from '../ports.ts';

/**
 * Stores planned deadlines with their explanations; nothing recomputes them later. Returns the
 * timeline events of those held to their recipient's working hours.
 */
export async function storeNotices(
  tx: Tx,
  deps: Deps,
  handoffId: string,
  notices: readonly PlannedDeadline[],
): Promise<NewEvent[]> {
  if (notices.length === 0) return [];
  const now = deps.clock.now();
  await deps.store.deadlines.insert(
    tx,
    notices.map((n) => ({
      handoffId,
      kind: n.kind,
      level: n.level,
      recipient: n.recipient,
      dueAt: n.dueAt,
      explanation: n.explanation,
      createdAt: now,
    })),
  );
  // A notice held to its recipient's working hours says so on the timeline, with both times; the
  // caller appends these after the events that planned them.
  return notices
    .filter((n) => n.heldFrom)
    .map((n) => ({
      handoffId,
      at: now,
      actor: 'baton',
      kind: 'notice-held',
      data: {
        notice: n.kind,
        level: n.level,
        recipient: n.recipient,
        wouldBeAt: n.heldFrom?.toISOString() ?? null,
        heldTo: n.dueAt.toISOString(),
        explanation: n.explanation,
      },
    }));
}

/** Cancels pending notices (all, or of some kinds): the handoff moved on. */
export async function cancelNotices(
  tx: Tx,
  deps: Deps,
  handoffId: string,
  kinds?: readonly DeadlineKind[],
): Promise<void> {
  await deps.store.deadlines.settlePending(tx, handoffId, deps.clock.now(), 'cancelled', kinds);
}
