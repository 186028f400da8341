import { type TransitionRefusal, transition } from '../core/handoff/lifecycle.ts';
import type { Deps } from './ports.ts';
import { findHandoff } from './steps/find-handoff.ts';

export type CancelResult =
  | { ok: true; id: string; state: 'cancelled' }
  | { ok: false; code: TransitionRefusal | 'not_found' };

/** Cancels a handoff before it is done: its pending deadlines stop. */
export async function cancelHandoff(deps: Deps, idOrReference: string, actor: string): Promise<CancelResult> {
  const { store } = deps;
  const found = await findHandoff(deps, idOrReference);
  if (!found) return { ok: false, code: 'not_found' };
  const { id } = found;
  return store.transaction(async (tx) => {
    const handoff = await store.handoffs.lock(tx, id);
    if (!handoff) return { ok: false, code: 'not_found' } as const;
    const next = transition(handoff.state, { kind: 'cancel' });
    if (!next.ok) return next;
    const now = deps.clock.now();
    await store.handoffs.update(tx, id, { state: next.state, closedAt: now, updatedAt: now });
    await store.deadlines.settlePending(tx, id, now, 'cancelled');
    await store.events.append(tx, [
      { handoffId: id, at: now, actor, kind: 'cancelled', data: { from: handoff.state } },
    ]);
    return { ok: true, id, state: 'cancelled' } as const;
  });
}
