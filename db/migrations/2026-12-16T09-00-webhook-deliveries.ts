import type { Kysely } from 'kysely';

// Frozen in time: this file must not import application code.
// The webhook deliveries Baton has taken, by the provider's delivery id (Resend's svix-id), so a
// delivery seen before is acknowledged and not acted on again. Written only once the message it
// announced is stored: a failed delivery leaves no row, and its retry (same id) goes through.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('webhook_deliveries')
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('delivery_id', 'text', (c) => c.notNull())
    .addColumn('inbound_message_id', 'bigint', (c) => c.references('inbound_messages.id'))
    .addColumn('received_at', 'timestamptz', (c) => c.notNull())
    .addColumn('replays', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_replayed_at', 'timestamptz')
    .addPrimaryKeyConstraint('webhook_deliveries_pkey', ['provider', 'delivery_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('webhook_deliveries').execute();
}
