/**
 * Metrics at scale on real PostgreSQL: N handoffs over two years (events, deadlines and commitments
 * as the pipeline writes them; 4 playbooks, 40 givers, 200 receivers), seeded in SQL, then
 * `GET /api/metrics` (API token) with and without filters and the dashboard's first page (signed in
 * as a manager by the emailed link) through the real Hono app. Goals: metrics ≤ 200 ms, dashboard
 * ≤ 300 ms (median). Baseline: the same requests on 10,000 handoffs in the same run; floor: a bare
 * `select count(*) from handoffs` at N. Prints each metrics query's EXPLAIN (ANALYZE, BUFFERS) at N.
 *
 *   node --import tsx bench/metrics-scale.ts [--handoffs 100000] [--baseline 10000] [--runs 20] [--budget 90]
 *
 * A case still running after --budget seconds of measured runs stops there (5 runs at least); the
 * table says how many runs each median is of.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { type CompiledQuery, Kysely, Migrator, PostgresDialect } from 'kysely';
import { simpleParser } from 'mailparser';
import pg from 'pg';
import { migrations } from '../db/migrations/index.ts';
import type { DB } from '../db/schema.ts';
import { INT8_OID, migrateToLatest, NUMERIC_OID } from '../src/adapters/db/connect.ts';
import { createApp } from '../src/adapters/http/app.ts';
import { parseMime } from '../src/adapters/mail-in/parse-mime.ts';
import { createLocalMailbox, type LocalMailbox } from '../src/adapters/mail-out/local-mailbox.ts';
import { parseConfig } from '../src/config/schema.ts';
import { startPostgres } from '../test/support/postgres.ts';
import { benchDeps } from './support/deps.ts';

const { values } = parseArgs({
  options: {
    handoffs: { type: 'string', default: '100000' },
    baseline: { type: 'string', default: '10000' },
    runs: { type: 'string', default: '20' },
    budget: { type: 'string', default: '90' },
  },
});
const N = Number(values.handoffs);
const BASELINE = Number(values.baseline);
const RUNS = Number(values.runs);
/** Seconds one case may take after its warm-up; a case slower than that stops after 5 runs or more. */
const BUDGET_MS = Number(values.budget) * 1000;
const WARMUP = 3;
const TOKEN = 'bench-token';
const NOW = new Date('2026-12-01T12:00:00Z');
const START = new Date(NOW.getTime() - 730 * 86_400_000);
const GIVERS = 40;
const RECEIVERS = 200;
const MANAGERS = 5;
const MANAGER = 'manager1@example.com';
/** The migration before handoff_metric_facts: the bench seeds there, then migrates (the backfill). */
export const LAST_WITHOUT_FACTS = '2026-12-16T10-00-metrics-at-scale';
const PLAYBOOKS = ['mql-to-sal', 'fast-track', 'renewal', 'partner-referral'] as const;

const playbook = (id: string) => ({
  id,
  name: id.replace(/-/g, ' '),
  fields: [
    { key: 'lead', label: 'Lead', synonyms: ['prospect', 'contact'], required: true },
    { key: 'trigger', label: 'Trigger', synonyms: ['trigger event', 'source'] },
    { key: 'summary', label: 'Summary', synonyms: ['context', 'notes'], required: true },
    { key: 'timeline', label: 'Timeline' },
    { key: 'channel', label: 'Channel', synonyms: ['preferred channel'] },
  ],
  ackWithin: id === 'fast-track' ? '1h business' : '4h business',
  escalate: [{ after: '0', to: ['manager', 'giver'] }],
  remindBefore: '1h',
  followThroughGrace: '4h',
  handoffWithin: id === 'fast-track' ? '4h' : '24h',
  reachOutWithin: '48h',
});

/** 40 givers and 200 receivers in three time zones; five managers, each over 8 givers and 40 receivers. */
export function benchConfig() {
  const zones = ['America/New_York', 'Europe/Berlin', 'Asia/Tokyo'];
  const member = (email: string, i: number, manager?: string) => ({
    email,
    name: email.split('@')[0],
    timeZone: zones[i % zones.length],
    workingHours: 'Mon-Fri 09:00-17:00',
    ...(manager ? { manager } : {}),
  });
  const managers = Array.from({ length: MANAGERS }, (_, i) => member(`manager${i + 1}@example.com`, i));
  const givers = Array.from({ length: GIVERS }, (_, i) =>
    member(`giver${i}@example.com`, i, `manager${1 + (i % MANAGERS)}@example.com`),
  );
  const receivers = Array.from({ length: RECEIVERS }, (_, i) =>
    member(`receiver${i}@example.com`, i, `manager${1 + (i % MANAGERS)}@example.com`),
  );
  return {
    mailDomain: 'handoffs.example.com',
    senderAuthentication: 'off',
    defaultPlaybook: 'mql-to-sal',
    members: [...managers, ...givers, ...receivers],
    playbooks: PLAYBOOKS.map(playbook),
  };
}

