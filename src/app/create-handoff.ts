import { type Kysely, sql } from 'kysely';
import type { DB, HandoffRow, StoredForwarded } from '../../db/schema.ts';
import { insertDeadlines } from '../adapters/db/deadlines.ts';
import { appendEvent } from '../adapters/db/events.ts';
import {
  findHandoffByIdempotencyKey,
  insertHandoff,
  recentScores,
  updateHandoff,
} from '../adapters/db/handoffs.ts';
import { findMember, type Member, type Recipient } from '../core/directory.ts';
import { fillInBlock } from '../core/handoff/fields.ts';
import { defaultPlaybookOn, type Playbook } from '../core/handoff/playbook.ts';
import { formatReference } from '../core/handoff/reference.ts';
import { addDuration, formatLocal, localDate, nextDailyTime } from '../core/time/business-time.ts';
import { formatDuration } from '../core/time/duration.ts';
import { isFullRitual, leadAddress, leadName } from '../core/triage.ts';
import { deliverOutbox } from './deliver-outbox.ts';
import { fieldList, handoffRequestProps, receiptProps } from './email-props.ts';
import { planWindow } from './plan-notices.ts';
import type { Deps } from './ports.ts';
import { queueEmail } from './queue-email.ts';

export interface HandoffInput {
  playbookId: string | null;
  giverEmail: string;
  recipient: Recipient;
  values: Record<string, string>;
  note: string | null;
  forwarded: StoredForwarded | null;
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

export type CreateResult = { ok: true; handoff: HandoffRow; created: boolean } | CreateRefusal;

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
  if (input.idempotencyKey) {
    const existing = await findHandoffByIdempotencyKey(deps.db, input.idempotencyKey);
    if (existing) return { ok: true, handoff: existing, created: false };
  }
  const missing = playbook.fields.filter((f) => f.required && !input.values[f.key]?.trim());
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
  const handoff = await deps.db.transaction().execute(async (trx) => {
    const row = await insertHandoff(trx, {
      playbook_id: playbook.id,
      state: 'draft',
      giver_email: giver.email,
      receiver_email: input.recipient.member.email,
      receiver_team: input.recipient.kind === 'team' ? input.recipient.team.id : null,
      fields: JSON.stringify(input.values),
      missing_fields: JSON.stringify(missing.map((f) => f.key)),
      note: input.note,
      forwarded: input.forwarded ? JSON.stringify(input.forwarded) : null,
      score: input.score,
      trigger_at: input.triggerAt,
      created_at: now,
      updated_at: now,
      thread_message_ids: input.giverMessageId ? [input.giverMessageId] : [],
      source_inbound_id: input.sourceInboundId,
      idempotency_key: input.idempotencyKey,
    });
    await appendEvent(trx, {
      handoffId: row.id,
      at: now,
      actor: giver.email,
      kind: 'created',
      inboundMessageId: input.sourceInboundId,
      data: {
        playbook: playbook.id,
        receiver: row.receiver_email,
        team: row.receiver_team,
        fields: Object.keys(input.values),
      },
    });
    if (missing.length > 0) {
      outboxIds.push(await askForMissingFields(trx, deps, row, playbook, giver, input.sourceInboundId));
      return row;
    }
    return openHandoff(trx, deps, row, playbook, input.sourceInboundId, outboxIds);
  });
  await deliverOutbox(deps, outboxIds);
  return { ok: true, handoff, created: true };
}

