import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import type { DB } from '../../../db/schema.ts';
import { connectPostgres, type Database, INT8_OID, NUMERIC_OID } from './connect.ts';

// Node only: PGlite and its data folder never reach the Workers bundle.

/** A Kysely instance over embedded PGlite stored in `dir` (created when missing), or in memory when `dir` is null. */
export async function connectPglite(dir: string | null): Promise<Database> {
  if (dir) mkdirSync(dir, { recursive: true });
  const client = await PGlite.create(dir ?? undefined, {
    parsers: {
      [INT8_OID]: (value: string) => Number(value),
      [NUMERIC_OID]: (value: string) => Number(value),
    },
  });
  return new Kysely<DB>({ dialect: new PGliteDialect(client) });
}

/** PostgreSQL when a URL is given, else embedded PGlite under `<dataDir>/pglite`. */
export async function connectDatabase(settings: {
  databaseUrl: string | null;
  dataDir: string;
}): Promise<Database> {
  return settings.databaseUrl
    ? connectPostgres(settings.databaseUrl)
    : connectPglite(join(settings.dataDir, 'pglite'));
}
