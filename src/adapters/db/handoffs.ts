import { type Kysely, sql } from 'kysely';
import type { DB, HandoffRow, HandoffUpdate, NewHandoff } from '../../../db/schema.ts';
import type { HandoffListFilter } from '../../app/ports.ts';

export async function insertHandoff(db: Kysely<DB>, row: NewHandoff): Promise<HandoffRow> {
  return db.insertInto('handoffs').values(row).returningAll().executeTakeFirstOrThrow();
}

/** Whether a string can be a handoff id: anything else is not found, never a query error. */
const isUuid = (id: string) => /^[0-9a-f-]{36}$/i.test(id);

export async function findHandoff(db: Kysely<DB>, id: string): Promise<HandoffRow | null> {
  if (!isUuid(id)) return null;
  return (await db.selectFrom('handoffs').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
}

export async function findHandoffByNumber(db: Kysely<DB>, number: number): Promise<HandoffRow | null> {
  return (
    (await db.selectFrom('handoffs').selectAll().where('number', '=', number).executeTakeFirst()) ?? null
  );
}

export async function findHandoffByIdempotencyKey(db: Kysely<DB>, key: string): Promise<HandoffRow | null> {
  return (
    (await db.selectFrom('handoffs').selectAll().where('idempotency_key', '=', key).executeTakeFirst()) ??
    null
  );
}

/** The handoff one of Baton's Message-IDs (or a giver's original) belongs to. */
export async function findHandoffByMessageIds(
  db: Kysely<DB>,
  messageIds: readonly string[],
): Promise<HandoffRow | null> {
  if (messageIds.length === 0) return null;
  const ids = messageIds.slice(-50);
  const viaOutbox = await db
    .selectFrom('outbound_messages')
    .innerJoin('handoffs', 'handoffs.id', 'outbound_messages.handoff_id')
    .selectAll('handoffs')
    .where('outbound_messages.message_id', 'in', ids)
    .orderBy('outbound_messages.created_at', 'desc')
    .executeTakeFirst();
  if (viaOutbox) return viaOutbox;
  // The giver's own email (and each one that completed its draft): what the receiver on Cc answers
  // with Reply-All.
  const viaThread = await db
    .selectFrom('handoffs')
    .selectAll()
    .where(sql<boolean>`thread_message_ids && ${sql.val(ids)}::text[]`)
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
  return viaThread ?? null;
}

/** Locks the handoff row for the rest of the transaction: replies and ticks on one handoff go one at a time. */
export async function lockHandoff(trx: Kysely<DB>, id: string): Promise<HandoffRow | null> {
  if (!isUuid(id)) return null;
  return (
    (await trx.selectFrom('handoffs').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()) ?? null
  );
}

export async function updateHandoff(db: Kysely<DB>, id: string, changes: HandoffUpdate): Promise<HandoffRow> {
  return db
    .updateTable('handoffs')
    .set(changes)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Handoffs newest first, keyed by number (unique and increasing), so a page boundary never moves. */
export async function listHandoffs(
  db: Kysely<DB>,
  filter: HandoffListFilter,
  before: number | null,
  limit: number,
): Promise<HandoffRow[]> {
  let query = db.selectFrom('handoffs').selectAll();
  if (filter.state) query = query.where('state', '=', filter.state);
  if (filter.receiver) query = query.where('receiver_email', '=', filter.receiver);
  if (filter.playbook) query = query.where('playbook_id', '=', filter.playbook);
  if (before !== null) query = query.where('number', '<', before);
  return query.orderBy('number', 'desc').limit(limit).execute();
}

/** Scores of a playbook's handoffs since a date: what triage compares a new score with. */
export async function recentScores(
  db: Kysely<DB>,
  playbookId: string,
  since: Date,
  excludeId: string,
): Promise<number[]> {
  const rows = await db
    .selectFrom('handoffs')
    .select('score')
    .where('playbook_id', '=', playbookId)
    .where('id', '!=', excludeId)
    .where('created_at', '>=', since)
    .where('score', 'is not', null)
    .execute();
  return rows.map((r) => Number(r.score));
}

/** Locks many handoff rows in id order (a stable order, so concurrent lockers never deadlock). */
export async function lockHandoffs(
  trx: Kysely<DB>,
  ids: readonly string[],
): Promise<Map<string, HandoffRow>> {
  if (ids.length === 0) return new Map();
  const rows = await trx
    .selectFrom('handoffs')
    .selectAll()
    .where('id', 'in', ids)
    .orderBy('id')
    .forUpdate()
    .execute();
  return new Map(rows.map((r) => [r.id, r]));
}

/** Raises each handoff's escalation level to at least the given one, in one statement. */
export async function raiseEscalationLevels(trx: Kysely<DB>, levels: ReadonlyMap<string, number>, at: Date) {
  if (levels.size === 0) return;
  const values = sql.join([...levels].map(([id, level]) => sql`(${id}::uuid, ${level}::int)`));
  await sql`
    update handoffs set escalation_level = greatest(handoffs.escalation_level, v.level), updated_at = ${at}
    from (values ${values}) as v(id, level) where handoffs.id = v.id`.execute(trx);
}
