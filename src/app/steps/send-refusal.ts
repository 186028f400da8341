import { isBatonAddress, isRobotAddress } from '../../core/addresses.ts';
import type { Deps, Reader } from '../ports.ts';
import { queueEmail } from './queue-email.ts';

/** Answers to mail that changed nothing. Capped per sender: a loop breaker. */
export const REFUSAL_KINDS = ['unknown-sender', 'unknown-receiver', 'refusal'] as const;
/** What counts toward the cap: refusals and the short answers ('noted') to a giver's words. */
const CAPPED_KINDS = [...REFUSAL_KINDS, 'noted'] as const;
export type RefusalKind = (typeof REFUSAL_KINDS)[number];

const HOUR_MS = 3_600_000;

/**
 * Sends a refusal unless answering would be unsafe: never to Baton's own domain or to robot
 * addresses, and at most `refusalsPerHour` per sender. Returns whether it was sent.
 */
export async function sendRefusal(
  deps: Deps,
  refusal: {
    to: { email: string; name: string };
    kind: RefusalKind;
    props: Record<string, unknown>;
    inReplyTo: string | null;
  },
): Promise<boolean> {
  const address = refusal.to.email.toLowerCase();
  if (isBatonAddress(address, deps.config.mailDomain) || isRobotAddress(address)) {
    deps.log.warn('refusal not sent: unsafe recipient', { kind: refusal.kind });
    return false;
  }
  const { store } = deps;
  if (await overCap(store.pool, deps, address)) {
    deps.log.warn('refusal not sent: per-sender cap reached', { kind: refusal.kind });
    return false;
  }
  const id = await store.transaction((tx) =>
    queueEmail(tx, deps, {
      handoff: null,
      kind: refusal.kind,
      to: refusal.to,
      props: refusal.props,
      inReplyTo: refusal.inReplyTo,
      threadRoots: refusal.inReplyTo ? [refusal.inReplyTo] : [],
    }),
  );
  await deps.deliver([id]);
  return true;
}

/** Whether this address already had `refusalsPerHour` answers to mail that changed nothing in the last hour. */
export async function overCap(on: Reader, deps: Deps, address: string): Promise<boolean> {
  const since = new Date(deps.clock.now().getTime() - HOUR_MS);
  const recent = await deps.store.outbox.countSince(on, address.toLowerCase(), CAPPED_KINDS, since);
  return recent >= deps.config.refusalsPerHour;
}
