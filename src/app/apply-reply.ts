import type { Kysely } from 'kysely';
import type { DB, HandoffRow } from '../../db/schema.ts';
import { appendEvent } from '../adapters/db/events.ts';
import { lockHandoff, updateHandoff } from '../adapters/db/handoffs.ts';
import { findMember, type Member, resolveRecipient } from '../core/directory.ts';
import { leadSummary } from '../core/handoff/fields.ts';
import { type HandoffState, isHandoffState, transition } from '../core/handoff/lifecycle.ts';
import type { Playbook } from '../core/handoff/playbook.ts';
import { formatReference } from '../core/handoff/reference.ts';
import { resolveByLine } from '../core/receiver.ts';
import type { ReplyReading } from '../core/reply/read-reply.ts';
import { addDuration, formatLocal } from '../core/time/business-time.ts';
import { queueReceipt } from './create-handoff.ts';
import { deliverOutbox } from './deliver-outbox.ts';
import { handoffRequestProps } from './email-props.ts';
import { cancelNotices, planFollowThrough, planWindow } from './plan-notices.ts';
import type { Deps } from './ports.ts';
import { queueEmail } from './queue-email.ts';

export interface ReplyContext {
  handoffId: string;
  sender: Member;
  reading: ReplyReading;
  inboundId: number;
  messageId: string | null;
}

interface Loaded {
  handoff: HandoffRow;
  state: HandoffState;
  playbook: Playbook;
  giver: Member;
  receiver: Member;
}

const LONG_TEXT = 1_500;
const clip = (text: string) => (text.length > LONG_TEXT ? `${text.slice(0, LONG_TEXT - 1)}…` : text);

function load(deps: Deps, handoff: HandoffRow): Loaded {
  const { config } = deps;
  const playbook = config.playbooks.find((p) => p.id === handoff.playbook_id);
  const giver = findMember(config.directory, handoff.giver_email);
  const receiver = findMember(config.directory, handoff.receiver_email ?? '');
  if (!playbook || !giver || !receiver || !isHandoffState(handoff.state))
    throw new Error(`handoff ${handoff.id}: its playbook, giver or receiver is no longer in the config`);
  return { handoff, state: handoff.state, playbook, giver, receiver };
}

/**
 * Applies what a reply says to its handoff, in one transaction with the handoff row locked:
 * the state change, its event and the notification emails commit together.
 */
export async function applyReply(deps: Deps, ctx: ReplyContext): Promise<string> {
  const outboxIds: string[] = [];
  const outcome = await deps.db.transaction().execute(async (trx) => {
    const row = await lockHandoff(trx, ctx.handoffId);
    if (!row) return 'ignored-no-handoff';
    const loaded = load(deps, row);
    const effect = EFFECTS[ctx.reading.intent];
    return effect(trx, deps, loaded, ctx, outboxIds);
  });
  await deliverOutbox(deps, outboxIds);
  return outcome;
}

type Effect = (
  trx: Kysely<DB>,
  deps: Deps,
  h: Loaded,
  ctx: ReplyContext,
  outbox: string[],
) => Promise<string>;

const EFFECTS: Record<ReplyReading['intent'], Effect> = {
  commit: commitEffect,
  vague: vagueEffect,
  decline: declineEffect,
  reassign: reassignEffect,
  done: doneEffect,
  question: questionEffect,
  'auto-reply': autoReplyEffect,
  bounce: bounceEffect,
};

function event(
  trx: Kysely<DB>,
  deps: Deps,
  h: Loaded,
  ctx: ReplyContext,
  kind: string,
  data: Record<string, unknown>,
) {
  return appendEvent(trx, {
    handoffId: h.handoff.id,
    at: deps.clock.now(),
    actor: ctx.sender.email,
    kind,
    inboundMessageId: ctx.inboundId,
    data: { intent: ctx.reading.intent, rule: ctx.reading.rule, ...data },
  });
}

function common(h: Loaded) {
  return {
    reference: formatReference(h.handoff.number),
    leadSummary: leadSummary(h.handoff.fields, h.playbook.name),
  };
}

/** A reply that changes nothing because the handoff is closed: recorded, not acted on. */
async function closed(trx: Kysely<DB>, deps: Deps, h: Loaded, ctx: ReplyContext): Promise<string> {
  await event(trx, deps, h, ctx, 'reply-ignored', { state: h.state, text: clip(ctx.reading.text) });
  return 'ignored-closed';
}

