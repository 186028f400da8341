import { type Kysely, sql } from 'kysely';

// Frozen in time: this file must not import application code.
// One narrow row per handoff with what the metrics count (core/metrics.ts has the definitions), kept
// by triggers as handoffs change and timeline events arrive, so a report reads one table in creation
// order and never the events (bench/README.md, metrics-scale: 6.2 s → see there at 1,000,000).
// Triggers, not the repository, because every writer must keep it: the app, the CLI, a replay, a
// hand-run fix or a bulk load.

const HUMAN_INTENTS = sql`array['commit', 'vague', 'decline', 'done', 'reassign', 'question']`;

/** The kinds of events whose arrival changes a handoff's facts (the trigger's WHEN and the backfill). */
const FACT_EVENTS = sql`('window-lapsed', 'follow-through-lapsed', 'fields-requested', 'question-relayed', 'declined')`;

/** A decline reason as it is counted: one line, trimmed, lower-case; none given is its own reason. */
const reason = (data: string) =>
  sql.raw(`coalesce(nullif(left(lower(btrim(regexp_replace(coalesce(${data}->>'reason', ''), '\\s+', ' ', 'g'))), 200), ''),
    'no reason given')`);

/** The keys of a JSON array of strings at `path`; none when it is not an array. */
const keysOf = (data: string, path: string) =>
  sql.raw(`jsonb_array_elements_text(case when jsonb_typeof(${data}->'${path}') = 'array'
    then ${data}->'${path}' else '[]'::jsonb end)`);

/** The columns copied from the handoff row, as expressions over `r` (NEW in the trigger, the row in the backfill). */
const fromHandoff = (r: string) =>
  sql.raw(`${r}.id, ${r}.created_at, to_char(${r}.created_at at time zone 'UTC', 'IYYY-"W"IW'), ${r}.playbook_id,
    ${r}.giver_email, coalesce(${r}.receiver_email, ''), ${r}.state, ${r}.light, ${r}.opened_at is not null,
    ${r}.acknowledged_at,
    case when ${r}.acknowledged_at is not null and ${r}.opened_at is not null
      then extract(epoch from ${r}.acknowledged_at - ${r}.opened_at)::float8 end,
    case when ${r}.acknowledged_at is not null then ${r}.ack_business_ms / 1000.0 end,
    case when ${r}.opened_at is not null and ${r}.trigger_at is not null
      then extract(epoch from ${r}.opened_at - ${r}.trigger_at)::float8 * 1000 end,
    case when ${r}.acknowledged_at is not null and ${r}.due_at is not null
      then extract(epoch from ${r}.due_at - coalesce(${r}.trigger_at, ${r}.created_at))::float8 * 1000 end`);

