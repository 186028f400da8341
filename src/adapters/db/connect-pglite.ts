import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

/**
 * PostgreSQL when a URL is given, else embedded PGlite under `<dataDir>/pglite`. The embedded
 * database belongs to one process at a time (a second PGlite on the same files would corrupt
 * them): another process that opens it refuses with a clear message. Commands that need no
 * database (check-config, read, --help, --version) never get here.
 */
export async function connectDatabase(settings: {
  databaseUrl: string | null;
  dataDir: string;
}): Promise<Database> {
  if (settings.databaseUrl) return connectPostgres(settings.databaseUrl);
  const dir = join(settings.dataDir, 'pglite');
  const release = lockDataDir(settings.dataDir, dir);
  try {
    const db = await connectPglite(dir);
    const destroy = db.destroy.bind(db);
    db.destroy = async () => {
      await destroy();
      release();
    };
    return db;
  } catch (error) {
    release();
    throw error;
  }
}

/** Thrown when another live process holds the embedded database. */
export class DataDirLockedError extends Error {}

/**
 * Takes `<dataDir>/pglite.lock` (this process's pid) or throws when a live process holds it; a lock
 * left by a process that died is taken over. Returns its release.
 */
function lockDataDir(dataDir: string, dbDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, 'pglite.lock');
  for (;;) {
    try {
      writeFileSync(path, String(process.pid), { flag: 'wx' });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number.parseInt(readFileSync(path, 'utf8'), 10);
      if (holder && holder !== process.pid && isAlive(holder))
        throw new DataDirLockedError(
          `the embedded database ${dbDir} is in use by another Baton (pid ${holder}). Stop that one first, or give this one its own BATON_DATA_DIR (or a DATABASE_URL).`,
        );
      rmSync(path, { force: true });
    }
  }
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    process.off('exit', release);
    rmSync(path, { force: true });
  };
  process.on('exit', release);
  return release;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