/** pg returns int8/numeric as strings; the app's own connection parses them as numbers, and so does this. */
export const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8_OID || oid === NUMERIC_OID) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format);
  },
};

/**
 * N handoffs spread evenly over the two years before NOW, with random (seeded) outcomes: older
 * handoffs are mostly closed, the last two weeks' mostly open or acknowledged. Then their timeline
 * events and deadlines, derived from each handoff's columns and a hash of its number.
 */
export async function seed(client: pg.Client, n: number): Promise<void> {
  await client.query('select setseed(0.42)');
  await client.query(
    `insert into handoffs (playbook_id, state, giver_email, receiver_email, fields, missing_fields, light,
       trigger_at, created_at, updated_at, opened_at, ack_deadline, ack_deadline_explanation, acknowledged_at,
       ack_business_ms, action, due_at, due_explanation, closed_at, escalation_level)
     select playbook_id, state, giver_email, receiver_email,
       jsonb_build_object('lead', 'Lead ' || n || ' <lead' || n || '@prospect.example>',
         'summary', 'Seeded handoff ' || n || ': wants a call about pricing.'),
       '[]'::jsonb, light, trigger_at, created_at, coalesce(closed_at, ack_at, opened_at, created_at), opened_at,
       opened_at + interval '4 hours', case when opened_at is not null then '4 working hours' end, ack_at,
       case when ack_at is not null then (extract(epoch from ack_at - opened_at) * 1000 * 0.45)::bigint end,
       case when ack_at is not null then 'call them about pricing' end,
       case when ack_at is not null then ack_at + (2 + r5 * 70) * interval '1 hour' end,
       case when ack_at is not null then 'as promised in the reply' end,
       closed_at, case when state = 'open' and r4 < 0.3 then 1 else 0 end
     from (
       select s.*,
         case when state = 'draft' then null else created_at + r3 * interval '30 minutes' end as opened_at,
         case when state in ('done', 'acknowledged') or (state = 'cancelled' and r3 < 0.3)
           then created_at + (0.1 + r5 * r5 * 30) * interval '1 hour' end as ack_at,
         case when state in ('done', 'declined', 'cancelled')
           then created_at + (1 + r1 * 96) * interval '1 hour' end as closed_at
       from (
         select n, created_at, r1, r3, r4, r5,
           case when rp < 0.5 then 'mql-to-sal' when rp < 0.75 then 'fast-track'
             when rp < 0.9 then 'renewal' else 'partner-referral' end as playbook_id,
           'giver' || floor(rg * ${GIVERS})::int || '@example.com' as giver_email,
           case when r2 > 0.995 then null else 'receiver' || floor(rr * ${RECEIVERS})::int || '@example.com' end
             as receiver_email,
           r1 < 0.05 as light,
           case when r4 < 0.7 then created_at - r4 * interval '40 hours' end as trigger_at,
           case when created_at < $2::timestamptz - interval '14 days' then
               case when r2 < 0.78 then 'done' when r2 < 0.88 then 'declined' when r2 < 0.93 then 'cancelled'
                 when r2 < 0.95 then 'acknowledged' when r2 < 0.97 then 'open' when r2 < 0.985 then 'undeliverable'
                 else 'draft' end
             else
               case when r2 < 0.4 then 'done' when r2 < 0.65 then 'acknowledged' when r2 < 0.9 then 'open'
                 when r2 < 0.95 then 'declined' else 'draft' end
           end as state
         from (
           select n, $1::timestamptz + (n - 1 + random()) * ($2::timestamptz - $1::timestamptz) / ${n} as created_at,
             random() as r1, random() as r2, random() as r3, random() as r4, random() as r5,
             random() as rp, random() as rg, random() as rr
           from generate_series(1, ${n}) as n
         ) r
       ) s
     ) t
     order by created_at`,
    [START, NOW],
  );
  // A per-handoff draw in [0, 1000) for each kind of event, stable across runs.
  const draw = (k: number) => `(abs(hashint8extended(h.number, ${k})) % 1000)`;
  await client.query(
    `insert into handoff_events (handoff_id, at, actor, kind, data)
     select h.id, e.at, e.actor, e.kind, e.data
     from handoffs h cross join lateral (values
       (true, h.created_at, h.giver_email, 'created', '{}'::jsonb),
       (h.opened_at is not null, h.opened_at, 'baton', 'opened',
         jsonb_build_object('receiver', h.receiver_email, 'explanation', '4 working hours')),
       (${draw(1)} < 100, h.created_at, 'baton', 'fields-requested',
         jsonb_build_object('missing', case when ${draw(2)} < 500 then '["timeline"]'::jsonb
           when ${draw(2)} < 800 then '["channel", "timeline"]'::jsonb else '["trigger"]'::jsonb end)),
       (not h.light and h.opened_at is not null and ${draw(3)} < 150, h.opened_at + interval '4 hours', 'baton',
         'window-lapsed', jsonb_build_object('deadline', h.opened_at + interval '4 hours')),
       (not h.light and h.opened_at is not null and ${draw(3)} < 150, h.opened_at + interval '4 hours', 'baton',
         'escalated', jsonb_build_object('recipient', 'manager1@example.com', 'level', 1)),
       (h.opened_at is not null and ${draw(4)} < 120, h.opened_at + interval '1 hour', h.receiver_email,
         'vague-reply', '{"intent": "vague", "rule": "no-specific-step", "text": "will look at it"}'::jsonb),
       (h.opened_at is not null and ${draw(5)} < 60, h.opened_at + interval '30 minutes', h.receiver_email,
         'question-relayed', jsonb_build_object('intent', 'question', 'question', 'Which channel do they prefer?',
           'fields', case when ${draw(6)} < 700 then '["channel"]'::jsonb else '["timeline", "lead"]'::jsonb end)),
       (h.opened_at is not null and ${draw(7)} < 40, h.opened_at + interval '5 minutes', h.receiver_email,
         'auto-reply', '{"intent": "auto-reply", "returnDate": "Monday"}'::jsonb),
       (h.acknowledged_at is not null, h.acknowledged_at, h.receiver_email, 'acknowledged',
         jsonb_build_object('intent', 'commit', 'rule', 'commitment', 'action', h.action)),
       (h.state = 'declined', h.closed_at, h.receiver_email, 'declined', jsonb_build_object('intent', 'decline',
         'reason', (array['Not my territory', 'not my territory', 'Already a customer', 'No budget', ''])[1 + ${draw(8)} % 5])),
       (h.state = 'done', h.closed_at, h.receiver_email, 'done', '{"intent": "done", "rule": "done"}'::jsonb),
       (h.acknowledged_at is not null and ${draw(9)} < 300, h.due_at, 'baton', 'follow-through-asked',
         jsonb_build_object('recipient', h.receiver_email)),
       (h.acknowledged_at is not null and h.state <> 'done' and ${draw(9)} < 30, h.due_at + interval '4 hours',
         'baton', 'follow-through-lapsed', '{}'::jsonb),
       (h.state = 'cancelled', h.closed_at, h.giver_email, 'cancelled', '{}'::jsonb)
     ) as e(keep, at, actor, kind, data)
     where e.keep
     order by h.created_at, e.at`,
  );
  await client.query(
    `insert into deadlines (handoff_id, kind, level, recipient, due_at, explanation, status, created_at, settled_at)
     select h.id, d.kind, d.level, d.recipient, d.due_at, 'seeded', d.status, h.created_at, d.settled_at
     from handoffs h cross join lateral (values
       (h.opened_at is not null, 'ack', 0, null, h.ack_deadline,
         case when h.state = 'open' and h.ack_deadline > $1 then 'pending'
           when h.acknowledged_at is not null then 'met' when h.state = 'open' then 'fired' else 'cancelled' end,
         coalesce(h.acknowledged_at, h.closed_at)),
       (h.opened_at is not null and not h.light, 'escalation', 1, 'manager1@example.com', h.ack_deadline,
         case when h.state = 'open' and h.ack_deadline > $1 then 'pending' else 'cancelled' end, h.closed_at),
       (h.due_at is not null, 'follow-through', 0, h.receiver_email, h.due_at,
         case when h.state = 'acknowledged' and h.due_at > $1 then 'pending' else 'met' end, h.closed_at)
     ) as d(keep, kind, level, recipient, due_at, status, settled_at)
     where d.keep`,
    [NOW],
  );
  await client.query('vacuum analyze');
}