async function commitEffect(trx: Kysely<DB>, deps: Deps, h: Loaded, ctx: ReplyContext, outbox: string[]) {
  const rescheduling = h.state === 'acknowledged';
  const next = transition(h.state, { kind: rescheduling ? 'reschedule' : 'acknowledge' });
  if (!next.ok) return closed(trx, deps, h, ctx);
  const now = deps.clock.now();
  const { action, due } = ctx.reading;
  const previous = h.handoff.action;
  const dueExplanation = due
    ? `promised by ${ctx.sender.name} for ${formatLocal(due, ctx.sender.schedule.timeZone)}`
    : 'no time promised';
  const handoff = await updateHandoff(trx, h.handoff.id, {
    state: next.state,
    action,
    due_at: due,
    due_explanation: dueExplanation,
    acknowledged_at: h.handoff.acknowledged_at ?? now,
    updated_at: now,
  });
  await cancelNotices(trx, deps, handoff.id, [
    'reminder',
    'escalation',
    'follow-through',
    'follow-through-lapse',
  ]);
  await planFollowThrough(trx, deps, handoff, h.playbook, h.receiver);
  await event(trx, deps, h, ctx, rescheduling ? 'rescheduled' : 'acknowledged', {
    action,
    due: due?.toISOString() ?? null,
    previous: rescheduling ? { action: previous, due: h.handoff.due_at?.toISOString() ?? null } : undefined,
  });
  const reachOutFrom = h.handoff.trigger_at ?? h.handoff.created_at;
  const beyond = due && due.getTime() - reachOutFrom.getTime() > h.playbook.reachOutWithin.ms;
  outbox.push(
    await queueEmail(trx, deps, {
      handoff,
      kind: 'acknowledged',
      to: h.giver,
      threadRoots: handoff.thread_message_ids,
      props: {
        ...common(h),
        giverName: h.giver.name,
        receiverName: ctx.sender.name,
        action: action ?? ctx.reading.text,
        dueReceiverLocal: due ? formatLocal(due, ctx.sender.schedule.timeZone) : null,
        dueGiverLocal: due ? formatLocal(due, h.giver.schedule.timeZone) : null,
        beyondReachOut: beyond
          ? `This is later than your ${Math.round(h.playbook.reachOutWithin.ms / 3_600_000)}-hour reach-out target.`
          : null,
        replaced: rescheduling ? previous : null,
      },
    }),
  );
  return rescheduling ? 'rescheduled' : 'acknowledged';
}

async function vagueEffect(trx: Kysely<DB>, deps: Deps, h: Loaded, ctx: ReplyContext, outbox: string[]) {
  if (h.state !== 'open' && h.state !== 'acknowledged') return closed(trx, deps, h, ctx);
  const asked = await trx
    .selectFrom('handoff_events')
    .select('id')
    .where('handoff_id', '=', h.handoff.id)
    .where('kind', '=', 'asked-specific')
    .executeTakeFirst();
  await event(trx, deps, h, ctx, 'vague-reply', { text: clip(ctx.reading.text) });
  // Asked once: a second vague reply is recorded, not nagged about.
  if (asked || h.state !== 'open') return 'vague-recorded';
  const id = await queueEmail(trx, deps, {
    handoff: h.handoff,
    kind: 'ask-specific',
    to: ctx.sender,
    inReplyTo: ctx.messageId,
    props: {
      ...common(h),
      receiverName: ctx.sender.name,
      theirText: clip(ctx.reading.text),
      deadlineLocal: h.handoff.ack_deadline
        ? formatLocal(h.handoff.ack_deadline, ctx.sender.schedule.timeZone)
        : '',
    },
  });
  outbox.push(id);
  await appendEvent(trx, {
    handoffId: h.handoff.id,
    at: deps.clock.now(),
    actor: 'baton',
    kind: 'asked-specific',
    outboundMessageId: id,
    data: {},
  });
  return 'vague-asked';
}

/** Closes the handoff (declined or done): its notices stop and the giver is told. */
async function closeWith(
  trx: Kysely<DB>,
  deps: Deps,
  h: Loaded,
  ctx: ReplyContext,
  outbox: string[],
  close: { kind: 'decline' | 'done'; event: Record<string, unknown>; props: Record<string, unknown> },
): Promise<string> {
  const next = transition(h.state, { kind: close.kind });
  if (!next.ok) return closed(trx, deps, h, ctx);
  const now = deps.clock.now();
  const handoff = await updateHandoff(trx, h.handoff.id, {
    state: next.state,
    closed_at: now,
    // Done without a prior commitment still counts as owned: it was acknowledged by doing it.
    acknowledged_at: close.kind === 'done' ? (h.handoff.acknowledged_at ?? now) : h.handoff.acknowledged_at,
    updated_at: now,
  });
  await cancelNotices(trx, deps, handoff.id);
  await event(trx, deps, h, ctx, next.state, close.event);
  outbox.push(
    await queueEmail(trx, deps, {
      handoff,
      kind: next.state,
      to: h.giver,
      threadRoots: handoff.thread_message_ids,
      props: { ...common(h), giverName: h.giver.name, receiverName: ctx.sender.name, ...close.props },
    }),
  );
  return next.state;
}

