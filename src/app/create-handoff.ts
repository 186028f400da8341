import { findMember, type Member, type Recipient } from '../core/directory.ts';
import { fieldList, handoffRequestProps, receiptProps } from '../core/handoff/email-props.ts';
import { fillInBlock, missingFields } from '../core/handoff/fields.ts';
import type { ForwardedEmail, Handoff } from '../core/handoff/handoff.ts';
import { transition } from '../core/handoff/lifecycle.ts';
import { defaultPlaybookOn, type Playbook } from '../core/handoff/playbook.ts';
import { formatReference } from '../core/handoff/reference.ts';
import { addDuration, formatLocal, localDate, nextDailyTime } from '../core/time/business-time.ts';
import { formatDuration } from '../core/time/duration.ts';
import { isFullRitual, leadAddress, leadName } from '../core/triage.ts';
import type { Deps, NewEvent, Tx } from './ports.ts';
import { planWindow } from './steps/plan-notices.ts';
import { queueEmail } from './steps/queue-email.ts';

export interface HandoffInput {
  playbookId: string | null;
  giverEmail: string;
  recipient: Recipient;
  values: Record<string, string>;
  note: string | null;
  forwarded: ForwardedEmail | null;
  score: number | null;
  triggerAt: Date | null;
  sourceInboundId: number | null;
  /** The giver's own Message-ID: Baton's answers to the giver thread under it. */
  giverMessageId: string | null;
  idempotencyKey: string | null;
}

export type CreateRefusal =
  | { ok: false; code: 'unknown_giver'; message: string }
  | { ok: false; code: 'unknown_playbook'; message: string }
  | { ok: false; code: 'missing_fields'; message: string; missing: { key: string; label: string }[] };

export type CreateResult = { ok: true; handoff: Handoff; created: boolean } | CreateRefusal;

/** The playbook a new handoff uses: the addressed one, or the default (seasons apply, on the giver's date). */
export function pickPlaybook(deps: Deps, playbookId: string | null, giver: Member): Playbook | null {
  const { config } = deps;
  const id =
    playbookId ??
    defaultPlaybookOn(
      localDate(deps.clock.now(), giver.schedule.timeZone).toString(),
      config.defaultPlaybook,
      config.seasons,
    );
  return config.playbooks.find((p) => p.id === id) ?? null;
}

/**
 * Creates a handoff. Missing required fields either refuse (API: the caller answers 422) or
 * create a draft and ask the giver for them by email (the giver's reply completes the draft).
 */
export async function createHandoff(
  deps: Deps,
  input: HandoffInput,
  onMissing: 'refuse' | 'draft',
): Promise<CreateResult> {
  const giver = findMember(deps.config.directory, input.giverEmail);
  if (!giver) return { ok: false, code: 'unknown_giver', message: `${input.giverEmail} is not a member` };
  const playbook = pickPlaybook(deps, input.playbookId, giver);
  if (!playbook)
    return { ok: false, code: 'unknown_playbook', message: `unknown playbook '${input.playbookId}'` };
  const { store } = deps;
  if (input.idempotencyKey) {
    const existing = await store.handoffs.findByIdempotencyKey(store.pool, input.idempotencyKey);
    if (existing) return { ok: true, handoff: existing, created: false };
  }
  const missing = missingFields(playbook, input.values);
  if (missing.length > 0 && onMissing === 'refuse') {
    return {
      ok: false,
      code: 'missing_fields',
      message: `missing required fields: ${missing.map((f) => f.key).join(', ')}`,
      missing: missing.map((f) => ({ key: f.key, label: f.label })),
    };
  }

  const now = deps.clock.now();
  const outboxIds: string[] = [];
  const handoff = await store.transaction(async (tx) => {
    const row = await store.handoffs.insert(tx, {
      playbookId: playbook.id,
      state: 'draft',
      giverEmail: giver.email,
      receiverEmail: input.recipient.member.email,
      receiverTeam: input.recipient.kind === 'team' ? input.recipient.team.id : null,
      fields: input.values,
      missingFields: missing.map((f) => f.key),
      note: input.note,
      forwarded: input.forwarded,
      score: input.score,
      triggerAt: input.triggerAt,
      createdAt: now,
      updatedAt: now,
      threadMessageIds: input.giverMessageId ? [input.giverMessageId] : [],
      sourceInboundId: input.sourceInboundId,
      idempotencyKey: input.idempotencyKey,
    });
    await event(tx, deps, {
      handoffId: row.id,
      at: now,
      actor: giver.email,
      kind: 'created',
      inboundMessageId: input.sourceInboundId,
      data: {
        playbook: playbook.id,
        receiver: row.receiverEmail,
        team: row.receiverTeam,
        fields: Object.keys(input.values),
      },
    });
    if (missing.length > 0) {
      outboxIds.push(await askForMissingFields(tx, deps, row, playbook, giver, input.sourceInboundId));
      return row;
    }
    return openHandoff(tx, deps, row, playbook, input.sourceInboundId, outboxIds);
  });
  await deps.deliver(outboxIds);
  return { ok: true, handoff, created: true };
}

