import { type Kysely, sql } from 'kysely';

// Frozen in time: this file must not import application code.
// Clock-driven emails are rendered when sent, outside the tick's transaction: the row keeps the props.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('outbound_messages').addColumn('props', 'jsonb').execute();
  await sql`alter table outbound_messages alter column subject drop not null, alter column html drop not null, alter column text drop not null`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('outbound_messages').dropColumn('props').execute();
}