interface Measured {
  median: number;
  p95: number;
  runs: number;
}

async function measure(run: () => Promise<void>): Promise<Measured> {
  for (let i = 0; i < WARMUP; i += 1) await run();
  const samples: number[] = [];
  const began = performance.now();
  for (let i = 0; i < RUNS; i += 1) {
    if (i >= 5 && performance.now() - began > BUDGET_MS) break;
    const start = performance.now();
    await run();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.ceil(q * samples.length) - 1)]!;
  return { median: at(0.5), p95: at(0.95), runs: samples.length };
}

/** The cases measured: the API with and without filters, and the dashboard's first page. */
const CASES = [
  { label: 'GET /api/metrics (default: last 12 weeks)', path: '/api/metrics', goal: 200 },
  {
    label: 'GET /api/metrics from/to: the whole 2 years',
    path: '/api/metrics?from=2024-12-01&to=2026-12-01',
    goal: 200,
  },
  {
    label: 'GET /api/metrics from/to: one quarter',
    path: '/api/metrics?from=2026-09-01&to=2026-12-01',
    goal: 200,
  },
  {
    label: 'GET /api/metrics quarter + playbook',
    path: '/api/metrics?from=2026-09-01&to=2026-12-01&playbook=fast-track',
    goal: 200,
  },
  {
    label: 'GET /api/metrics quarter + receiver',
    path: '/api/metrics?from=2026-09-01&to=2026-12-01&receiver=receiver7@example.com',
    goal: 200,
  },
  { label: 'GET /dashboard as a manager (default: 12 weeks)', path: '/dashboard', goal: 300 },
] as const;

