import { type Kysely, sql } from 'kysely';
import type { DB, InboundRow } from '../../../db/schema.ts';
import type { InboundResult } from '../../app/ports.ts';
import type { SenderAuthentication } from '../../core/sender-authentication.ts';
import { toAuthentication } from './mappers.ts';

export interface NewInbound {
  dedupeKey: string;
  source: string;
  envelopeFrom: string | null;
  envelopeTo: string[];
  raw: Uint8Array;
  receivedAt: Date;
  clientAddress: string | null;
  helo: string | null;
}

/** Stores a raw message once: null when the same message (same dedupe key) is already stored. */
export async function insertInbound(db: Kysely<DB>, message: NewInbound): Promise<number | null> {
  const row = await db
    .insertInto('inbound_messages')
    .values({
      dedupe_key: message.dedupeKey,
      source: message.source,
      envelope_from: message.envelopeFrom,
      envelope_to: message.envelopeTo,
      raw: message.raw,
      received_at: message.receivedAt,
      client_address: message.clientAddress,
      helo: message.helo,
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id ?? null;
}

/**
 * Claims one stored message for processing, with a lease: one conditional write, so of two
 * processes (the one that stored it, one recovering) exactly one gets it. Returns the claimed row.
 */
export async function claimInbound(
  db: Kysely<DB>,
  id: number,
  now: Date,
  leaseMs: number,
): Promise<InboundRow | null> {
  return (
    (await db
      .updateTable('inbound_messages')
      .set({ status: 'processing', lease_until: new Date(now.getTime() + leaseMs) })
      .where('id', '=', id)
      .where((eb) =>
        eb.or([
          eb('status', '=', 'received'),
          eb.and([eb('status', '=', 'processing'), eb('lease_until', '<', now)]),
        ]),
      )
      .returningAll()
      .executeTakeFirst()) ?? null
  );
}

/**
 * Claims messages nobody finished: stored but not claimed within a lease (the process died between
 * storing and processing), or claimed by a process whose lease ran out. One write, SKIP LOCKED.
 */
export async function claimUnfinishedInbound(
  db: Kysely<DB>,
  now: Date,
  leaseMs: number,
  limit: number,
): Promise<number[]> {
  const stale = new Date(now.getTime() - leaseMs);
  const leaseUntil = new Date(now.getTime() + leaseMs);
  const result = await sql<{ id: number }>`
    update inbound_messages set status = 'processing', lease_until = ${leaseUntil}
    where id in (
      select id from inbound_messages
      where (status = 'received' and received_at < ${stale})
         or (status = 'processing' and lease_until < ${now})
      order by id
      limit ${limit}
      for update skip locked
    )
    returning id`.execute(db);
  return result.rows.map((r) => Number(r.id)).sort((a, b) => a - b);
}

/** Claims the failed messages recorded against a handoff, for a replay: one write, SKIP LOCKED. */
export async function claimFailedInbound(
  db: Kysely<DB>,
  handoffId: string,
  now: Date,
  leaseMs: number,
): Promise<number[]> {
  const leaseUntil = new Date(now.getTime() + leaseMs);
  const result = await sql<{ id: number }>`
    update inbound_messages set status = 'processing', lease_until = ${leaseUntil}
    where id in (
      select id from inbound_messages
      where handoff_id = ${handoffId} and status = 'failed'
      order by id
      for update skip locked
    )
    returning id`.execute(db);
  return result.rows.map((r) => Number(r.id)).sort((a, b) => a - b);
}

/**
 * The handoff whose committed effects name this message (it created the handoff, or an event
 * records it), or null: how a message claimed again after a crash tells whether it already acted.
 */
export async function inboundEffects(db: Kysely<DB>, id: number): Promise<{ handoffId: string } | null> {
  const created = await db
    .selectFrom('handoffs')
    .select('id')
    .where('source_inbound_id', '=', id)
    .executeTakeFirst();
  if (created) return { handoffId: created.id };
  const event = await db
    .selectFrom('handoff_events')
    .select('handoff_id')
    .where('inbound_message_id', '=', id)
    .orderBy('id')
    .executeTakeFirst();
  return event ? { handoffId: event.handoff_id } : null;
}

export async function findInbound(db: Kysely<DB>, id: number): Promise<InboundRow | null> {
  return (
    (await db.selectFrom('inbound_messages').selectAll().where('id', '=', id).executeTakeFirst()) ?? null
  );
}

export async function findInboundByKey(db: Kysely<DB>, dedupeKey: string): Promise<InboundRow | null> {
  return (
    (await db
      .selectFrom('inbound_messages')
      .selectAll()
      .where('dedupe_key', '=', dedupeKey)
      .executeTakeFirst()) ?? null
  );
}

/** PostgreSQL text cannot hold NUL, which hostile mail can put anywhere. */
function textOf(value: string | null | undefined): string | null {
  return value === null || value === undefined ? null : value.replace(/\u0000/g, '\uFFFD');
}

export async function recordInboundResult(
  db: Kysely<DB>,
  id: number,
  at: Date,
  result: InboundResult,
): Promise<void> {
  await db
    .updateTable('inbound_messages')
    .set((eb) => ({
      status: result.status,
      outcome: result.outcome,
      handoff_id: result.handoffId,
      sender: textOf(result.sender),
      subject: textOf(result.subject)?.slice(0, 500) ?? null,
      error_kind: result.errorKind ?? null,
      error_message: textOf(result.errorMessage)?.slice(0, 2000) ?? null,
      processed_at: at,
      lease_until: null,
      attempts: eb('attempts', '+', 1),
    }))
    .where('id', '=', id)
    .execute();
}

export async function recordInboundAuthentication(
  db: Kysely<DB>,
  id: number,
  authentication: SenderAuthentication,
): Promise<void> {
  await db
    .updateTable('inbound_messages')
    .set({ authentication: JSON.stringify(authentication) })
    .where('id', '=', id)
    .execute();
}

/** The messages recorded against a handoff, and the ones its events name. */
export async function inboundTouching(db: Kysely<DB>, handoffId: string, ids: readonly number[]) {
  return db
    .selectFrom('inbound_messages')
    .select(['id', 'received_at', 'sender', 'envelope_from', 'outcome', 'authentication'])
    .where((eb) =>
      ids.length > 0
        ? eb.or([eb('handoff_id', '=', handoffId), eb('id', 'in', [...ids])])
        : eb('handoff_id', '=', handoffId),
    )
    .orderBy('id')
    .execute();
}

/** Stored inbound messages, newest first, for operators (`baton inbound list`). */
export async function listInbound(db: Kysely<DB>, options: { failedOnly: boolean; limit: number }) {
  let query = db
    .selectFrom('inbound_messages')
    .select([
      'id',
      'received_at',
      'sender',
      'envelope_from',
      'status',
      'outcome',
      'error_kind',
      'error_message',
      'authentication',
    ])
    .orderBy('id', 'desc')
    .limit(options.limit);
  if (options.failedOnly) query = query.where('status', '=', 'failed');
  const rows = await query.execute();
  return rows.map((r) => ({
    id: r.id,
    receivedAt: r.received_at,
    sender: r.sender ?? r.envelope_from,
    status: r.status,
    outcome: r.outcome,
    error: r.error_kind ? `${r.error_kind}: ${r.error_message ?? ''}` : null,
    authentication: toAuthentication(r.authentication),
  }));
}
