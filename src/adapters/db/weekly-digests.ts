import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import type { Reader, Tx, WeeklyDigests } from '../../app/ports.ts';

/** Weekly digests, claimed by inserting their (manager, week) row: the primary key lets one insert win. */
export function weeklyDigestStore(k: (on: Reader | Tx) => Kysely<DB>): WeeklyDigests {
  return {
    claim: async (tx, digests, at) => {
      if (digests.length === 0) return [];
      // A concurrent tick's insert of the same key waits for this transaction, then skips the row.
      const rows = await k(tx)
        .insertInto('weekly_digests')
        .values(digests.map((d) => ({ manager_email: d.manager, week: d.week, claimed_at: at })))
        .onConflict((c) => c.columns(['manager_email', 'week']).doNothing())
        .returning(['manager_email', 'week'])
        .execute();
      return rows.map((r) => ({ manager: r.manager_email, week: r.week }));
    },
    linkEmail: async (tx, digest, outboxId) => {
      await k(tx)
        .updateTable('weekly_digests')
        .set({ outbound_message_id: outboxId })
        .where('manager_email', '=', digest.manager)
        .where('week', '=', digest.week)
        .execute();
    },
  };
}
