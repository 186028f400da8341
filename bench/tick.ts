/**
 * Tick duration on real PostgreSQL with 10,000 / 100,000 / 1,000,000 open handoffs and 1,000 due
 * escalations: the cost must follow the due count, not the open count. Baseline: the 10,000 run.
 * Also prints the claim query's plan, to show it reads the partial index on pending deadlines.
 *
 *   node --import tsx bench/tick.ts [--sizes 10000,100000,1000000] [--due 1000]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { connectPostgres, migrateToLatest } from '../src/adapters/db/connect.ts';
import { createLocalMailbox } from '../src/adapters/mail-out/local-mailbox.ts';
import { deliverOutbox } from '../src/app/deliver-outbox.ts';
import { fireDueNotices } from '../src/app/tick.ts';
import { parseConfig } from '../src/config/schema.ts';
import { escalationConfig } from '../test/support/escalation-config.ts';
import { startPostgres } from '../test/support/postgres.ts';
import { benchDeps } from './support/deps.ts';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10000,100000,1000000' },
    due: { type: 'string', default: '1000' },
  },
});
const sizes = values.sizes.split(',').map(Number);
const DUE = Number(values.due);
const RECIPIENTS = ['ken@example.com', 'sam@example.com', 'lena@example.com', 'dana@example.com'];
const now = new Date('2026-11-24T12:00:00Z');

const parsed = parseConfig(escalationConfig);
if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
const pg = await startPostgres();
const rows: { open: number; fireMs: number; sendMs: number; fired: number; emails: number }[] = [];
let plan = '';
try {
  // The first run warms the JIT and the driver (a running server's tick is warm); it is not reported.
  for (const [index, open] of [sizes[0]!, ...sizes].entries()) {
    const name = `bench_${index}_${open}`;
    const admin = connectPostgres(pg.url, { max: 1 });
    await sql`create database ${sql.id(name)}`.execute(admin);
    await admin.destroy();
    const db = connectPostgres(pg.url.replace(/\/[^/]*$/, `/${name}`), { max: 10 });
    await migrateToLatest(db);
    // Open handoffs, each with three future deadlines (lapse, two escalation levels), as planning writes them.
    await sql`
      insert into handoffs (playbook_id, state, giver_email, receiver_email, fields, created_at, updated_at, ack_deadline)
      select 'mql-to-sal', 'open', 'maya@example.com', 'bob@example.com',
             jsonb_build_object('lead', 'Lead ' || n, 'summary', 'seeded'), ${now}, ${now}, ${now}
      from generate_series(1, ${open}) as n`.execute(db);
    await sql`
      insert into deadlines (handoff_id, kind, level, recipient, due_at, explanation, created_at)
      select h.id, k.kind, k.level, k.recipient, ${now}::timestamptz + (1 + h.number % 1000) * interval '1 hour', 'seeded', ${now}
      from handoffs h cross join (values ('ack', 0, null), ('escalation', 1, 'lena@example.com'), ('escalation', 2, 'dana@example.com'))
        as k(kind, level, recipient)`.execute(db);
    await sql`
      insert into deadlines (handoff_id, kind, level, recipient, due_at, explanation, created_at)
      select id, 'escalation', 1, (${sql.val(RECIPIENTS)}::text[])[1 + (number % 4)], ${new Date(now.getTime() - 60_000)}, 'seeded lapse', ${now}
      from handoffs where number % ${Math.floor(open / DUE)} = 0 limit ${DUE}`.execute(db);
    await sql`vacuum analyze`.execute(db);

    const dir = mkdtempSync(join(tmpdir(), 'baton-bench-mailbox-'));
    const deps = benchDeps(db, parsed.config, createLocalMailbox(dir), () => now);

    if (index === sizes.length) {
      const explained = await sql<{ 'QUERY PLAN': string }>`
        explain select id from deadlines where status = 'pending' and due_at <= ${now}
        order by due_at limit 500 for update skip locked`.execute(db);
      plan = explained.rows.map((r) => r['QUERY PLAN']).join('\n');
    }
    // A tick is two halves: claim and commit the effects (outbox rows included), then render and send.
    const start = performance.now();
    const fired = await fireDueNotices(deps);
    const firedAt = performance.now();
    await deliverOutbox(deps, fired.outboxIds, fired.outboxIds.length);
    const sentAt = performance.now();
    if (index > 0)
      rows.push({
        open,
        fireMs: firedAt - start,
        sendMs: sentAt - firedAt,
        fired: fired.fired,
        emails: fired.outboxIds.length,
      });
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
} finally {
  pg.stop();
}

const base = rows[0]!;
console.log(`tick duration, ${DUE} due escalations, real PostgreSQL (local mailbox as the mailer)`);
console.log(
  '| open handoffs | deadline rows | claim + commit | render + send | fired | emails | claim+commit / baseline (first row) |',
);
console.log('|---|---|---|---|---|---|---|');
for (const r of rows)
  console.log(
    `| ${r.open.toLocaleString('en')} | ${(r.open * 3 + DUE).toLocaleString('en')} | ${r.fireMs.toFixed(0)} ms | ${r.sendMs.toFixed(0)} ms | ${r.fired} | ${r.emails} | ${(r.fireMs / base.fireMs).toFixed(2)} |`,
  );
console.log(`\nclaim query plan at the largest size:\n${plan}`);