/** Writes the missing-fields reply to the giver; returns its outbox id. */
export async function askForMissingFields(
  trx: Kysely<DB>,
  deps: Deps,
  handoff: HandoffRow,
  playbook: Playbook,
  giver: Member,
  inboundId: number | null,
): Promise<string> {
  const missing = playbook.fields.filter((f) => handoff.missing_fields.includes(f.key));
  const id = await queueEmail(trx, deps, {
    handoff,
    kind: 'missing-fields',
    to: giver,
    threadRoots: handoff.thread_message_ids,
    props: {
      giverName: giver.name,
      playbookName: playbook.name,
      missing: missing.map((f) => ({ label: f.label, hint: f.hint })),
      provided: fieldList(playbook, handoff.fields),
      fillInBlock: fillInBlock(missing),
      reference: formatReference(handoff.number),
    },
  });
  await appendEvent(trx, {
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
  trx: Kysely<DB>,
  deps: Deps,
  draft: HandoffRow,
  playbook: Playbook,
  inboundId: number | null,
  outboxIds: string[],
): Promise<HandoffRow> {
  const { directory } = deps.config;
  const now = deps.clock.now();
  const receiver = findMember(directory, draft.receiver_email ?? '');
  const giver = findMember(directory, draft.giver_email);
  if (!receiver || !giver) throw new Error(`handoff ${draft.id}: giver or receiver left the config`);
  if (playbook.triage && draft.score !== null) {
    const since = new Date(now.getTime() - playbook.triage.windowDays * 86_400_000);
    const others = await recentScores(trx, playbook.id, since, draft.id);
    if (!isFullRitual(draft.score, others, playbook.triage.fullShare))
      return openLightHandoff(trx, deps, draft, playbook, { giver, receiver }, inboundId, outboxIds);
  }
  const deadline = addDuration(now, playbook.ackWithin, receiver.schedule);
  const handoff = await updateHandoff(trx, draft.id, {
    state: 'open',
    missing_fields: '[]',
    opened_at: now,
    updated_at: now,
    ack_deadline: deadline.at,
    ack_deadline_explanation: deadline.explanation,
  });
  await planWindow(trx, deps, handoff, playbook, deadline);

  const requestId = await queueEmail(trx, deps, {
    handoff,
    kind: 'handoff-request',
    to: receiver,
    fromName: `${giver.name} via Baton`,
    props: handoffRequestProps({ handoff, playbook, giver, receiver, deadline, reassignedFrom: null }),
  });
  const receiptId = await queueReceipt(trx, deps, {
    handoff,
    playbook,
    giver,
    receiver,
    receiverLocal: formatLocal(deadline.at, receiver.schedule.timeZone),
    due: deadline.at,
    lateBy: lateness(handoff, playbook, now),
  });
  outboxIds.push(requestId, receiptId);
  await appendEvent(trx, {
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
function lateness(handoff: HandoffRow, playbook: Playbook, now: Date): string | null {
  if (!handoff.trigger_at) return null;
  const elapsed = now.getTime() - handoff.trigger_at.getTime();
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
  trx: Kysely<DB>,
  deps: Deps,
  draft: HandoffRow,
  playbook: Playbook,
  people: { giver: Member; receiver: Member },
  inboundId: number | null,
  outboxIds: string[],
): Promise<HandoffRow> {
  const { giver, receiver } = people;
  const now = deps.clock.now();
  const digestAt = nextDailyTime(now, LIGHT_DIGEST_MINUTES, receiver.schedule);
  const explanation = `light handoff (score below the top ${Math.round((playbook.triage?.fullShare ?? 0) * 100)} %): in ${receiver.name}'s daily digest at 09:00 ${receiver.schedule.timeZone}`;
  const handoff = await updateHandoff(trx, draft.id, {
    state: 'open',
    light: true,
    missing_fields: '[]',
    opened_at: now,
    updated_at: now,
  });
  await insertDeadlines(trx, [
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
    await queueReceipt(trx, deps, {
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
  if (playbook.light?.prospectEmail && prospect && (await mayWriteToProspect(trx, prospect))) {
    outboxIds.push(
      await queueEmail(trx, deps, {
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
  await appendEvent(trx, {
    handoffId: handoff.id,
    at: now,
    actor: 'baton',
    kind: 'opened',
    inboundMessageId: inboundId,
    data: { receiver: receiver.email, light: true, digestAt: digestAt.toISOString(), explanation },
  });
  return handoff;
}

/** The lead gets Baton's automated email once, and never after their address bounced. */
async function mayWriteToProspect(trx: Kysely<DB>, address: string): Promise<boolean> {
  const sent = await trx
    .selectFrom('outbound_messages')
    .select('id')
    .where('kind', '=', 'prospect-intro')
    .where(sql<boolean>`${address} = any(to_addresses)`)
    .executeTakeFirst();
  if (sent) return false;
  const bounced = await trx
    .selectFrom('handoff_events')
    .select('id')
    .where('kind', 'in', ['bounce-noted', 'undeliverable'])
    .where(sql<boolean>`data->>'failedRecipient' = ${address}`)
    .executeTakeFirst();
  return !bounced;
}

/** The giver's receipt, threaded under their own email. */
export function queueReceipt(
  trx: Kysely<DB>,
  deps: Deps,
  input: Parameters<typeof receiptProps>[0],
): Promise<string> {
  return queueEmail(trx, deps, {
    handoff: input.handoff,
    kind: 'handoff-receipt',
    to: input.giver,
    threadRoots: input.handoff.thread_message_ids,
    props: receiptProps(input),
  });
}
