import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { DB, HandoffRow } from '../../../db/schema.ts';
import type {
  Breakdown,
  KeyedCounts,
  MetricCounts,
  MetricGroup,
  MetricsFilter,
  PlaybookWindows,
} from '../../core/metrics.ts';

// The definitions are in core/metrics.ts; these queries count them in one pass over the period's
// handoffs, every breakdown at once through GROUPING SETS (PostgreSQL and PGlite alike).

/** Intents of replies a person wrote: automatic replies and bounces are not replies. */
const HUMAN_INTENTS = ['commit', 'vague', 'decline', 'done', 'reassign', 'question'];

/** The one filter over handoffs both queries use. */
function periodFilter(filter: MetricsFilter): RawBuilder<unknown> {
  const conditions = [sql`h.created_at >= ${filter.from}`, sql`h.created_at < ${filter.to}`];
  if (filter.playbook) conditions.push(sql`h.playbook_id = ${filter.playbook}`);
  if (filter.giver) conditions.push(sql`h.giver_email = ${filter.giver}`);
  if (filter.receiver) conditions.push(sql`h.receiver_email = ${filter.receiver}`);
  if (filter.members) {
    const members = sql`${filter.members as string[]}::text[]`;
    conditions.push(sql`(h.giver_email = any(${members}) or h.receiver_email = any(${members}))`);
  }
  return sql.join(conditions, sql` and `);
}

const GROUPS = sql`grouping sets ((), (week), (playbook_id), (giver_email), (receiver_email))`;
const GROUPING_BITS = sql`grouping(week, playbook_id, giver_email, receiver_email)`;

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