const HANDOFF_COLUMNS =
  sql.raw(`handoff_id, created_at, week, playbook_id, giver_email, receiver_email, state, light,
  opened, acknowledged_at, ack_wall_s, ack_business_s, open_after_trigger_ms, due_after_start_ms`);

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table handoff_metric_facts (
    handoff_id uuid primary key references handoffs (id) on delete cascade,
    created_at timestamptz not null,
    -- The ISO week (UTC) of the creation: the week a handoff counts in.
    week text not null,
    playbook_id text not null,
    giver_email text not null,
    receiver_email text not null,
    state text not null,
    light boolean not null,
    opened boolean not null,
    acknowledged_at timestamptz,
    -- Time to acknowledge in seconds, wall-clock (from opened) and in the receiver's working time.
    ack_wall_s float8,
    ack_business_s float8,
    -- From the trigger to the handoff reaching its receiver; from the trigger (else creation) to the promised due time.
    open_after_trigger_ms float8,
    due_after_start_ms float8,
    first_lapsed_at timestamptz,
    -- A window that lapsed before any acknowledgment (a lapse after it is a re-opened promise).
    leaked boolean generated always as
      (first_lapsed_at is not null and (acknowledged_at is null or first_lapsed_at < acknowledged_at)) stored,
    follow_through_lapsed boolean not null default false,
    declined boolean not null default false,
    questioned boolean not null default false,
    vague boolean not null default false,
    replied boolean not null default false,
    -- Each key once per handoff, sorted.
    missing_fields text[] not null default '{}',
    asked_fields text[] not null default '{}',
    decline_reasons text[] not null default '{}'
    -- Half of each page is left free: the few updates of a handoff's facts (its reply, its end) then stay
    -- on its page (HOT), so the table keeps creation order and a period is read from adjacent pages.
  ) with (fillfactor = 50)`.execute(db);

  await sql`create function handoff_metric_facts_from_handoff() returns trigger language plpgsql as $$
  begin
    insert into handoff_metric_facts (${HANDOFF_COLUMNS}) values (${fromHandoff('new')})
    on conflict (handoff_id) do update set created_at = excluded.created_at, week = excluded.week,
      playbook_id = excluded.playbook_id, giver_email = excluded.giver_email,
      receiver_email = excluded.receiver_email, state = excluded.state, light = excluded.light,
      opened = excluded.opened, acknowledged_at = excluded.acknowledged_at, ack_wall_s = excluded.ack_wall_s,
      ack_business_s = excluded.ack_business_s, open_after_trigger_ms = excluded.open_after_trigger_ms,
      due_after_start_ms = excluded.due_after_start_ms;
    return null;
  end $$`.execute(db);
  await sql`create trigger handoff_metric_facts_handoff
    after insert or update of created_at, playbook_id, giver_email, receiver_email, state, light, opened_at,
      trigger_at, acknowledged_at, ack_business_ms, due_at
    on handoffs for each row execute function handoff_metric_facts_from_handoff()`.execute(db);

  await sql`create function handoff_metric_facts_from_event() returns trigger language plpgsql as $$
  declare
    intent text := new.data->>'intent';
  begin
    update handoff_metric_facts f set
      first_lapsed_at = case when new.kind = 'window-lapsed' then least(f.first_lapsed_at, new.at)
        else f.first_lapsed_at end,
      follow_through_lapsed = f.follow_through_lapsed or new.kind = 'follow-through-lapsed',
      declined = f.declined or new.kind = 'declined',
      questioned = f.questioned or new.kind = 'question-relayed',
      vague = f.vague or coalesce(intent = 'vague', false),
      replied = f.replied or coalesce(intent = any(${HUMAN_INTENTS}), false),
      missing_fields = case when new.kind = 'fields-requested' then array(
          select distinct k from unnest(f.missing_fields || array(select ${keysOf('new.data', 'missing')})) as k
          order by k)
        else f.missing_fields end,
      asked_fields = case when new.kind = 'question-relayed' then array(
          select distinct k from unnest(f.asked_fields || array(select ${keysOf('new.data', 'fields')})) as k
          order by k)
        else f.asked_fields end,
      decline_reasons = case when new.kind = 'declined' then array(
          select distinct k from unnest(f.decline_reasons || ${reason('new.data')}) as k order by k)
        else f.decline_reasons end
    where f.handoff_id = new.handoff_id;
    return null;
  end $$`.execute(db);
  await sql`create trigger handoff_metric_facts_event after insert on handoff_events for each row
    when (new.kind in ${FACT_EVENTS} or new.data ? 'intent')
    execute function handoff_metric_facts_from_event()`.execute(db);

  // The handoffs already there, in creation order (a report reads a period's rows together).
  await sql`insert into handoff_metric_facts (${HANDOFF_COLUMNS}, first_lapsed_at, follow_through_lapsed,
      declined, questioned, vague, replied, missing_fields, asked_fields, decline_reasons)
    select ${fromHandoff('h')}, ev.first_lapsed_at, coalesce(ev.follow_through_lapsed, false),
      coalesce(ev.declined, false), coalesce(ev.questioned, false), coalesce(ev.vague, false),
      coalesce(ev.replied, false), coalesce(k.missing, '{}'), coalesce(k.asked, '{}'), coalesce(k.reasons, '{}')
    from handoffs h
    left join (
      select e.handoff_id,
        min(e.at) filter (where e.kind = 'window-lapsed') as first_lapsed_at,
        bool_or(e.kind = 'follow-through-lapsed') as follow_through_lapsed,
        bool_or(e.kind = 'declined') as declined,
        bool_or(e.kind = 'question-relayed') as questioned,
        bool_or(e.data->>'intent' = 'vague') as vague,
        bool_or(e.data->>'intent' = any(${HUMAN_INTENTS})) as replied
      from handoff_events e
      where e.kind in ${FACT_EVENTS} or e.data ? 'intent'
      group by e.handoff_id
    ) ev on ev.handoff_id = h.id
    left join (
      select e.handoff_id,
        array_agg(distinct k.key order by k.key) filter (where k.what = 'missing') as missing,
        array_agg(distinct k.key order by k.key) filter (where k.what = 'question') as asked,
        array_agg(distinct k.key order by k.key) filter (where k.what = 'decline') as reasons
      from handoff_events e
      cross join lateral (
        select 'missing' as what, f.key from ${keysOf('e.data', 'missing')} as f(key) where e.kind = 'fields-requested'
        union all
        select 'question', f.key from ${keysOf('e.data', 'fields')} as f(key) where e.kind = 'question-relayed'
        union all
        select 'decline', ${reason('e.data')} where e.kind = 'declined'
      ) as k
      where e.kind in ('fields-requested', 'question-relayed', 'declined')
      group by e.handoff_id
    ) k on k.handoff_id = h.id
    order by h.created_at`.execute(db);

  await sql`create index handoff_metric_facts_created on handoff_metric_facts (created_at)`.execute(db);
  // The few handoffs with keyed counts (fields asked for, asked about, decline reasons).
  await sql`create index handoff_metric_facts_keyed on handoff_metric_facts (created_at)
    where missing_fields <> '{}' or asked_fields <> '{}' or decline_reasons <> '{}'`.execute(db);
  // Reports no longer read the events; the index they used goes.
  await sql`drop index handoff_events_metrics`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`create index handoff_events_metrics on handoff_events (handoff_id, kind)
    where kind in ('window-lapsed', 'follow-through-lapsed', 'fields-requested', 'question-relayed', 'declined')
       or data ? 'intent'`.execute(db);
  await sql`drop trigger handoff_metric_facts_event on handoff_events`.execute(db);
  await sql`drop trigger handoff_metric_facts_handoff on handoffs`.execute(db);
  await sql`drop function handoff_metric_facts_from_event()`.execute(db);
  await sql`drop function handoff_metric_facts_from_handoff()`.execute(db);
  await sql`drop table handoff_metric_facts`.execute(db);
}
