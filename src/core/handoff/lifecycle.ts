import type { Intent } from '../reply/read-reply.ts';

/**
 * A handoff's states. `draft` waits for the giver to complete missing fields; `open` waits for
 * the receiver; `acknowledged` holds a commitment; the rest are closed.
 */
export type HandoffState =
  | 'draft'
  | 'open'
  | 'acknowledged'
  | 'done'
  | 'declined'
  | 'cancelled'
  | 'undeliverable';

export type HandoffEvent =
  | { kind: 'complete' }
  | { kind: 'acknowledge' }
  | { kind: 'reschedule' }
  | { kind: 'done' }
  | { kind: 'decline' }
  | { kind: 'reassign' }
  | { kind: 'cancel' }
  | { kind: 'bounce' }
  | { kind: 'reopen' };

export type TransitionRefusal = 'already_closed' | 'not_a_draft' | 'already_open' | 'not_acknowledged';

export type Transition = { ok: true; state: HandoffState } | { ok: false; code: TransitionRefusal };

const CLOSED: readonly HandoffState[] = ['done', 'declined', 'cancelled'];

export function isClosed(state: HandoffState): boolean {
  return CLOSED.includes(state);
}

/** The one place that decides which state an event leads to. */
export function transition(state: HandoffState, event: HandoffEvent): Transition {
  if (isClosed(state)) return { ok: false, code: 'already_closed' };
  switch (event.kind) {
    case 'complete':
      return state === 'draft' ? { ok: true, state: 'open' } : { ok: false, code: 'not_a_draft' };
    case 'cancel':
      return { ok: true, state: 'cancelled' };
    case 'acknowledge':
    case 'done':
    case 'decline':
    case 'bounce':
      if (state === 'draft') return { ok: false, code: 'already_open' };
      return {
        ok: true,
        state: { acknowledge: 'acknowledged', done: 'done', decline: 'declined', bounce: 'undeliverable' }[
          event.kind
        ] as HandoffState,
      };
    case 'reschedule':
      return state === 'acknowledged' ? { ok: true, state } : { ok: false, code: 'not_acknowledged' };
    case 'reassign':
      // A new receiver starts a new window: the handoff is open again whatever it was.
      return state === 'draft' ? { ok: false, code: 'already_open' } : { ok: true, state: 'open' };
    case 'reopen':
      return state === 'acknowledged' ? { ok: true, state: 'open' } : { ok: false, code: 'not_acknowledged' };
  }
}

/** The kinds of reply a handoff can receive: the intents reply reading tells apart. */
export type ReplyKind = Intent;

/** Whether a handoff in this state acts on a reply of this kind; any other reply is recorded, not acted on. */
export function accepts(state: HandoffState, reply: ReplyKind): boolean {
  switch (reply) {
    case 'vague':
    case 'question':
    case 'auto-reply':
      return state === 'open' || state === 'acknowledged';
    case 'commit':
      return transition(state, { kind: state === 'acknowledged' ? 'reschedule' : 'acknowledge' }).ok;
    case 'bounce':
      return state !== 'undeliverable' && transition(state, { kind: 'bounce' }).ok;
    case 'decline':
    case 'done':
    case 'reassign':
      return transition(state, { kind: reply }).ok;
  }
}

export const HANDOFF_STATES: readonly HandoffState[] = [
  'draft',
  'open',
  'acknowledged',
  'done',
  'declined',
  'cancelled',
  'undeliverable',
];

export function isHandoffState(value: string): value is HandoffState {
  return (HANDOFF_STATES as readonly string[]).includes(value);
}

/**
 * Whether a handoff's reply addresses have stopped working: `graceMs` after the handoff closed
 * (done, declined, cancelled). Late thanks and corrections still arrive within the grace; a year-old
 * address found in someone's archive does not reopen anything.
 */
export function replyAddressExpired(
  handoff: { state: HandoffState; closedAt: Date | null; updatedAt: Date },
  now: Date,
  graceMs: number,
): boolean {
  if (!isClosed(handoff.state)) return false;
  const closedAt = handoff.closedAt ?? handoff.updatedAt;
  return now.getTime() - closedAt.getTime() > graceMs;
}