function declineEffect(trx: Kysely<DB>, deps: Deps, h: Loaded, ctx: ReplyContext, outbox: string[]) {
  const { reason } = ctx.reading;
  return closeWith(trx, deps, h, ctx, outbox, { kind: 'decline', event: { reason }, props: { reason } });
}

async function reassignEffect(trx: Kysely<DB>, deps: Deps, h: Loaded, ctx: ReplyContext, outbox: string[]) {
  const { directory } = deps.config;
  const wanted = ctx.reading.reassignTo ?? '';
  const recipient = resolveRecipient(directory, wanted) ?? (wanted ? resolveByLine(directory, wanted) : null);
  if (!recipient) {
    await event(trx, deps, h, ctx, 'reassign-refused', { reassignTo: wanted });
    outbox.push(
      await queueEmail(trx, deps, {
        handoff: h.handoff,
        kind: 'refusal',
        to: ctx.sender,
        inReplyTo: ctx.messageId,
        props: {
          reason: 'not-allowed',
          reference: common(h).reference,
          detail: `${wanted || 'That person'} is not someone Baton knows, so the handoff stays with ${h.receiver.name}. Baton knows: ${directory.members.map((m) => m.email).join(', ')}.`,
        },
      }),
    );
    return 'reassign-refused';
  }
  const next = transition(h.state, { kind: 'reassign' });
  if (!next.ok) return closed(trx, deps, h, ctx);
  const newReceiver = recipient.member;
  const now = deps.clock.now();
  const deadline = addDuration(now, h.playbook.ackWithin, newReceiver.schedule);
  const handoff = await updateHandoff(trx, h.handoff.id, {
    state: next.state,
    receiver_email: newReceiver.email,
    receiver_team: recipient.kind === 'team' ? recipient.team.id : null,
    ack_deadline: deadline.at,
    ack_deadline_explanation: deadline.explanation,
    acknowledged_at: null,
    action: null,
    due_at: null,
    due_explanation: null,
    escalation_level: 0,
    updated_at: now,
  });
  await cancelNotices(trx, deps, handoff.id);
  await planWindow(trx, deps, handoff, h.playbook, deadline);
  await event(trx, deps, h, ctx, 'reassigned', {
    from: h.receiver.email,
    to: newReceiver.email,
    deadline: deadline.at.toISOString(),
    explanation: deadline.explanation,
  });
  const { reference, leadSummary: lead } = common(h);
  outbox.push(
    await queueEmail(trx, deps, {
      handoff,
      kind: 'handoff-request',
      to: newReceiver,
      fromName: `${h.giver.name} via Baton`,
      props: handoffRequestProps({
        handoff,
        playbook: h.playbook,
        giver: h.giver,
        receiver: newReceiver,
        deadline,
        reassignedFrom: h.receiver.name,
      }),
    }),
    await queueEmail(trx, deps, {
      handoff,
      kind: 'reassigned',
      to: h.receiver,
      props: {
        reference,
        leadSummary: lead,
        previousReceiverName: h.receiver.name,
        newReceiverName: newReceiver.name,
        byName: ctx.sender.name,
      },
    }),
    await queueReceipt(trx, deps, {
      handoff,
      playbook: h.playbook,
      giver: h.giver,
      receiver: newReceiver,
      receiverLocal: formatLocal(deadline.at, newReceiver.schedule.timeZone),
      due: deadline.at,
      lateBy: null,
    }),
  );
  return 'reassigned';
}

function doneEffect(trx: Kysely<DB>, deps: Deps, h: Loaded, ctx: ReplyContext, outbox: string[]) {
  return closeWith(trx, deps, h, ctx, outbox, {
    kind: 'done',
    event: { text: clip(ctx.reading.action ?? ctx.reading.text) },
    props: { text: clip(ctx.reading.text) },
  });
}

async function questionEffect(trx: Kysely<DB>, deps: Deps, h: Loaded, ctx: ReplyContext, outbox: string[]) {
  if (h.state !== 'open' && h.state !== 'acknowledged') return closed(trx, deps, h, ctx);
  await event(trx, deps, h, ctx, 'question-relayed', { question: clip(ctx.reading.text) });
  outbox.push(
    await queueEmail(trx, deps, {
      handoff: h.handoff,
      kind: 'question-relay',
      to: h.giver,
      threadRoots: h.handoff.thread_message_ids,
      props: {
        ...common(h),
        giverName: h.giver.name,
        askerName: ctx.sender.name,
        question: clip(ctx.reading.text),
      },
    }),
  );
  return 'question-relayed';
}

