import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { connectPostgres, migrateToLatest } from '../../src/adapters/db/connect.ts';
import { freshDatabaseUrl } from '../support/harness.ts';

// Compiling the metrics statement with JIT takes seconds once its cost estimate passes the
// threshold (bench/metrics-scale.ts); a migrated database keeps JIT off for its sessions.
describe('metrics statement planning', () => {
  it('runs the sessions of a migrated PostgreSQL database without JIT compilation', async () => {
    const url = await freshDatabaseUrl();
    const migrating = connectPostgres(url, { max: 1 });
    await migrateToLatest(migrating);
    await migrating.destroy();
    const session = connectPostgres(url, { max: 1 });
    try {
      const { rows } = await sql<{ jit: string }>`show jit`.execute(session);
      expect(rows[0]?.jit).toBe('off');
    } finally {
      await session.destroy();
    }
  });
});