interface SizeResult {
  handoffs: number;
  events: number;
  deadlines: number;
  seedMs: number;
  factsMs: number;
  times: Measured[];
  countMs: Measured;
  plans: string[];
}

async function signIn(app: ReturnType<typeof createApp>, mailbox: LocalMailbox): Promise<string> {
  const form = (fields: Record<string, string>) => ({
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
  await app.request('http://localhost/dashboard/sign-in', form({ address: MANAGER, next: '/dashboard' }));
  const entries = (await mailbox.list()).filter((e) => e.to.includes(MANAGER));
  const mails = await Promise.all(entries.map(async (e) => simpleParser((await mailbox.read(e.id))!.raw)));
  const link = mails.flatMap((m) => /https?:\/\/\S+\/dashboard\/sign-in\/[\w-]+/.exec(m.text ?? '') ?? [])[0];
  if (!link) throw new Error(`no sign-in link for ${MANAGER}`);
  const response = await app.request(link, form({ next: '/dashboard' }));
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  if (!cookie.startsWith('baton_session=')) throw new Error(`sign-in failed: ${response.status}`);
  return cookie;
}

async function runSize(serverUrl: string, n: number, explain: boolean): Promise<SizeResult> {
  const name = `bench_metrics_${n}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = serverUrl.replace(/\/[^/]*$/, `/${name}`);

  const pool = new pg.Pool({ connectionString: url, max: 10, types });
  // Every statement the app sends while `capture` is set, to EXPLAIN them afterwards.
  let capture: CompiledQuery[] | null = null;
  const db = new Kysely<DB>({
    dialect: new PostgresDialect({ pool }),
    log: (event) => {
      if (capture && event.level === 'query') capture.push(event.query);
    },
  });
  // Seeded as the database of a team that upgrades: timelines first, then the facts migration fills
  // handoff_metric_facts in creation order, the layout the live triggers keep (its fillfactor leaves
  // room for a handoff's updates on its own page). Seeding through the triggers instead writes every
  // handoff's updates inside one transaction, which no live system does (bench/README.md).
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  await migrator.migrateTo(LAST_WITHOUT_FACTS);
  const client = new pg.Client({ connectionString: url, types });
  await client.connect();
  const seedStart = performance.now();
  await seed(client, n);
  const seedMs = performance.now() - seedStart;
  const factsStart = performance.now();
  await migrateToLatest(db);
  await client.query('vacuum analyze handoff_metric_facts');
  const factsMs = performance.now() - factsStart;
  const counts = await client.query<{ events: number; deadlines: number }>(
    'select (select count(*) from handoff_events) as events, (select count(*) from deadlines) as deadlines',
  );

  const parsed = parseConfig(benchConfig());
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  const dir = mkdtempSync(join(tmpdir(), 'baton-bench-mailbox-'));
  const mailbox = createLocalMailbox(dir);
  const deps = benchDeps(db, parsed.config, mailbox, () => NOW);

  const app = createApp({ deps: () => deps, apiTokens: () => [TOKEN], parse: parseMime, mailbox });
  const cookie = await signIn(app, mailbox);

  const request = async (path: string) => {
    const headers: Record<string, string> = path.startsWith('/dashboard')
      ? { cookie }
      : { authorization: `Bearer ${TOKEN}` };
    const response = await app.request(path, { headers });
    if (response.status !== 200) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    await response.text();
  };

  const times: Measured[] = [];
  for (const c of CASES) times.push(await measure(() => request(c.path)));
  const countMs = await measure(async () => {
    await client.query('select count(*) from handoffs');
  });

  const plans: string[] = [];
  if (explain) {
    for (const c of CASES) {
      capture = [];
      await request(c.path);
      const queries: CompiledQuery[] = capture;
      capture = null;
      for (const q of queries) {
        if (/^\s*(update|insert|delete)/i.test(q.sql)) continue;
        const result = await client.query<{ 'QUERY PLAN': string }>(
          `explain (analyze, buffers) ${q.sql}`,
          q.parameters as unknown[],
        );
        const plan = result.rows.map((r) => r['QUERY PLAN']);
        const indexes = [
          ...new Set(plan.join('\n').match(/(?:Index|Bitmap Index) (?:Only )?Scan (?:using|on) \w+/g)),
        ];
        const head = q.sql.replace(/\s+/g, ' ').trim().slice(0, 100);
        plans.push(
          `### ${c.label}\n${head}…\nindexes: ${indexes.join(', ') || 'none (sequential scans)'}\n${plan.join('\n')}`,
        );
      }
    }
  }

  await client.end();
  await db.destroy();
  rmSync(dir, { recursive: true, force: true });
  return {
    handoffs: n,
    events: counts.rows[0]!.events,
    deadlines: counts.rows[0]!.deadlines,
    seedMs,
    factsMs,
    times,
    countMs,
    plans,
  };
}

