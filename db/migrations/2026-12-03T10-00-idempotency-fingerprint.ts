import type { Kysely } from 'kysely';

// Frozen in time: this file must not import application code.
// An Idempotency-Key is bound to the request it first came with: a different body under the same key
// is refused (Stripe's rule), so the handoff keeps a fingerprint of that first request.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('handoffs').addColumn('idempotency_fingerprint', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('handoffs').dropColumn('idempotency_fingerprint').execute();
}
