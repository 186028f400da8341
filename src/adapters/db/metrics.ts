import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { DB, HandoffRow } from '../../../db/schema.ts';
import {
  type Breakdown,
  type KeyedCounts,
  type MetricCounts,
  type MetricGroup,
  type MetricsFilter,
  NO_KEYED_COUNTS,
  type PlaybookWindows,
} from '../../core/metrics.ts';

// The definitions are in core/metrics.ts; the per-handoff facts they need are kept in
// handoff_metric_facts by triggers (migration 2026-12-17T09-00-metric-facts), so these queries read
// one narrow table in creation order and count every breakdown at once through GROUPING SETS
// (PostgreSQL and PGlite alike).

/** The one filter over a period's facts every query uses. */
function periodFilter(filter: MetricsFilter): RawBuilder<unknown> {
  const conditions = [sql`f.created_at >= ${filter.from}`, sql`f.created_at < ${filter.to}`];
  if (filter.playbook) conditions.push(sql`f.playbook_id = ${filter.playbook}`);
  if (filter.giver) conditions.push(sql`f.giver_email = ${filter.giver}`);
  if (filter.receiver) conditions.push(sql`f.receiver_email = ${filter.receiver}`);
  if (filter.members) {
    const members = sql`${filter.members as string[]}::text[]`;
    conditions.push(sql`(f.giver_email = any(${members}) or f.receiver_email = any(${members}))`);
  }
  return sql.join(conditions, sql` and `);
}

const GROUPS = sql`grouping sets ((), (f.week), (f.playbook_id), (f.giver_email), (f.receiver_email))`;
const GROUPING_BITS = sql`grouping(f.week, f.playbook_id, f.giver_email, f.receiver_email)`;
const GROUP_COLUMNS = sql`${GROUPING_BITS} as bits, f.week, f.playbook_id, f.giver_email, f.receiver_email`;

/** Which breakdown a grouping-sets row belongs to, from its grouping() bits (1 = column not grouped). */
function breakdownOf(bits: number): Breakdown | 'total' {
  switch (bits) {
    case 0b0111:
      return 'week';
    case 0b1011:
      return 'playbook';
    case 0b1101:
      return 'giver';
    case 0b1110:
      return 'receiver';
    default:
      return 'total';
  }
}

interface GroupKeys {
  bits: number;
  week: string | null;
  playbook_id: string | null;
  giver_email: string | null;
  receiver_email: string | null;
}

function groupKey(row: GroupKeys): { by: Breakdown | 'total'; key: string } {
  const by = breakdownOf(Number(row.bits));
  const key =
    by === 'week'
      ? row.week
      : by === 'playbook'
        ? row.playbook_id
        : by === 'giver'
          ? row.giver_email
          : by === 'receiver'
            ? row.receiver_email
            : '';
  return { by, key: key ?? '' };
}

const idOf = ({ by, key }: { by: Breakdown | 'total'; key: string }) => `${by}\u0000${key}`;

interface CountRow extends GroupKeys {
  handoffs: number;
  opened: number;
  light: number;
  leaked: number;
  windows_decided: number;
  acknowledged: number;
  with_trigger: number;
  on_time: number;
  with_due: number;
  due_within_reach_out: number;
  follow_through_known: number;
  followed_through: number;
  replied: number;
  vague: number;
  declined: number;
  questions: number;
}

/** The playbooks' windows in milliseconds, as a CASE over the fact's playbook (default: 24 h and 48 h). */
function windowOf(
  windows: readonly PlaybookWindows[],
  pick: (w: PlaybookWindows) => number,
  fallback: number,
): RawBuilder<number> {
  if (windows.length === 0) return sql<number>`${fallback}::float8`;
  const arms = windows.map((w) => sql`when ${w.playbookId}::text then ${pick(w)}::float8`);
  return sql<number>`(case f.playbook_id ${sql.join(arms, sql` `)} else ${fallback}::float8 end)`;
}

async function countGroups(
  db: Kysely<DB>,
  filter: MetricsFilter,
  windows: readonly PlaybookWindows[],
): Promise<CountRow[]> {
  const handoffWithin = windowOf(windows, (w) => w.handoffWithinMs, 86_400_000);
  const reachOutWithin = windowOf(windows, (w) => w.reachOutWithinMs, 172_800_000);
  const result = await sql<CountRow>`
    select ${GROUP_COLUMNS},
      count(*) as handoffs,
      count(*) filter (where f.opened) as opened,
      count(*) filter (where f.light) as light,
      count(*) filter (where f.leaked) as leaked,
      count(*) filter (where not f.light and (f.leaked or f.acknowledged_at is not null or f.declined))
        as windows_decided,
      count(f.acknowledged_at) as acknowledged,
      count(f.open_after_trigger_ms) as with_trigger,
      count(*) filter (where f.open_after_trigger_ms <= ${handoffWithin}) as on_time,
      count(f.due_after_start_ms) as with_due,
      count(*) filter (where f.due_after_start_ms <= ${reachOutWithin}) as due_within_reach_out,
      count(*) filter (where f.acknowledged_at is not null and (f.state = 'done' or f.follow_through_lapsed))
        as follow_through_known,
      count(*) filter (where f.acknowledged_at is not null and f.state = 'done' and not f.follow_through_lapsed)
        as followed_through,
      count(*) filter (where f.replied) as replied,
      count(*) filter (where f.vague) as vague,
      count(*) filter (where f.declined) as declined,
      count(*) filter (where f.questioned) as questions
    from handoff_metric_facts f
    where ${periodFilter(filter)}
    group by ${GROUPS}`.execute(db);
  return result.rows;
}

