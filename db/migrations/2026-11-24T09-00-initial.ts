import { type Kysely, sql } from 'kysely';

// Frozen in time: this file must not import application code.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('inbound_messages')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('dedupe_key', 'text', (c) => c.notNull().unique())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('envelope_from', 'text')
    .addColumn('envelope_to', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('raw', 'bytea', (c) => c.notNull())
    .addColumn('received_at', 'timestamptz', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('received'))
    .addColumn('outcome', 'text')
    .addColumn('error_kind', 'text')
    .addColumn('error_message', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('processed_at', 'timestamptz')
    .addColumn('handoff_id', 'uuid')
    .addColumn('sender', 'text')
    .addColumn('subject', 'text')
    .execute();
  await db.schema.createIndex('inbound_messages_status').on('inbound_messages').columns(['status']).execute();

  await sql`create sequence handoff_number_seq start 1001`.execute(db);
  await db.schema
    .createTable('handoffs')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('number', 'bigint', (c) => c.notNull().unique().defaultTo(sql`nextval('handoff_number_seq')`))
    .addColumn('playbook_id', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('giver_email', 'text', (c) => c.notNull())
    .addColumn('receiver_email', 'text')
    .addColumn('receiver_team', 'text')
    .addColumn('fields', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('missing_fields', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('note', 'text')
    .addColumn('forwarded', 'jsonb')
    .addColumn('score', 'double precision')
    .addColumn('light', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('trigger_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addColumn('opened_at', 'timestamptz')
    .addColumn('ack_deadline', 'timestamptz')
    .addColumn('ack_deadline_explanation', 'text')
    .addColumn('acknowledged_at', 'timestamptz')
    .addColumn('action', 'text')
    .addColumn('due_at', 'timestamptz')
    .addColumn('due_explanation', 'text')
    .addColumn('closed_at', 'timestamptz')
    .addColumn('escalation_level', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('thread_message_ids', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('source_inbound_id', 'bigint')
    .addColumn('idempotency_key', 'text', (c) => c.unique())
    .execute();
  await db.schema.createIndex('handoffs_state').on('handoffs').columns(['state']).execute();
  await db.schema.createIndex('handoffs_giver').on('handoffs').columns(['giver_email', 'state']).execute();

  await db.schema
    .createTable('handoff_events')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('handoff_id', 'uuid', (c) => c.notNull().references('handoffs.id').onDelete('cascade'))
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('inbound_message_id', 'bigint')
    .addColumn('outbound_message_id', 'uuid')
    .addColumn('data', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .execute();
  await db.schema
    .createIndex('handoff_events_handoff')
    .on('handoff_events')
    .columns(['handoff_id', 'id'])
    .execute();

  await db.schema
    .createTable('deadlines')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('handoff_id', 'uuid', (c) => c.notNull().references('handoffs.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('level', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('due_at', 'timestamptz', (c) => c.notNull())
    .addColumn('explanation', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('settled_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('deadlines_handoff').on('deadlines').columns(['handoff_id', 'kind']).execute();
  await sql`create index deadlines_pending_due on deadlines (due_at) where status = 'pending'`.execute(db);

  await db.schema
    .createTable('outbound_messages')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('handoff_id', 'uuid')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('from_address', 'text', (c) => c.notNull())
    .addColumn('to_addresses', sql`text[]`, (c) => c.notNull())
    .addColumn('reply_to', 'text')
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('html', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('message_id', 'text', (c) => c.notNull().unique())
    .addColumn('in_reply_to', 'text')
    .addColumn('references', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('headers', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending'))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('send_after', 'timestamptz', (c) => c.notNull())
    .addColumn('lease_until', 'timestamptz')
    .addColumn('sent_at', 'timestamptz')
    .addColumn('provider_id', 'text')
    .addColumn('last_error', 'text')
    .execute();
  await sql`create index outbound_pending on outbound_messages (send_after) where status = 'pending'`.execute(
    db,
  );
  await db.schema.createIndex('outbound_handoff').on('outbound_messages').columns(['handoff_id']).execute();
  await db.schema
    .createIndex('outbound_recipient_kind')
    .on('outbound_messages')
    .columns(['kind', 'created_at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['outbound_messages', 'deadlines', 'handoff_events', 'handoffs', 'inbound_messages'])
    await db.schema.dropTable(table).execute();
  await sql`drop sequence handoff_number_seq`.execute(db);
}