/** Writes the missing-fields reply to the giver; returns its outbox id. */
export async function askForMissingFields(
  tx: Tx,
  deps: Deps,
  handoff: Handoff,
  playbook: Playbook,
  giver: Member,
  inboundId: number | null,
): Promise<string> {
  const missing = playbook.fields.filter((f) => handoff.missingFields.includes(f.key));
  const id = await queueEmail(tx, deps, {
    handoff,
    kind: 'missing-fields',
    to: giver,
    threadRoots: handoff.threadMessageIds,
    props: {
      giverName: giver.name,
      playbookName: playbook.name,
      missing: missing.map((f) => ({ label: f.label, hint: f.hint })),
      provided: fieldList(playbook, handoff.fields),
      fillInBlock: fillInBlock(missing),
      reference: formatReference(handoff.number),
    },
  });
  await event(tx, deps, {
    handoffId: handoff.id,
    at: deps.clock.now(),
    actor: 'baton',
    kind: 'fields-requested',
    inboundMessageId: inboundId,
    outboundMessageId: id,
    data: { missing: missing.map((f) => f.key) },
  });
  return id;
}

/**
 * Opens a complete handoff: computes and stores the acknowledgment deadline in the receiver's
 * working time, and queues the receiver's email and the giver's receipt.
 */
export async function openHandoff(
  tx: Tx,
  deps: Deps,
  draft: Handoff,
  playbook: Playbook,
  inboundId: number | null,
  outboxIds: string[],
): Promise<Handoff> {
  const { directory } = deps.config;
  const now = deps.clock.now();
  const receiver = findMember(directory, draft.receiverEmail ?? '');
  const giver = findMember(directory, draft.giverEmail);
  if (!receiver || !giver) throw new Error(`handoff ${draft.id}: giver or receiver left the config`);
  // The one way out of a draft: a handoff that is already open is not opened twice.
  const next = transition(draft.state, { kind: 'complete' });
  if (!next.ok) return draft;
  if (playbook.triage && draft.score !== null) {
    const since = new Date(now.getTime() - playbook.triage.windowDays * 86_400_000);
    const others = await deps.store.handoffs.recentScores(tx, playbook.id, since, draft.id);
    if (!isFullRitual(draft.score, others, playbook.triage.fullShare))
      return openLightHandoff(tx, deps, draft, playbook, { giver, receiver }, inboundId, outboxIds);
  }
  const deadline = addDuration(now, playbook.ackWithin, receiver.schedule);
  const handoff = await deps.store.handoffs.update(tx, draft.id, {
    state: next.state,
    missingFields: [],
    openedAt: now,
    updatedAt: now,
    ackDeadline: deadline.at,
    ackDeadlineExplanation: deadline.explanation,
  });
  await planWindow(tx, deps, handoff, playbook, deadline);

  const requestId = await queueEmail(tx, deps, {
    handoff,
    kind: 'handoff-request',
    to: receiver,
    fromName: `${giver.name} via Baton`,
    props: handoffRequestProps({ handoff, playbook, giver, receiver, deadline, reassignedFrom: null }),
  });
  const receiptId = await queueReceipt(tx, deps, {
    handoff,
    playbook,
    giver,
    receiver,
    receiverLocal: formatLocal(deadline.at, receiver.schedule.timeZone),
    due: deadline.at,
    lateBy: lateness(handoff, playbook, now),
  });
  outboxIds.push(requestId, receiptId);
  await event(tx, deps, {
    handoffId: handoff.id,
    at: now,
    actor: 'baton',
    kind: 'opened',
    inboundMessageId: inboundId,
    outboundMessageId: requestId,
    data: {
      receiver: receiver.email,
      deadline: deadline.at.toISOString(),
      explanation: deadline.explanation,
    },
  });
  return handoff;
}

