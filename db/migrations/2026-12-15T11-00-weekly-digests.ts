import type { Kysely } from 'kysely';

// Frozen in time: this file must not import application code.
// The weekly digest to each manager: one row per (manager, reported ISO week), claimed by inserting
// it, so however many ticks run at once only the one whose insert wins queues the email.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('weekly_digests')
    .addColumn('manager_email', 'text', (c) => c.notNull())
    .addColumn('week', 'text', (c) => c.notNull())
    .addColumn('claimed_at', 'timestamptz', (c) => c.notNull())
    .addColumn('outbound_message_id', 'uuid')
    .addPrimaryKeyConstraint('weekly_digests_pkey', ['manager_email', 'week'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('weekly_digests').execute();
}
