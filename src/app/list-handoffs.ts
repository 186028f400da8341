import type { HandoffState } from '../core/handoff/lifecycle.ts';
import { formatReference } from '../core/handoff/reference.ts';
import type { Deps } from './ports.ts';

export interface ListHandoffsQuery {
  state: HandoffState | null;
  receiver: string | null;
  playbook: string | null;
  /** From the previous page's `nextCursor`; null for the first page. */
  cursor: string | null;
  limit: number;
}

export type HandoffPage =
  | {
      ok: true;
      handoffs: {
        id: string;
        reference: string;
        playbook: string;
        state: HandoffState;
        giver: string;
        receiver: string | null;
        createdAt: Date;
        deadline: Date | null;
        escalationLevel: number;
      }[];
      /** Null on the last page. */
      nextCursor: string | null;
    }
  | { ok: false; code: 'invalid_cursor' };

// A cursor is opaque to clients: the number of the page's last handoff, base64url-encoded.
const encodeCursor = (number: number) => btoa(`h:${number}`).replace(/=+$/, '');

function decodeCursor(cursor: string): number | null {
  try {
    const match = /^h:(\d{1,15})$/.exec(atob(cursor));
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

/** One page of handoffs, newest first; the cursor stays valid however many are created meanwhile. */
export async function listHandoffs(deps: Deps, query: ListHandoffsQuery): Promise<HandoffPage> {
  const before = query.cursor === null ? null : decodeCursor(query.cursor);
  if (query.cursor !== null && before === null) return { ok: false, code: 'invalid_cursor' };
  const { store } = deps;
  // One more than asked tells whether another page follows.
  const rows = await store.handoffs.list(
    store.pool,
    { state: query.state, receiver: query.receiver, playbook: query.playbook },
    before,
    query.limit + 1,
  );
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    ok: true,
    handoffs: page.map((h) => ({
      id: h.id,
      reference: formatReference(h.number),
      playbook: h.playbookId,
      state: h.state,
      giver: h.giverEmail,
      receiver: h.receiverEmail,
      createdAt: h.createdAt,
      deadline: h.ackDeadline,
      escalationLevel: h.escalationLevel,
    })),
    nextCursor: rows.length > query.limit && last ? encodeCursor(last.number) : null,
  };
}