/** "handed off 31 hours after the trigger (target: within 24 hours)", or null when on time. */
function lateness(handoff: Handoff, playbook: Playbook, now: Date): string | null {
  if (!handoff.triggerAt) return null;
  const elapsed = now.getTime() - handoff.triggerAt.getTime();
  if (elapsed <= playbook.handoffWithin.ms) return null;
  const hours = Math.round(elapsed / 3_600_000);
  return `handed off ${hours} hours after the trigger (target: within ${formatDuration(playbook.handoffWithin)})`;
}

/** 09:00 in the receiver's zone: when light handoffs arrive, in one daily digest. */
const LIGHT_DIGEST_MINUTES = 9 * 60;

/**
 * A light handoff (below the triage cut): no acknowledgment window and no escalation; the
 * receiver gets it in the next daily digest, and the lead may get one short automated email.
 */
async function openLightHandoff(
  tx: Tx,
  deps: Deps,
  draft: Handoff,
  playbook: Playbook,
  people: { giver: Member; receiver: Member },
  inboundId: number | null,
  outboxIds: string[],
): Promise<Handoff> {
  const { giver, receiver } = people;
  const now = deps.clock.now();
  const digestAt = nextDailyTime(now, LIGHT_DIGEST_MINUTES, receiver.schedule);
  const explanation = `light handoff (score below the top ${Math.round((playbook.triage?.fullShare ?? 0) * 100)} %): in ${receiver.name}'s daily digest at 09:00 ${receiver.schedule.timeZone}`;
  const handoff = await deps.store.handoffs.update(tx, draft.id, {
    state: 'open',
    light: true,
    missingFields: [],
    openedAt: now,
    updatedAt: now,
  });
  await deps.store.deadlines.insert(tx, [
    {
      handoffId: handoff.id,
      kind: 'light-digest',
      recipient: receiver.email,
      dueAt: digestAt,
      explanation,
      createdAt: now,
    },
  ]);
  outboxIds.push(
    await queueReceipt(tx, deps, {
      handoff,
      playbook,
      giver,
      receiver,
      receiverLocal: `in the daily digest, ${formatLocal(digestAt, receiver.schedule.timeZone)}`,
      due: digestAt,
      lateBy: lateness(handoff, playbook, now),
    }),
  );
  const prospect = leadAddress(handoff.fields.lead);
  if (
    playbook.light?.prospectEmail &&
    prospect &&
    !(await deps.store.handoffs.prospectWasWritten(tx, prospect))
  ) {
    outboxIds.push(
      await queueEmail(tx, deps, {
        handoff,
        kind: 'prospect-intro',
        to: { email: prospect, name: leadName(handoff.fields.lead) },
        fromName: receiver.name,
        replyTo: receiver.email,
        props: {
          leadName: leadName(handoff.fields.lead),
          receiverName: receiver.name,
          summary: handoff.fields.summary ?? handoff.fields.need ?? '',
          calendarLink: receiver.calendarLink,
        },
      }),
    );
  }
  await event(tx, deps, {
    handoffId: handoff.id,
    at: now,
    actor: 'baton',
    kind: 'opened',
    inboundMessageId: inboundId,
    data: { receiver: receiver.email, light: true, digestAt: digestAt.toISOString(), explanation },
  });
  return handoff;
}

function event(tx: Tx, deps: Deps, e: NewEvent): Promise<void> {
  return deps.store.events.append(tx, [e]);
}

/** The giver's receipt, threaded under their own email. */
export function queueReceipt(tx: Tx, deps: Deps, input: Parameters<typeof receiptProps>[0]): Promise<string> {
  return queueEmail(tx, deps, {
    handoff: input.handoff,
    kind: 'handoff-receipt',
    to: input.giver,
    threadRoots: input.handoff.threadMessageIds,
    props: receiptProps(input),
  });
}
