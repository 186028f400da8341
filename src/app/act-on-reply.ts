import type { Member } from '../core/directory.ts';
import { askerOf, decideGiverReply, decideReply, type ReplyOutcome } from '../core/handoff/decide-reply.ts';
import type { Handoff } from '../core/handoff/handoff.ts';
import { type Parties, partiesOf } from '../core/handoff/parties.ts';
import type { ReplyReading } from '../core/reply/read-reply.ts';
import type { Deps } from './ports.ts';
import { applyDecision } from './steps/apply-decision.ts';

export interface ReplyContext {
  handoffId: string;
  sender: Member;
  reading: ReplyReading;
  inboundId: number;
  messageId: string | null;
}

function people(deps: Deps, handoff: Handoff): Parties {
  const parties = partiesOf(handoff, deps.config);
  if (!parties)
    throw new Error(`handoff ${handoff.id}: its playbook, giver or receiver is no longer in the config`);
  return parties;
}

/**
 * Acts on what a reply says, in one transaction with the handoff row locked: the state change, its
 * events, its notices and the notification emails commit together; sending happens after.
 */
export async function actOnReply(
  deps: Deps,
  ctx: ReplyContext,
): Promise<ReplyOutcome | 'ignored-no-handoff'> {
  const { store } = deps;
  const done = await store.transaction(async (tx) => {
    const handoff = await store.handoffs.lock(tx, ctx.handoffId);
    if (!handoff) return null;
    const [asked, noted] = await Promise.all([
      ctx.reading.intent === 'vague' ? store.events.latest(tx, handoff.id, 'asked-specific') : null,
      ctx.reading.intent === 'auto-reply' ? store.events.latest(tx, handoff.id, 'auto-reply') : null,
    ]);
    const decision = decideReply({
      ...people(deps, handoff),
      handoff,
      sender: ctx.sender,
      reading: ctx.reading,
      directory: deps.config.directory,
      now: deps.clock.now(),
      askedForStepBefore: asked !== null,
      autoReplyNotedBefore: noted !== null,
    });
    const applied = await applyDecision(tx, deps, handoff, decision, ctx);
    return { outcome: decision.outcome, outboxIds: applied.outboxIds };
  });
  if (!done) return 'ignored-no-handoff';
  await deps.deliver(done.outboxIds);
  return done.outcome;
}

/** The giver writing in the handoff's thread: an answer to a relayed question goes back to whoever asked. */
export async function actOnGiverReply(
  deps: Deps,
  ctx: Omit<ReplyContext, 'reading'> & { text: string },
): Promise<string> {
  const { store } = deps;
  const done = await store.transaction(async (tx) => {
    const handoff = await store.handoffs.lock(tx, ctx.handoffId);
    if (!handoff) return null;
    const relayed = await store.events.latest(tx, handoff.id, 'question-relayed');
    const decision = decideGiverReply({
      handoff,
      playbook: people(deps, handoff).playbook,
      giver: ctx.sender,
      text: ctx.text,
      asker: askerOf(deps.config.directory, relayed),
    });
    const applied = await applyDecision(tx, deps, handoff, decision, ctx);
    return { outcome: decision.outcome, outboxIds: applied.outboxIds };
  });
  if (!done) return 'ignored-no-handoff';
  await deps.deliver(done.outboxIds);
  return done.outcome;
}