/** The giver answering a relayed question: the answer goes back to whoever asked. */
export async function relayAnswer(
  deps: Deps,
  ctx: Omit<ReplyContext, 'reading'> & { text: string },
): Promise<string> {
  const outboxIds: string[] = [];
  const outcome = await deps.db.transaction().execute(async (trx) => {
    const row = await lockHandoff(trx, ctx.handoffId);
    if (!row) return 'ignored-no-handoff';
    const h = load(deps, row);
    const question = await trx
      .selectFrom('handoff_events')
      .select(['actor', 'data'])
      .where('handoff_id', '=', row.id)
      .where('kind', '=', 'question-relayed')
      .orderBy('id', 'desc')
      .executeTakeFirst();
    const asker = question ? findMember(deps.config.directory, question.actor) : null;
    await appendEvent(trx, {
      handoffId: row.id,
      at: deps.clock.now(),
      actor: ctx.sender.email,
      kind: asker ? 'answer-relayed' : 'giver-reply',
      inboundMessageId: ctx.inboundId,
      data: { text: clip(ctx.text) },
    });
    if (!asker) return 'giver-reply-recorded';
    outboxIds.push(
      await queueEmail(trx, deps, {
        handoff: row,
        kind: 'answer-relay',
        to: asker,
        props: {
          ...common(h),
          receiverName: asker.name,
          giverName: h.giver.name,
          answer: clip(ctx.text),
          deadlineLocal: row.ack_deadline ? formatLocal(row.ack_deadline, asker.schedule.timeZone) : '',
        },
      }),
    );
    return 'answer-relayed';
  });
  await deliverOutbox(deps, outboxIds);
  return outcome;
}

async function autoReplyEffect(trx: Kysely<DB>, deps: Deps, h: Loaded, ctx: ReplyContext, outbox: string[]) {
  const noted = await trx
    .selectFrom('handoff_events')
    .select('id')
    .where('handoff_id', '=', h.handoff.id)
    .where('kind', '=', 'auto-reply')
    .executeTakeFirst();
  await event(trx, deps, h, ctx, 'auto-reply', { returnDate: ctx.reading.returnDate });
  // Never answered, never an acknowledgment; the giver hears about it once.
  if (noted || (h.state !== 'open' && h.state !== 'acknowledged')) return 'auto-reply-recorded';
  outbox.push(
    await queueEmail(trx, deps, {
      handoff: h.handoff,
      kind: 'auto-reply-noted',
      to: h.giver,
      threadRoots: h.handoff.thread_message_ids,
      props: {
        ...common(h),
        giverName: h.giver.name,
        receiverName: h.receiver.name,
        returnDate: ctx.reading.returnDate,
        excerpt: clip(ctx.reading.text).slice(0, 300),
        deadlineLocal: h.handoff.ack_deadline
          ? formatLocal(h.handoff.ack_deadline, h.giver.schedule.timeZone)
          : '',
      },
    }),
  );
  return 'auto-reply-noted';
}

async function bounceEffect(trx: Kysely<DB>, deps: Deps, h: Loaded, ctx: ReplyContext, outbox: string[]) {
  const failed = ctx.reading.failedRecipient;
  // Only the receiver's address bouncing makes the handoff undeliverable; anyone else's is noted.
  if (failed && failed !== h.receiver.email && !h.receiver.aliases.includes(failed)) {
    await event(trx, deps, h, ctx, 'bounce-noted', {
      failedRecipient: failed,
      diagnostic: ctx.reading.reason,
    });
    return 'bounce-noted';
  }
  const next = transition(h.state, { kind: 'bounce' });
  if (!next.ok || h.state === 'undeliverable') return closed(trx, deps, h, ctx);
  const now = deps.clock.now();
  const handoff = await updateHandoff(trx, h.handoff.id, { state: next.state, updated_at: now });
  await cancelNotices(trx, deps, handoff.id);
  // Nobody can act on a mail that never arrived: the chain starts now.
  await planWindow(trx, deps, handoff, h.playbook, {
    at: now,
    explanation: 'the receiver’s address bounced',
  });
  await event(trx, deps, h, ctx, 'undeliverable', {
    failedRecipient: failed,
    diagnostic: ctx.reading.reason,
  });
  outbox.push(
    await queueEmail(trx, deps, {
      handoff,
      kind: 'undeliverable',
      to: h.giver,
      threadRoots: handoff.thread_message_ids,
      props: {
        ...common(h),
        giverName: h.giver.name,
        receiverEmail: h.receiver.email,
        diagnostic: ctx.reading.reason,
      },
    }),
  );
  return 'undeliverable';
}
