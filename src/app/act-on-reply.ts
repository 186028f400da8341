import { findMember, type Member } from '../core/directory.ts';
import {
  askerOf,
  confirmationOf,
  decideGiverReply,
  decideReply,
  type ReplyFacts,
  type ReplyOutcome,
} from '../core/handoff/decide-reply.ts';
import type { Handoff } from '../core/handoff/handoff.ts';
import { type Parties, partiesOf } from '../core/handoff/parties.ts';
import type { ReplyReading } from '../core/reply/read-reply.ts';
import type { Deps, Tx } from './ports.ts';
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

/** The members a handoff was escalated to so far. */
export async function escalatedMembers(deps: Deps, tx: Tx, handoffId: string): Promise<Member[]> {
  const addresses = await deps.store.deadlines.escalatedTo(tx, handoffId);
  return addresses.flatMap((a) => findMember(deps.config.directory, a) ?? []);
}

/**
 * Acts on what a reply says, in one transaction with the handoff row locked: the state change, its
 * events, its notices and the notification emails commit together; sending happens after. The
 * giver's own words in the thread are read as the giver's (commands, answers to relayed questions).
 */
export async function actOnReply(
  deps: Deps,
  ctx: ReplyContext,
  as: 'receiver' | 'giver' = 'receiver',
): Promise<ReplyOutcome | 'ignored-no-handoff'> {
  const { store } = deps;
  const done = await store.transaction(async (tx) => {
    const handoff = await store.handoffs.lock(tx, ctx.handoffId);
    if (!handoff) return null;
    const commitOrYes = ctx.reading.intent === 'commit' || ctx.reading.affirms;
    const [asked, confirmation, noted, relayed, escalatedTo] = await Promise.all([
      ctx.reading.intent === 'vague' || commitOrYes
        ? store.events.latest(tx, handoff.id, 'asked-specific')
        : null,
      commitOrYes ? store.events.latest(tx, handoff.id, 'confirmation-asked') : null,
      ctx.reading.intent === 'auto-reply' ? store.events.latest(tx, handoff.id, 'auto-reply') : null,
      as === 'giver' ? store.events.latest(tx, handoff.id, 'question-relayed') : null,
      escalatedMembers(deps, tx, handoff.id),
    ]);
    const facts: ReplyFacts = {
      ...people(deps, handoff),
      handoff,
      sender: ctx.sender,
      reading: ctx.reading,
      directory: deps.config.directory,
      now: deps.clock.now(),
      askedForStepBefore: asked !== null,
      ...confirmationOf(handoff, confirmation, asked),
      autoReplyNotedBefore: noted !== null,
      escalatedTo,
    };
    const decision =
      as === 'giver'
        ? decideGiverReply({ ...facts, asker: askerOf(deps.config.directory, relayed) })
        : decideReply(facts);
    const applied = await applyDecision(tx, deps, handoff, decision, ctx);
    return { outcome: decision.outcome, outboxIds: applied.outboxIds };
  });
  if (!done) return 'ignored-no-handoff';
  await deps.deliver(done.outboxIds);
  return done.outcome;
}
