import { type Kysely, sql } from 'kysely';
import type { DB, NewOutbound, OutboundRow } from '../../../db/schema.ts';
import { LISTS_SEVERAL_HANDOFFS } from '../../core/email-kind.ts';

export async function insertOutbound(db: Kysely<DB>, row: NewOutbound): Promise<void> {
  await db.insertInto('outbound_messages').values(row).execute();
}

/**
 * Claims sendable rows with one mutating statement (a claim is a write: SKIP LOCKED keeps
 * concurrent ticks apart, and the lease lets a crashed sender's rows be claimed again later).
 */
export async function claimOutbound(
  db: Kysely<DB>,
  options: { now: Date; leaseMs: number; limit: number; ids?: readonly string[] },
): Promise<OutboundRow[]> {
  const leaseUntil = new Date(options.now.getTime() + options.leaseMs);
  const idFilter = options.ids
    ? sql`and id in (${sql.join(options.ids.map((id) => sql`${id}::uuid`))})`
    : sql``;
  const result = await sql<OutboundRow>`
    update outbound_messages set lease_until = ${leaseUntil}, attempts = attempts + 1
    where id in (
      select id from outbound_messages
      where status = 'pending' and send_after <= ${options.now}
        and (lease_until is null or lease_until < ${options.now}) ${idFilter}
      order by send_after
      limit ${options.limit}
      for update skip locked
    )
    returning *`.execute(db);
  return result.rows;
}

export async function markSent(
  db: Kysely<DB>,
  id: string,
  at: Date,
  providerId: string | null,
): Promise<void> {
  await db
    .updateTable('outbound_messages')
    .set({ status: 'sent', sent_at: at, provider_id: providerId, lease_until: null, last_error: null })
    .where('id', '=', id)
    .execute();
}

export async function storeRendering(
  db: Kysely<DB>,
  id: string,
  email: { subject: string; html: string; text: string },
): Promise<void> {
  await db
    .updateTable('outbound_messages')
    .set({ subject: email.subject, html: email.html, text: email.text })
    .where('id', '=', id)
    .execute();
}

/** A retryable failure waits with backoff; a permanent one (or too many attempts) stops. */
export async function markFailed(
  db: Kysely<DB>,
  id: string,
  error: string,
  retryAt: Date | null,
): Promise<void> {
  await db
    .updateTable('outbound_messages')
    .set(
      retryAt
        ? { last_error: error, lease_until: null, send_after: retryAt }
        : { status: 'failed', last_error: error, lease_until: null },
    )
    .where('id', '=', id)
    .execute();
}

/** Message-IDs of a handoff's conversation with one recipient, oldest first: its thread. */
/** Whether one of these Message-IDs is of a sent email that lists several handoffs. */
export async function listsSeveralHandoffs(db: Kysely<DB>, messageIds: readonly string[]): Promise<boolean> {
  if (messageIds.length === 0) return false;
  const row = await db
    .selectFrom('outbound_messages')
    .select('id')
    .where('message_id', 'in', messageIds.slice(-50))
    .where('kind', 'in', [...LISTS_SEVERAL_HANDOFFS])
    .executeTakeFirst();
  return Boolean(row);
}

export async function threadMessageIds(
  db: Kysely<DB>,
  handoffId: string,
  recipient: string,
): Promise<string[]> {
  const rows = await db
    .selectFrom('outbound_messages')
    .select('message_id')
    .where('handoff_id', '=', handoffId)
    .where(sql<boolean>`${recipient} = any(to_addresses)`)
    .orderBy('created_at')
    .orderBy('message_id')
    .execute();
  return rows.map((r) => r.message_id);
}

/** How many refusals (answers to mail that changed nothing) went to this address since `since`. */
export async function countRefusalsSince(
  db: Kysely<DB>,
  address: string,
  kinds: readonly string[],
  since: Date,
) {
  const row = await db
    .selectFrom('outbound_messages')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('kind', 'in', kinds)
    .where('created_at', '>=', since)
    .where(sql<boolean>`${address} = any(to_addresses)`)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function listOutboundForHandoff(db: Kysely<DB>, handoffId: string) {
  return db
    .selectFrom('outbound_messages')
    .select(['id', 'kind', 'to_addresses', 'subject', 'status', 'created_at', 'sent_at', 'message_id'])
    .where('handoff_id', '=', handoffId)
    .orderBy('created_at')
    .execute();
}
