import { settlePendingDeadlines } from '../adapters/db/deadlines.ts';
import { appendEvent } from '../adapters/db/events.ts';
import { lockHandoff, updateHandoff } from '../adapters/db/handoffs.ts';
import { isHandoffState, type TransitionRefusal, transition } from '../core/handoff/lifecycle.ts';
import type { Deps } from './ports.ts';

export type CancelResult =
  | { ok: true; state: 'cancelled' }
  | { ok: false; code: TransitionRefusal | 'not_found' };

/** Cancels a handoff before it is done: its pending deadlines stop. */
export async function cancelHandoff(deps: Deps, id: string, actor: string): Promise<CancelResult> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return { ok: false, code: 'not_found' };
  return deps.db.transaction().execute(async (trx) => {
    const handoff = await lockHandoff(trx, id);
    if (!handoff || !isHandoffState(handoff.state)) return { ok: false, code: 'not_found' } as const;
    const next = transition(handoff.state, { kind: 'cancel' });
    if (!next.ok) return next;
    const now = deps.clock.now();
    await updateHandoff(trx, id, { state: 'cancelled', closed_at: now, updated_at: now });
    await settlePendingDeadlines(trx, id, now, 'cancelled');
    await appendEvent(trx, {
      handoffId: id,
      at: now,
      actor,
      kind: 'cancelled',
      data: { from: handoff.state },
    });
    return { ok: true, state: 'cancelled' } as const;
  });
}
