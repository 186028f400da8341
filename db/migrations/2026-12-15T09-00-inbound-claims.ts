import { type Kysely, sql } from 'kysely';

// Frozen in time: this file must not import application code.
// Processing a stored message is claimed like sending an outbox row: a lease, so that a message
// whose process died between storing and finishing it is taken over by another (or the next) one.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('inbound_messages').addColumn('lease_until', 'timestamptz').execute();
  await sql`create index inbound_messages_unfinished on inbound_messages (id)
    where status in ('received', 'processing')`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('inbound_messages_unfinished').execute();
  await db.schema.alterTable('inbound_messages').dropColumn('lease_until').execute();
}
