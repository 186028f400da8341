import { type Kysely, sql } from 'kysely';

// Frozen in time: this file must not import application code.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('deadlines').addColumn('recipient', 'text').execute();
  await db.schema.alterTable('deadlines').addColumn('outbound_message_id', 'uuid').execute();
  await sql`create index handoffs_open_receiver on handoffs (receiver_email) where state in ('open', 'acknowledged')`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index handoffs_open_receiver`.execute(db);
  await db.schema.alterTable('deadlines').dropColumn('outbound_message_id').execute();
  await db.schema.alterTable('deadlines').dropColumn('recipient').execute();
}
