import { type Kysely, sql } from 'kysely';

// Frozen in time: this file must not import application code.
// The metrics report is one large statement whose cost estimate passes PostgreSQL's JIT thresholds
// from about 10,000 handoffs on; compiling it then takes seconds, far more than running it
// (bench/README.md). No other query of Baton gains from JIT, so it is off for the database's new
// sessions. A role that may not alter the database (or a server without the setting) keeps its own.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`do $$ begin
    execute format('alter database %I set jit = off', current_database());
  exception when others then
    raise notice 'jit left as it is: %', sqlerrm;
  end $$`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`do $$ begin
    execute format('alter database %I reset jit', current_database());
  exception when others then
    raise notice 'jit left as it is: %', sqlerrm;
  end $$`.execute(db);
}
