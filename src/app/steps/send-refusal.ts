import { isBatonAddress, isRobotAddress } from '../../core/addresses.ts';
import type { Deps } from '../ports.ts';
import { queueEmail } from './queue-email.ts';

/** Answers to mail that changed nothing. Capped per sender: a loop breaker. */
export const REFUSAL_KINDS = ['unknown-sender', 'unknown-receiver', 'refusal'] as const;
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
  const now = deps.clock.now();
  const { store } = deps;
  const recent = await store.outbox.countSince(
    store.pool,
    address,
    REFUSAL_KINDS,
    new Date(now.getTime() - HOUR_MS),
  );
  if (recent >= deps.config.refusalsPerHour) {
    deps.log.warn('refusal not sent: per-sender cap reached', { kind: refusal.kind, recent });
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
