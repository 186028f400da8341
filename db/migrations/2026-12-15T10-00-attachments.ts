import { type Kysely, sql } from 'kysely';

// Frozen in time: this file must not import application code.
// Files attached to a handoff's email travel with it. Only their descriptions are stored (message,
// MIME part, MD5, name, type, size): the bytes stay in inbound_messages.raw and are extracted again
// for each email that carries them, so the outbox keeps the same descriptions, not copies.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('handoffs')
    .addColumn('attachments', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .execute();
  await db.schema
    .alterTable('outbound_messages')
    .addColumn('attachments', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('outbound_messages').dropColumn('attachments').execute();
  await db.schema.alterTable('handoffs').dropColumn('attachments').execute();
}
