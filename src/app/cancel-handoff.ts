import { findMember } from '../core/directory.ts';
import { decideCancel } from '../core/handoff/decide-reply.ts';
import type { TransitionRefusal } from '../core/handoff/lifecycle.ts';
import { partiesOf } from '../core/handoff/parties.ts';
import { escalatedMembers } from './act-on-reply.ts';
import type { Deps } from './ports.ts';
import { applyDecision } from './steps/apply-decision.ts';
import { findHandoff } from './steps/find-handoff.ts';

export type CancelResult =
  | { ok: true; id: string; state: 'cancelled' }
  | { ok: false; code: TransitionRefusal | 'not_found' };

/**
 * Cancels a handoff before it is done (through the API): its pending deadlines stop, and its
 * receiver and whoever it was escalated to are told.
 */
export async function cancelHandoff(deps: Deps, idOrReference: string, actor: string): Promise<CancelResult> {
  const { store } = deps;
  const found = await findHandoff(deps, idOrReference);
  if (!found) return { ok: false, code: 'not_found' };
  const done = await store.transaction(async (tx) => {
    const handoff = await store.handoffs.lock(tx, found.id);
    if (!handoff) return { ok: false, code: 'not_found' } as const;
    const parties = partiesOf(handoff, deps.config);
    if (!parties) throw new Error(`handoff ${handoff.id}: its playbook or giver left the config`);
    const by = findMember(deps.config.directory, actor) ?? { email: actor, name: actorName(actor) };
    const decision = decideCancel({
      handoff,
      playbook: parties.playbook,
      receiver: parties.receiver,
      escalatedTo: await escalatedMembers(deps, tx, handoff.id),
      by,
      now: deps.clock.now(),
    });
    if (decision.outcome !== 'cancelled') return { ok: false, code: 'already_closed' } as const;
    const applied = await applyDecision(tx, deps, handoff, decision, { inboundId: null, messageId: null });
    return { ok: true, id: handoff.id, state: 'cancelled', outboxIds: applied.outboxIds } as const;
  });
  if (!done.ok) return done;
  await deps.deliver(done.outboxIds);
  return { ok: true, id: done.id, state: done.state };
}

function actorName(actor: string): string {
  return actor === 'api' ? 'Someone, through the Baton API,' : actor;
}
