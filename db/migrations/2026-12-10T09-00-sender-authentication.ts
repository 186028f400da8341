import type { Kysely } from 'kysely';

// Frozen in time: this file must not import application code.
// SPF needs the SMTP client's address and EHLO name, which only the connection knew: they are kept
// with the raw message so a replay can check the sender again. The verdict is kept as reached.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('inbound_messages')
    .addColumn('client_address', 'text')
    .addColumn('helo', 'text')
    .addColumn('authentication', 'jsonb')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('inbound_messages')
    .dropColumn('client_address')
    .dropColumn('helo')
    .dropColumn('authentication')
    .execute();
}
