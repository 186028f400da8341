import { type Kysely, sql } from 'kysely';

// Frozen in time: this file must not import application code.
// Metrics: the receiver's working time to acknowledge is measured when the acknowledgment happens
// (working hours live in the config, not here). Reports read a period of handoffs by creation time and
// the timeline events of a few kinds for those handoffs.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('handoffs').addColumn('ack_business_ms', 'bigint').execute();
  await db.schema.createIndex('handoffs_created_at').on('handoffs').columns(['created_at']).execute();
  await sql`create index handoff_events_metrics on handoff_events (handoff_id, kind)
    where kind in ('window-lapsed', 'follow-through-lapsed', 'fields-requested', 'question-relayed', 'declined')
       or data ? 'intent'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index handoff_events_metrics`.execute(db);
  await sql`drop index handoffs_created_at`.execute(db);
  await db.schema.alterTable('handoffs').dropColumn('ack_business_ms').execute();
}
