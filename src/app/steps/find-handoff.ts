import type { Handoff } from '../../core/handoff/handoff.ts';
import { parseReference } from '../../core/handoff/reference.ts';
import type { Deps } from '../ports.ts';

/** The handoff an API path names, by its id or by its `H-n` reference. */
export function findHandoff(deps: Deps, idOrReference: string): Promise<Handoff | null> {
  const { store } = deps;
  const number = parseReference(idOrReference);
  return number !== null
    ? store.handoffs.findByNumber(store.pool, number)
    : store.handoffs.find(store.pool, idOrReference);
}
