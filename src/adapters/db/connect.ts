import { Kysely, Migrator, PostgresDialect } from 'kysely';
import pg from 'pg';
import { migrations } from '../../../db/migrations/index.ts';
import type { DB } from '../../../db/schema.ts';

export type Database = Kysely<DB>;

export const INT8_OID = 20;
export const NUMERIC_OID = 1700;

/** pg returns int8/count(*) as strings; Baton's counts and ids fit a double. */
function pgTypes() {
  return {
    getTypeParser(oid: number, format?: 'text' | 'binary') {
      if (oid === INT8_OID || oid === NUMERIC_OID) return (value: string) => Number(value);
      return pg.types.getTypeParser(oid, format);
    },
  };
}

/**
 * A Kysely instance over PostgreSQL (`pg` pool). `stream` makes each connection's socket (the
 * Worker passes its corkable Workers socket; Node's default is net.Socket).
 */
export function connectPostgres(
  url: string,
  options: { max?: number; stream?: pg.ClientConfig['stream'] } = {},
): Database {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    types: pgTypes(),
    ...(options.stream ? { stream: options.stream } : {}),
  });
  return new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
}

/** Applies pending migrations; throws with the failing migration's name. */
export async function migrateToLatest(db: Kysely<DB>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error) throw new Error(`migration ${failed?.migrationName ?? ''} failed: ${(error as Error).message}`);
  return (results ?? []).map((r) => r.migrationName);
}
