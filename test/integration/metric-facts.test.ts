import { Kysely, Migrator, PostgresDialect } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LAST_WITHOUT_FACTS, seed, types } from '../../bench/metrics-scale.ts';
import { migrations } from '../../db/migrations/index.ts';
import type { DB } from '../../db/schema.ts';
import { freshDatabaseUrl } from '../support/harness.ts';

// The metrics read handoff_metric_facts, one row per handoff kept by triggers. A database that
// already has handoffs gets its facts from the migration's backfill; both must say the same.

/** Every fact of every handoff, keyed by its number (ids are random per database). */
const FACTS = `select h.number, f.created_at, f.week, f.playbook_id, f.giver_email, f.receiver_email, f.state,
  f.light, f.opened, f.acknowledged_at, f.ack_wall_s, f.ack_business_s, f.open_after_trigger_ms,
  f.due_after_start_ms, f.first_lapsed_at, f.leaked, f.follow_through_lapsed, f.declined, f.questioned,
  f.vague, f.replied, f.missing_fields, f.asked_fields, f.decline_reasons
  from handoff_metric_facts f join handoffs h on h.id = f.handoff_id order by h.number`;

interface Opened {
  db: Kysely<DB>;
  client: pg.Client;
  migrator: Migrator;
}

async function open(): Promise<Opened> {
  const url = await freshDatabaseUrl();
  const db = new Kysely<DB>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 2, types }) }),
  });
  const client = new pg.Client({ connectionString: url, types });
  await client.connect();
  return { db, client, migrator: new Migrator({ db, provider: { getMigrations: async () => migrations } }) };
}

describe('metric facts on PostgreSQL', () => {
  let before: Opened;
  let after: Opened;
  beforeAll(async () => {
    [before, after] = await Promise.all([open(), open()]);
    // The same 2,000 seeded handoffs with their timelines: once before the facts existed, once after.
    await before.migrator.migrateTo(LAST_WITHOUT_FACTS);
    await seed(before.client, 2000);
    const migrated = await before.migrator.migrateToLatest();
    expect(migrated.error).toBeUndefined();
    await after.migrator.migrateToLatest();
    await seed(after.client, 2000);
  }, 120_000);
  afterAll(async () => {
    for (const o of [before, after]) {
      await o.client.end();
      await o.db.destroy();
    }
  });

  it('gives handoffs that were there before the migration the same facts the triggers give new ones', async () => {
    const backfilled = (await before.client.query(FACTS)).rows;
    const kept = (await after.client.query(FACTS)).rows;
    expect(backfilled).toHaveLength(2000);
    expect(kept).toEqual(backfilled);
    // The seed has every kind of fact, so the comparison covers each column.
    const count = (rows: Record<string, unknown>[], test: (r: Record<string, unknown>) => boolean) =>
      rows.filter(test).length;
    expect(count(kept, (r) => r.leaked === true)).toBeGreaterThan(0);
    // A window that lapsed after the acknowledgment is no leak.
    expect(count(kept, (r) => r.first_lapsed_at !== null && r.leaked === false)).toBeGreaterThan(0);
    expect(count(kept, (r) => r.follow_through_lapsed === true)).toBeGreaterThan(0);
    expect(count(kept, (r) => r.vague === true)).toBeGreaterThan(0);
    expect(count(kept, (r) => (r.missing_fields as string[]).length > 1)).toBeGreaterThan(0);
    expect(count(kept, (r) => (r.asked_fields as string[]).length > 1)).toBeGreaterThan(0);
    expect(count(kept, (r) => (r.decline_reasons as string[]).includes('no reason given'))).toBeGreaterThan(
      0,
    );
  });

  it('moves a fact when the handoff changes and drops it with the handoff', async () => {
    const { client } = after;
    const { rows } = await client.query<{ id: string }>(
      `select id from handoffs where state = 'open' and acknowledged_at is null and opened_at is not null limit 1`,
    );
    const id = rows[0]!.id;
    await client.query(
      `update handoffs set state = 'acknowledged', acknowledged_at = opened_at + interval '90 minutes',
         ack_business_ms = 3600000 where id = $1`,
      [id],
    );
    await client.query(
      `insert into handoff_events (handoff_id, at, actor, kind, data) values
         ($1, now(), 'bob@example.com', 'declined', '{"intent": "decline", "reason": "  Not my\\n territory "}'),
         ($1, now(), 'bob@example.com', 'declined', '{"intent": "decline", "reason": "not my territory"}')`,
      [id],
    );
    const fact = await client.query(
      'select state, ack_wall_s, ack_business_s, declined, replied, decline_reasons from handoff_metric_facts where handoff_id = $1',
      [id],
    );
    expect(fact.rows[0]).toEqual({
      state: 'acknowledged',
      ack_wall_s: 5400,
      ack_business_s: 3600,
      declined: true,
      replied: true,
      decline_reasons: ['not my territory'],
    });
    await client.query('delete from handoff_events where handoff_id = $1', [id]);
    await client.query('delete from deadlines where handoff_id = $1', [id]);
    await client.query('delete from handoffs where id = $1', [id]);
    const gone = await client.query('select 1 from handoff_metric_facts where handoff_id = $1', [id]);
    expect(gone.rows).toEqual([]);
  });
});
