import { type Kysely, sql } from 'kysely';
import type { DB, HandoffRow } from '../../../db/schema.ts';
import type { OpenHandoffFilter } from '../../app/ports.ts';
import { OPEN_STATES } from '../../core/metrics.ts';

function openHandoffs(db: Kysely<DB>, filter: OpenHandoffFilter) {
  let query = db
    .selectFrom('handoffs')
    .where('state', 'in', filter.state ? [filter.state] : [...OPEN_STATES]);
  if (filter.receiver) query = query.where('receiver_email', '=', filter.receiver);
  if (filter.playbook) query = query.where('playbook_id', '=', filter.playbook);
  const members = filter.members;
  if (members)
    query = query.where((eb) =>
      eb.or([eb('giver_email', 'in', [...members, '']), eb('receiver_email', 'in', [...members, ''])]),
    );
  return query;
}

export async function listOpenHandoffs(
  db: Kysely<DB>,
  filter: OpenHandoffFilter,
  limit: number,
): Promise<HandoffRow[]> {
  return openHandoffs(db, filter).selectAll().orderBy('created_at').orderBy('number').limit(limit).execute();
}

/** Counts per age bucket in one statement: width_bucket puts each age between the bounds. */
export async function countOpenByAge(
  db: Kysely<DB>,
  now: Date,
  boundsSeconds: readonly number[],
  filter: OpenHandoffFilter,
): Promise<number[]> {
  const bounds = sql`${boundsSeconds.map(Number)}::float8[]`;
  const rows = await openHandoffs(db, filter)
    .select([
      sql<number>`width_bucket(extract(epoch from ${now}::timestamptz - coalesce(opened_at, created_at))::float8, ${bounds})`.as(
        'bucket',
      ),
      (eb) => eb.fn.countAll<number>().as('n'),
    ])
    .groupBy('bucket')
    .execute();
  const counts = Array.from({ length: boundsSeconds.length + 1 }, () => 0);
  for (const row of rows) counts[Number(row.bucket)] = Number(row.n);
  return counts;
}
