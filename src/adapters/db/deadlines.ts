import { type Kysely, sql } from 'kysely';
import type { DB, DeadlineRow } from '../../../db/schema.ts';

export interface NewDeadline {
  handoffId: string;
  kind: string;
  level?: number;
  recipient?: string | null;
  dueAt: Date;
  explanation: string;
  createdAt: Date;
}

export async function insertDeadlines(db: Kysely<DB>, deadlines: readonly NewDeadline[]): Promise<void> {
  if (deadlines.length === 0) return;
  await db
    .insertInto('deadlines')
    .values(
      deadlines.map((d) => ({
        handoff_id: d.handoffId,
        kind: d.kind,
        level: d.level ?? 0,
        recipient: d.recipient ?? null,
        due_at: d.dueAt,
        explanation: d.explanation,
        created_at: d.createdAt,
      })),
    )
    .execute();
}

export async function listDeadlines(db: Kysely<DB>, handoffId: string) {
  return db
    .selectFrom('deadlines')
    .selectAll()
    .where('handoff_id', '=', handoffId)
    .orderBy('due_at')
    .orderBy('id')
    .execute();
}

/** Settles a handoff's pending deadlines (it was acknowledged, reassigned, closed), all or of some kinds. */
export async function settlePendingDeadlines(
  db: Kysely<DB>,
  handoffId: string,
  at: Date,
  status: 'cancelled' | 'met',
  kinds?: readonly string[],
): Promise<void> {
  let query = db
    .updateTable('deadlines')
    .set({ status, settled_at: at })
    .where('handoff_id', '=', handoffId)
    .where('status', '=', 'pending');
  if (kinds) query = query.where('kind', 'in', kinds);
  await query.execute();
}

/**
 * Claims due deadlines with one mutating statement inside the caller's transaction. SKIP LOCKED
 * keeps concurrent ticks on disjoint rows; the status flips to `fired` in the same transaction as
 * the effects, so a rollback leaves them pending for the next tick and a commit fires them once.
 */
export async function claimDueDeadlines(trx: Kysely<DB>, now: Date, limit: number): Promise<DeadlineRow[]> {
  const result = await sql<DeadlineRow>`
    update deadlines set status = 'fired', settled_at = ${now}
    where id in (
      select id from deadlines
      where status = 'pending' and due_at <= ${now}
      order by due_at
      limit ${limit}
      for update skip locked
    )
    returning *`.execute(trx);
  return result.rows;
}

export async function linkDeadlineEmail(
  trx: Kysely<DB>,
  ids: readonly number[],
  outboundId: string,
): Promise<void> {
  if (ids.length === 0) return;
  await trx
    .updateTable('deadlines')
    .set({ outbound_message_id: outboundId })
    .where('id', 'in', ids)
    .execute();
}