interface PercentileRow extends GroupKeys {
  wall: number[] | null;
  business: number[] | null;
}

/** Median and p90 (interpolated) of the time to acknowledge per group, of the acknowledged handoffs only. */
async function ackPercentiles(db: Kysely<DB>, filter: MetricsFilter): Promise<PercentileRow[]> {
  const result = await sql<PercentileRow>`
    select ${GROUP_COLUMNS},
      percentile_cont(array[0.5, 0.9]) within group (order by f.ack_wall_s) as wall,
      percentile_cont(array[0.5, 0.9]) within group (order by f.ack_business_s) as business
    from handoff_metric_facts f
    where ${periodFilter(filter)} and f.acknowledged_at is not null
    group by ${GROUPS}`.execute(db);
  return result.rows;
}

interface KeyedRow extends GroupKeys {
  what: 'missing' | 'question' | 'decline';
  key: string;
  n: number;
}

async function countKeyed(db: Kysely<DB>, filter: MetricsFilter): Promise<KeyedRow[]> {
  // Each key is in a handoff's array once, so a row per key is a handoff per key.
  const result = await sql<KeyedRow>`
    select ${GROUP_COLUMNS}, k.what, k.key, count(*) as n
    from handoff_metric_facts f
    cross join lateral (
      select 'missing' as what, m.key from unnest(f.missing_fields) as m(key)
      union all
      select 'question', q.key from unnest(f.asked_fields) as q(key)
      union all
      select 'decline', d.key from unnest(f.decline_reasons) as d(key)
    ) as k
    where ${periodFilter(filter)}
      and (f.missing_fields <> '{}' or f.asked_fields <> '{}' or f.decline_reasons <> '{}')
    group by grouping sets ((k.what, k.key), (f.week, k.what, k.key), (f.playbook_id, k.what, k.key),
      (f.giver_email, k.what, k.key), (f.receiver_email, k.what, k.key))`.execute(db);
  return result.rows;
}

const COUNT_KEYS = {
  handoffs: 'handoffs',
  opened: 'opened',
  light: 'light',
  leaked: 'leaked',
  windowsDecided: 'windows_decided',
  acknowledged: 'acknowledged',
  withTrigger: 'with_trigger',
  onTime: 'on_time',
  withDue: 'with_due',
  dueWithinReachOut: 'due_within_reach_out',
  followThroughKnown: 'follow_through_known',
  followedThrough: 'followed_through',
  replied: 'replied',
  vague: 'vague',
  declined: 'declined',
  questions: 'questions',
} as const;

const number = (v: number | null | undefined) => (v === null || v === undefined ? null : Number(v));

function toCounts(row: CountRow, percentiles: PercentileRow | undefined): MetricCounts {
  const counts = Object.fromEntries(
    Object.entries(COUNT_KEYS).map(([key, column]) => [key, Number(row[column])]),
  ) as Record<keyof typeof COUNT_KEYS, number>;
  return {
    ...counts,
    ackWallMedian: number(percentiles?.wall?.[0]),
    ackWallP90: number(percentiles?.wall?.[1]),
    ackBusinessMedian: number(percentiles?.business?.[0]),
    ackBusinessP90: number(percentiles?.business?.[1]),
  };
}

/** Every group's counts for a period: the whole period, and per week, playbook, giver and receiver. */
export async function countMetrics(
  db: Kysely<DB>,
  filter: MetricsFilter,
  windows: readonly PlaybookWindows[],
): Promise<MetricGroup[]> {
  const [counts, percentiles, keyed] = await Promise.all([
    countGroups(db, filter, windows),
    ackPercentiles(db, filter),
    countKeyed(db, filter),
  ]);
  const percentilesByGroup = new Map(percentiles.map((row) => [idOf(groupKey(row)), row]));
  const keyedByGroup = new Map<string, KeyedCounts>();
  for (const row of keyed) {
    const id = idOf(groupKey(row));
    const entry = keyedByGroup.get(id) ?? { missingFields: {}, questionsByField: {}, declineReasons: {} };
    const target =
      row.what === 'missing'
        ? entry.missingFields
        : row.what === 'question'
          ? entry.questionsByField
          : entry.declineReasons;
    target[row.key] = Number(row.n);
    keyedByGroup.set(id, entry);
  }
  return counts.map((row) => {
    const { by, key } = groupKey(row);
    const id = idOf({ by, key });
    return {
      by,
      key,
      counts: toCounts(row, percentilesByGroup.get(id)),
      keyed: keyedByGroup.get(id) ?? NO_KEYED_COUNTS,
    };
  });
}

/** The period's handoffs that leaked, by the leak rate's own definition (see countGroups), oldest first. */
export async function listLeaked(
  db: Kysely<DB>,
  filter: MetricsFilter,
  limit: number,
): Promise<HandoffRow[]> {
  const result = await sql<HandoffRow>`
    select h.* from handoff_metric_facts f join handoffs h on h.id = f.handoff_id
    where ${periodFilter(filter)} and f.leaked and not f.light
    order by f.created_at, h.number
    limit ${limit}`.execute(db);
  return result.rows;
}