interface CountRow extends GroupKeys {
  handoffs: number;
  opened: number;
  light: number;
  leaked: number;
  windows_decided: number;
  acknowledged: number;
  ack_wall_median: number | null;
  ack_wall_p90: number | null;
  ack_business_median: number | null;
  ack_business_p90: number | null;
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

function windowsTable(windows: readonly PlaybookWindows[]): RawBuilder<unknown> {
  // One row that matches nothing keeps VALUES valid when the config has no playbook.
  const rows = windows.length
    ? windows.map(
        (w) => sql`(${w.playbookId}::text, ${w.handoffWithinMs}::float8, ${w.reachOutWithinMs}::float8)`,
      )
    : [sql`(null::text, null::float8, null::float8)`];
  return sql`(values ${sql.join(rows)}) as pb(playbook_id, handoff_within_ms, reach_out_within_ms)`;
}

async function countGroups(
  db: Kysely<DB>,
  filter: MetricsFilter,
  windows: readonly PlaybookWindows[],
): Promise<CountRow[]> {
  const result = await sql<CountRow>`
    with base as (
      select h.id, h.playbook_id, h.giver_email, coalesce(h.receiver_email, '') as receiver_email,
        to_char(h.created_at at time zone 'UTC', 'IYYY-"W"IW') as week,
        h.state, h.light, h.created_at, h.opened_at, h.trigger_at, h.acknowledged_at, h.ack_business_ms, h.due_at
      from handoffs h where ${periodFilter(filter)}
    ),
    facts as (
      select base.*,
        coalesce(ev.lapsed, false) as lapsed,
        coalesce(ev.follow_through_lapsed, false) as follow_through_lapsed,
        coalesce(ev.declined, false) as was_declined,
        coalesce(ev.questioned, false) as questioned,
        coalesce(ev.vague, false) as was_vague,
        coalesce(ev.replied, false) as was_replied,
        case when base.acknowledged_at is not null and base.opened_at is not null
          then extract(epoch from base.acknowledged_at - base.opened_at)::float8 end as ack_wall_s,
        case when base.acknowledged_at is not null then base.ack_business_ms / 1000.0 end as ack_business_s,
        coalesce(pb.handoff_within_ms, 86400000) as handoff_within_ms,
        coalesce(pb.reach_out_within_ms, 172800000) as reach_out_within_ms
      from base
      -- Each handoff's own events through the partial index: a hash join would read every event of the
      -- table for a short period.
      left join lateral (
        select
          -- A window that lapses after the acknowledgment is a re-opened promise, not a leak.
          bool_or(e.kind = 'window-lapsed' and (base.acknowledged_at is null or e.at < base.acknowledged_at))
            as lapsed,
          bool_or(e.kind = 'follow-through-lapsed') as follow_through_lapsed,
          bool_or(e.kind = 'declined') as declined,
          bool_or(e.kind = 'question-relayed') as questioned,
          bool_or(e.data->>'intent' = 'vague') as vague,
          bool_or(e.data->>'intent' = any(${HUMAN_INTENTS}::text[])) as replied
        from handoff_events e
        where e.handoff_id = base.id
          and (e.kind in ('window-lapsed', 'follow-through-lapsed', 'fields-requested', 'question-relayed', 'declined')
               or e.data ? 'intent')
      ) ev on true
      left join ${windowsTable(windows)} on pb.playbook_id = base.playbook_id
    )
    select ${GROUPING_BITS} as bits, week, playbook_id, giver_email, receiver_email,
      count(*) as handoffs,
      count(*) filter (where opened_at is not null) as opened,
      count(*) filter (where light) as light,
      count(*) filter (where lapsed) as leaked,
      count(*) filter (where not light and (lapsed or acknowledged_at is not null or was_declined)) as windows_decided,
      count(*) filter (where acknowledged_at is not null) as acknowledged,
      percentile_cont(0.5) within group (order by ack_wall_s) as ack_wall_median,
      percentile_cont(0.9) within group (order by ack_wall_s) as ack_wall_p90,
      percentile_cont(0.5) within group (order by ack_business_s) as ack_business_median,
      percentile_cont(0.9) within group (order by ack_business_s) as ack_business_p90,
      count(*) filter (where opened_at is not null and trigger_at is not null) as with_trigger,
      count(*) filter (where opened_at is not null and trigger_at is not null
        and extract(epoch from opened_at - trigger_at) * 1000 <= handoff_within_ms) as on_time,
      count(*) filter (where acknowledged_at is not null and due_at is not null) as with_due,
      count(*) filter (where acknowledged_at is not null and due_at is not null
        and extract(epoch from due_at - coalesce(trigger_at, created_at)) * 1000 <= reach_out_within_ms)
        as due_within_reach_out,
      count(*) filter (where acknowledged_at is not null and (state = 'done' or follow_through_lapsed))
        as follow_through_known,
      count(*) filter (where acknowledged_at is not null and state = 'done' and not follow_through_lapsed)
        as followed_through,
      count(*) filter (where was_replied) as replied,
      count(*) filter (where was_vague) as vague,
      count(*) filter (where was_declined) as declined,
      count(*) filter (where questioned) as questions
    from facts
    group by ${GROUPS}`.execute(db);
  return result.rows;
}

interface KeyedRow extends GroupKeys {
  what: 'missing' | 'question' | 'decline';
  key: string;
  n: number;
}

async function countKeyed(db: Kysely<DB>, filter: MetricsFilter): Promise<KeyedRow[]> {
  const result = await sql<KeyedRow>`
    with base as (
      select h.id, h.playbook_id, h.giver_email, coalesce(h.receiver_email, '') as receiver_email,
        to_char(h.created_at at time zone 'UTC', 'IYYY-"W"IW') as week
      from handoffs h where ${periodFilter(filter)}
    ),
    -- One probe of the partial index per handoff for the three kinds, each event then spread into its keys.
    keyed as (
      select base.*, k.what, k.key
      from base
      join handoff_events e on e.handoff_id = base.id
        and e.kind in ('fields-requested', 'question-relayed', 'declined')
      cross join lateral (
        select 'missing' as what, f.key
        from jsonb_array_elements_text(case when e.kind = 'fields-requested' and jsonb_typeof(e.data->'missing') = 'array'
          then e.data->'missing' else '[]'::jsonb end) as f(key)
        union all
        select 'question', f.key
        from jsonb_array_elements_text(case when e.kind = 'question-relayed' and jsonb_typeof(e.data->'fields') = 'array'
          then e.data->'fields' else '[]'::jsonb end) as f(key)
        union all
        -- A reason as it is counted: one line, trimmed, lower-case; none given is its own reason.
        select 'decline',
          coalesce(nullif(left(lower(btrim(regexp_replace(coalesce(e.data->>'reason', ''), '\\s+', ' ', 'g'))), 200), ''),
            'no reason given')
        where e.kind = 'declined'
      ) as k
    )
    select ${GROUPING_BITS} as bits, week, playbook_id, giver_email, receiver_email, what, key,
      count(distinct keyed.id) as n
    from keyed
    group by grouping sets ((what, key), (week, what, key), (playbook_id, what, key), (giver_email, what, key),
      (receiver_email, what, key))`.execute(db);
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

const orNull = (v: number | null) => (v === null ? null : Number(v));

function toCounts(row: CountRow): MetricCounts {
  const counts = Object.fromEntries(
    Object.entries(COUNT_KEYS).map(([key, column]) => [key, Number(row[column])]),
  ) as Record<keyof typeof COUNT_KEYS, number>;
  return {
    ...counts,
    ackWallMedian: orNull(row.ack_wall_median),
    ackWallP90: orNull(row.ack_wall_p90),
    ackBusinessMedian: orNull(row.ack_business_median),
    ackBusinessP90: orNull(row.ack_business_p90),
  };
}

/** Every group's counts for a period: the whole period, and per week, playbook, giver and receiver. */
export async function countMetrics(
  db: Kysely<DB>,
  filter: MetricsFilter,
  windows: readonly PlaybookWindows[],
): Promise<MetricGroup[]> {
  const [counts, keyed] = await Promise.all([countGroups(db, filter, windows), countKeyed(db, filter)]);
  const keyedByGroup = new Map<string, KeyedCounts>();
  for (const row of keyed) {
    const { by, key } = groupKey(row);
    const id = `${by}\u0000${key}`;
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
    return {
      by,
      key,
      counts: toCounts(row),
      keyed: keyedByGroup.get(`${by}\u0000${key}`) ?? {
        missingFields: {},
        questionsByField: {},
        declineReasons: {},
      },
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
    select h.* from handoffs h
    where ${periodFilter(filter)} and not h.light
      and exists (select 1 from handoff_events e where e.handoff_id = h.id and e.kind = 'window-lapsed'
        and (h.acknowledged_at is null or e.at < h.acknowledged_at))
    order by h.created_at, h.number
    limit ${limit}`.execute(db);
  return result.rows;
}
