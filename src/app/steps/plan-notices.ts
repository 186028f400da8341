import { findMember, type Member } from '../../core/directory.ts';
import {
  type NoticeKind,
  type PlannedNotice,
  planFollowThrough as planFollowThroughNotices,
  planWindow as planWindowNotices,
} from '../../core/escalation.ts';
import type { Handoff } from '../../core/handoff/handoff.ts';
import type { Playbook } from '../../core/handoff/playbook.ts';
import type { Deadline } from '../../core/time/business-time.ts';
import type { Deps, Tx } from '../ports.ts';

/** Stores planned notices as deadlines with their explanations; nothing recomputes them later. */
export async function storeNotices(tx: Tx, deps: Deps, handoffId: string, notices: readonly PlannedNotice[]) {
  if (notices.length === 0) return;
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
}

function people(deps: Deps, handoff: Handoff): { giver: Member; receiver: Member } {
  const giver = findMember(deps.config.directory, handoff.giverEmail);
  const receiver = findMember(deps.config.directory, handoff.receiverEmail ?? '');
  if (!giver || !receiver) throw new Error(`handoff ${handoff.id}: giver or receiver left the config`);
  return { giver, receiver };
}

/** Stores a window's lapse, reminder and escalation chain; nothing recomputes them later. */
export async function planWindow(
  tx: Tx,
  deps: Deps,
  handoff: Handoff,
  playbook: Playbook,
  window: Deadline,
  fromLevel = 1,
): Promise<void> {
  const { giver, receiver } = people(deps, handoff);
  const now = deps.clock.now();
  const notices = planWindowNotices({
    now,
    window,
    playbook,
    directory: deps.config.directory,
    receiver,
    giver,
    fromLevel,
    remind: fromLevel <= 1 && window.at > now,
  });
  await storeNotices(tx, deps, handoff.id, notices);
}

/** Stores the follow-through question and its lapse for the handoff's current commitment. */
export async function planFollowThrough(
  tx: Tx,
  deps: Deps,
  handoff: Handoff,
  playbook: Playbook,
  receiver: Member,
): Promise<void> {
  const notices = planFollowThroughNotices({
    acknowledgedAt: handoff.acknowledgedAt ?? deps.clock.now(),
    due: handoff.dueAt,
    playbook,
    receiver,
  });
  await storeNotices(tx, deps, handoff.id, notices);
}

/** Cancels pending notices (all, or of some kinds): the handoff moved on. */
export async function cancelNotices(
  tx: Tx,
  deps: Deps,
  handoffId: string,
  kinds?: readonly NoticeKind[],
): Promise<void> {
  await deps.store.deadlines.settlePending(tx, handoffId, deps.clock.now(), 'cancelled', kinds);
}
