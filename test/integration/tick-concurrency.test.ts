import { sql } from 'kysely';
import { simpleParser } from 'mailparser';
import { afterEach, describe, expect, it } from 'vitest';
import { tick } from '../../src/app/tick.ts';
import { escalationConfig } from '../support/escalation-config.ts';
import { createHarness, type Harness } from '../support/harness.ts';

let harness: Harness | null = null;
afterEach(async () => {
  await harness?.close();
  harness = null;
});

const RECIPIENTS = [
  'ken@example.com',
  'sam@example.com',
  'lena@example.com',
  'dana@example.com',
  'maya@example.com',
  'nora@example.com',
  'ana@example.com',
  'bea@example.com',
];

describe('the tick under concurrency (real PostgreSQL)', () => {
  it('sends each of 10,000 due escalations exactly once when 8 ticks run at the same moment', async () => {
    harness = await createHarness({
      kind: 'postgres',
      now: '2026-11-24T12:00:00Z',
      config: escalationConfig,
    });
    const h = harness;
    const now = h.clock.now();
    await sql`
      insert into handoffs (playbook_id, state, giver_email, receiver_email, fields, created_at, updated_at, ack_deadline)
      select 'mql-to-sal', 'open', 'maya@example.com', 'bob@example.com',
             jsonb_build_object('lead', 'Lead ' || n, 'summary', 'seeded'), ${now}, ${now}, ${now}
      from generate_series(1, 10000) as n`.execute(h.db);
    await sql`
      insert into deadlines (handoff_id, kind, level, recipient, due_at, explanation, created_at)
      select id, 'escalation', 1, (${sql.val(RECIPIENTS)}::text[])[1 + (number % 8)],
             ${new Date(now.getTime() - 60_000)}, 'seeded lapse', ${now}
      from handoffs`.execute(h.db);

    const reports = await Promise.all(Array.from({ length: 8 }, () => tick(h.deps)));
    expect(reports.reduce((n, r) => n + r.fired, 0)).toBe(10_000);
    expect(reports.filter((r) => r.fired > 0).length).toBeGreaterThan(1);

    const deadlines = await h.db
      .selectFrom('deadlines')
      .select((eb) => [
        eb.fn.countAll<number>().as('n'),
        eb.fn.count<number>('outbound_message_id').as('linked'),
        eb.fn.count<number>('outbound_message_id').distinct().as('emails'),
      ])
      .where('status', '=', 'fired')
      .executeTakeFirstOrThrow();
    expect(Number(deadlines.n)).toBe(10_000);
    expect(Number(deadlines.linked)).toBe(10_000);

    const outbox = await h.db.selectFrom('outbound_messages').select(['id', 'kind', 'status']).execute();
    // Tuesday 12:00 UTC is within a day of Monday 09:00 in New York: Sam's weekly digest, once.
    expect(outbox.filter((o) => o.kind === 'weekly-digest')).toHaveLength(1);
    expect(outbox.filter((o) => o.kind !== 'weekly-digest').length).toBe(Number(deadlines.emails));
    expect(outbox.every((o) => o.status === 'sent')).toBe(true);

    const files = await h.mailbox.list();
    expect(files.length).toBe(outbox.length);
    const seen = new Map<string, number>();
    for (const file of files) {
      const parsed = await simpleParser((await h.mailbox.read(file.id))!.raw);
      for (const reference of new Set(parsed.text?.match(/H-\d+/g) ?? []))
        seen.set(reference, (seen.get(reference) ?? 0) + 1);
    }
    expect(seen.size).toBe(10_000);
    expect([...seen.values()].every((count) => count === 1)).toBe(true);
    console.log(
      `exactly-once: 10000 due escalations, 8 concurrent ticks, ${outbox.length} outbox rows, ${files.length} mailbox files, ${seen.size} distinct handoffs mailed once each`,
    );
  }, 240_000);
});
