import type { Kysely } from 'kysely';
import type { DB, HandoffRow } from '../../db/schema.ts';
import { insertDeadlines, settlePendingDeadlines } from '../adapters/db/deadlines.ts';
import { findMember, type Member } from '../core/directory.ts';
import {
  type NoticeKind,
  type PlannedNotice,
  planFollowThrough as planFollowThroughNotices,
  planWindow as planWindowNotices,
} from '../core/escalation.ts';
import type { Playbook } from '../core/handoff/playbook.ts';
import type { Deadline } from '../core/time/business-time.ts';
import type { Deps } from './ports.ts';

async function store(trx: Kysely<DB>, deps: Deps, handoffId: string, notices: readonly PlannedNotice[]) {
  const now = deps.clock.now();
  await insertDeadlines(
    trx,
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

function people(deps: Deps, handoff: HandoffRow): { giver: Member; receiver: Member } {
  const giver = findMember(deps.config.directory, handoff.giver_email);
  const receiver = findMember(deps.config.directory, handoff.receiver_email ?? '');
  if (!giver || !receiver) throw new Error(`handoff ${handoff.id}: giver or receiver left the config`);
  return { giver, receiver };
}

/** Stores a window's lapse, reminder and escalation chain; nothing recomputes them later. */
export async function planWindow(
  trx: Kysely<DB>,
  deps: Deps,
  handoff: HandoffRow,
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
  await store(trx, deps, handoff.id, notices);
}

/** Stores the follow-through question and its lapse for the handoff's current commitment. */
export async function planFollowThrough(
  trx: Kysely<DB>,
  deps: Deps,
  handoff: HandoffRow,
  playbook: Playbook,
  receiver: Member,
): Promise<void> {
  const notices = planFollowThroughNotices({
    acknowledgedAt: handoff.acknowledged_at ?? deps.clock.now(),
    due: handoff.due_at,
    playbook,
    receiver,
  });
  await store(trx, deps, handoff.id, notices);
}

/** Cancels pending notices (all, or of some kinds): the handoff moved on. */
export async function cancelNotices(
  trx: Kysely<DB>,
  deps: Deps,
  handoffId: string,
  kinds?: readonly NoticeKind[],
): Promise<void> {
  await settlePendingDeadlines(trx, handoffId, deps.clock.now(), 'cancelled', kinds);
}