/** The whole run: baseline size, then N with the plans; the module can be imported for its seed. */
async function main(): Promise<void> {
  const loadStart = loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
  const pgServer = await startPostgres();
  let base: SizeResult;
  let big: SizeResult;
  try {
    base = await runSize(pgServer.url, BASELINE, false);
    big = await runSize(pgServer.url, N, true);
  } finally {
    pgServer.stop();
  }

  const fmt = (ms: number) => `${ms.toFixed(ms < 10 ? 1 : 0)} ms`;
  console.log(
    `metrics at scale: real PostgreSQL, ${RUNS} runs after ${WARMUP} warm-up runs, through app.request(); load average ${loadStart} at the start, ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} at the end (${cpus().length} cores)`,
  );
  for (const r of [base, big])
    console.log(
      `  ${r.handoffs.toLocaleString('en')} handoffs, ${r.events.toLocaleString('en')} events, ${r.deadlines.toLocaleString('en')} deadlines: seeded in ${(r.seedMs / 1000).toFixed(1)} s, their metric facts backfilled in ${(r.factsMs / 1000).toFixed(1)} s`,
    );
  console.log(
    `\n| request | goal | ${base.handoffs.toLocaleString('en')}: median / p95 | ${big.handoffs.toLocaleString('en')}: median / p95 | ratio (median) | runs | within goal |`,
  );
  console.log('|---|---|---|---|---|---|---|');
  CASES.forEach((c, i) => {
    const a = base.times[i]!;
    const b = big.times[i]!;
    const runs = a.runs === b.runs ? `${a.runs}` : `${a.runs} / ${b.runs}`;
    console.log(
      `| ${c.label} | ${c.goal} ms | ${fmt(a.median)} / ${fmt(a.p95)} | ${fmt(b.median)} / ${fmt(b.p95)} | ${(b.median / a.median).toFixed(1)} | ${runs} | ${b.median <= c.goal ? 'yes' : 'NO'} |`,
    );
  });
  console.log(
    `| floor: select count(*) from handoffs | – | ${fmt(base.countMs.median)} / ${fmt(base.countMs.p95)} | ${fmt(big.countMs.median)} / ${fmt(big.countMs.p95)} | ${(big.countMs.median / base.countMs.median).toFixed(1)} | ${big.countMs.runs} | – |`,
  );
  if (big.plans.length > 0)
    console.log(`\nplans at ${big.handoffs.toLocaleString('en')} handoffs:\n\n${big.plans.join('\n\n')}`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
