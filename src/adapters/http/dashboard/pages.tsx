/** @jsxImportSource hono/jsx */
import type { Child } from 'hono/jsx';
import type { DashboardView, HandoffPage, OpenHandoffLine } from '../../../app/view-dashboard.ts';
import { attachmentPath, formatSize } from '../../../core/handoff/attachments.ts';
import type { Figures } from '../../../core/metrics.ts';
import { OPEN_STATES } from '../../../core/metrics.ts';
import { formatLocal } from '../../../core/time/business-time.ts';

/** The dashboard's style sheet, served as an asset (no inline style, so a strict CSP can apply). */
export const DASHBOARD_STYLE = `
*, *::before, *::after { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, sans-serif; margin: 0; color: #1b1b1b; background: #f7f7f5; }
header { background: #1d3557; color: #fff; padding: .6rem 1rem; display: flex; flex-wrap: wrap; gap: .4rem 1rem; align-items: baseline; }
header a { color: #fff; }
header .who { margin-left: auto; font-size: .85rem; opacity: .85; }
main { max-width: 64rem; margin: 0 auto; padding: 1rem; }
h1 { font-size: 1.3rem; margin: .2rem 0 .8rem; }
h2 { font-size: 1.05rem; margin: 0 0 .4rem; }
form.filters { display: flex; flex-wrap: wrap; gap: .5rem; align-items: end; margin-bottom: 1rem; }
form.filters label { display: flex; flex-direction: column; font-size: .8rem; color: #555; }
input, select, button { font: inherit; padding: .3rem .4rem; max-width: 100%; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(9.5rem, 1fr)); gap: .6rem; margin-bottom: 1rem; }
.card { background: #fff; border: 1px solid #e2e2e2; border-radius: 6px; padding: .6rem .8rem; }
.card .value { font-size: 1.4rem; font-weight: 600; }
.card .label { font-size: .8rem; color: #555; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 28rem), 1fr)); gap: 1rem; }
section.chart { background: #fff; border: 1px solid #e2e2e2; border-radius: 6px; padding: .8rem; min-width: 0; }
.plot { width: 100%; min-height: 220px; }
.plot .uplot { max-width: 100%; }
.muted { color: #666; font-size: .85rem; }
table { border-collapse: collapse; width: 100%; background: #fff; }
th, td { text-align: left; vertical-align: top; padding: .35rem .5rem; border-bottom: 1px solid #e6e6e6; overflow-wrap: anywhere; }
th { font-size: .8rem; color: #555; font-weight: 600; }
dl.fields { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; background: #fff; padding: .8rem; border: 1px solid #e2e2e2; border-radius: 6px; }
dl.fields dt { font-weight: 600; }
dl.fields dd { margin: 0; white-space: pre-wrap; overflow-wrap: anywhere; }
ol.timeline { list-style: none; padding: 0; margin: 0; border-left: 2px solid #a8dadc; }
ol.timeline li { padding: .2rem 0 .6rem .8rem; }
ol.timeline time { display: block; font-size: .8rem; color: #555; }
.state { display: inline-block; padding: 0 .4rem; border-radius: 4px; background: #e9eef5; font-size: .85rem; }
@media (max-width: 40rem) {
  main { padding: .6rem; }
  table.stack thead { display: none; }
  table.stack, table.stack tbody, table.stack tr, table.stack td { display: block; width: 100%; }
  table.stack tr { border-bottom: 2px solid #ddd; padding: .3rem 0; }
  table.stack td { border: 0; padding: .1rem .5rem; }
  table.stack td::before { content: attr(data-label) ": "; font-weight: 600; font-size: .8rem; color: #555; }
  dl.fields { grid-template-columns: 1fr; }
}
`;

export interface PageContext {
  /** Who is looking, as the header shows it; null when the API token opened the page. */
  who: string | null;
  timeZone: string;
  mailbox: boolean;
}

function Layout(props: { title: string; ctx: PageContext; children?: Child; charts?: boolean }) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <link rel="icon" href="data:," />
        <title>{props.title} · Baton</title>
        <link rel="stylesheet" href="/dashboard/assets/dashboard.css" />
        {props.charts ? <link rel="stylesheet" href="/dashboard/assets/uplot.css" /> : null}
      </head>
      <body>
        <header>
          <strong>Baton</strong>
          <a href="/dashboard">Overview</a>
          <a href="/dashboard/handoffs">Open handoffs</a>
          {props.ctx.mailbox ? <a href="/mailbox">Mailbox</a> : null}
          <span class="who">
            {props.ctx.who ? (
              <>
                {props.ctx.who} ·{' '}
                <form method="post" action="/dashboard/sign-out" style="display:inline">
                  <button type="submit">Sign out</button>
                </form>
              </>
            ) : (
              'API token'
            )}
          </span>
        </header>
        <main>{props.children}</main>
        {props.charts ? (
          <>
            <script src="/dashboard/assets/uplot.js"></script>
            <script src="/dashboard/assets/dashboard.js"></script>
          </>
        ) : null}
      </body>
    </html>
  );
}

/** What the browser script draws: categories on x, one or two series on y. */
interface ChartSpec {
  kind: 'line' | 'bars';
  xLabel: string;
  labels: string[];
  format: 'percent' | 'hours' | 'count';
  series: { label: string; color: string; values: (number | null)[] }[];
}

const COLORS = {
  leak: '#e63946',
  median: '#1d3557',
  p90: '#457b9d',
  missing: '#e76f51',
  asked: '#2a9d8f',
  age: '#f4a261',
};

const percent = (v: number | null) => (v === null ? '–' : `${Math.round(v * 100)} %`);
const hours = (seconds: number | null) => (seconds === null ? '–' : `${(seconds / 3600).toFixed(1)} h`);

function Chart(props: { id: string; title: string; spec: ChartSpec; note?: string }) {
  const { spec } = props;
  return (
    <section class="chart" id={props.id}>
      <h2>{props.title}</h2>
      {props.note ? <p class="muted">{props.note}</p> : null}
      <div class="plot" data-chart={JSON.stringify(spec)}>
        <p class="muted">Charts need JavaScript; the numbers are below.</p>
      </div>
      <details>
        <summary class="muted">Numbers</summary>
        <table>
          <thead>
            <tr>
              <th>{spec.xLabel}</th>
              {spec.series.map((s) => (
                <th>{s.label}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {spec.labels.map((label, i) => (
              <tr>
                <td>{label}</td>
                {spec.series.map((s) => {
                  const v = s.values[i] ?? null;
                  return (
                    <td>
                      {spec.format === 'percent'
                        ? percent(v)
                        : spec.format === 'hours'
                          ? v === null
                            ? '–'
                            : `${v.toFixed(1)} h`
                          : String(v ?? '–')}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </section>
  );
}

function Cards(props: { totals: Figures }) {
  const t = props.totals;
  const cards: [string, string][] = [
    ['Handoffs', String(t.handoffs)],
    ['Leak rate', percent(t.leakRate)],
    ['Time to acknowledge (median, working)', hours(t.timeToAcknowledge.business.median)],
    ['Handed off within 24 h', percent(t.within24hShare)],
    ['Follow-through', percent(t.followThroughRate)],
    ['Vague replies', percent(t.vagueReplyRate)],
  ];
  return (
    <div class="cards">
      {cards.map(([label, value]) => (
        <div class="card">
          <div class="value">{value}</div>
          <div class="label">{label}</div>
        </div>
      ))}
    </div>
  );
}

const day = (d: Date) => d.toISOString().slice(0, 10);

export function DashboardPage(props: {
  ctx: PageContext;
  view: DashboardView;
  period: { from: Date; to: Date; playbook: string | null };
}) {
  const { report, openByAge, playbooks } = props.view;
  const weeks = report.byWeek;
  const weekLabels = weeks.map((w) => w.week.replace(/^\d{4}-/, ''));
  const fieldCharts = playbooks.flatMap((p) => {
    const row = report.byPlaybook.find((r) => r.playbook === p.id);
    if (!row) return [];
    return [
      {
        playbook: p,
        spec: {
          kind: 'bars',
          xLabel: 'Field',
          labels: p.fields.map((f) => f.label),
          format: 'count',
          series: [
            {
              label: 'Missing',
              color: COLORS.missing,
              values: p.fields.map((f) => row.missingFields[f.key] ?? 0),
            },
            {
              label: 'Asked about',
              color: COLORS.asked,
              values: p.fields.map((f) => row.questionsByField[f.key] ?? 0),
            },
          ],
        } satisfies ChartSpec,
      },
    ];
  });
  return (
    <Layout title="Overview" ctx={props.ctx} charts>
      <h1>How handoffs went</h1>
      <form class="filters" method="get" action="/dashboard">
        <label>
          From
          <input type="date" name="from" value={day(props.period.from)} />
        </label>
        <label>
          To
          <input type="date" name="to" value={day(props.period.to)} />
        </label>
        <label>
          Playbook
          <select name="playbook">
            <option value="">All</option>
            {playbooks.map((p) => (
              <option value={p.id} selected={p.id === props.period.playbook}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">Show</button>
      </form>
      <Cards totals={report.totals} />
      <div class="charts">
        <Chart
          id="leak-rate"
          title="Leak rate by week"
          note="Share of handoffs whose acknowledgment window lapsed with no specific reply."
          spec={{
            kind: 'line',
            xLabel: 'Week',
            labels: weekLabels,
            format: 'percent',
            series: [{ label: 'Leak rate', color: COLORS.leak, values: weeks.map((w) => w.leakRate) }],
          }}
        />
        <Chart
          id="time-to-acknowledge"
          title="Time to acknowledge by week"
          note="In the receiver's working hours."
          spec={{
            kind: 'line',
            xLabel: 'Week',
            labels: weekLabels,
            format: 'hours',
            series: [
              {
                label: 'Median',
                color: COLORS.median,
                values: weeks.map((w) => toHours(w.timeToAcknowledge.business.median)),
              },
              {
                label: 'p90',
                color: COLORS.p90,
                values: weeks.map((w) => toHours(w.timeToAcknowledge.business.p90)),
              },
            ],
          }}
        />
        {fieldCharts.map((c) => (
          <Chart
            id={`fields-${c.playbook.id}`}
            title={`Fields: missing and asked about (${c.playbook.name})`}
            note="Fields givers left out, and fields receivers asked back about."
            spec={c.spec}
          />
        ))}
        <Chart
          id="open-by-age"
          title="Open handoffs by age"
          note="Since they reached the receiver."
          spec={{
            kind: 'bars',
            xLabel: 'Age',
            labels: openByAge.map((b) => b.label),
            format: 'count',
            series: [{ label: 'Open handoffs', color: COLORS.age, values: openByAge.map((b) => b.count) }],
          }}
        />
      </div>
    </Layout>
  );
}

const toHours = (seconds: number | null) => (seconds === null ? null : seconds / 3600);

export function OpenHandoffsPage(props: {
  ctx: PageContext;
  lines: OpenHandoffLine[];
  filter: { state: string | null; receiver: string | null; playbook: string | null };
  receivers: { email: string; name: string }[];
  playbooks: { id: string; name: string }[];
  now: Date;
}) {
  const { filter, ctx } = props;
  return (
    <Layout title="Open handoffs" ctx={ctx}>
      <h1>Open handoffs</h1>
      <form class="filters" method="get" action="/dashboard/handoffs">
        <label>
          State
          <select name="state">
            <option value="">Any open state</option>
            {OPEN_STATES.map((s) => (
              <option value={s} selected={s === filter.state}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <label>
          Receiver
          <select name="receiver">
            <option value="">Anyone</option>
            {props.receivers.map((r) => (
              <option value={r.email} selected={r.email === filter.receiver}>
                {r.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Playbook
          <select name="playbook">
            <option value="">All</option>
            {props.playbooks.map((p) => (
              <option value={p.id} selected={p.id === filter.playbook}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">Filter</button>
      </form>
      <p class="muted" id="count">
        {props.lines.length === 1 ? '1 handoff' : `${props.lines.length} handoffs`}
      </p>
      <table class="stack" id="handoffs">
        <thead>
          <tr>
            <th>Handoff</th>
            <th>Lead</th>
            <th>State</th>
            <th>Receiver</th>
            <th>Open for</th>
            <th>Acknowledge by</th>
          </tr>
        </thead>
        <tbody>
          {props.lines.map((l) => (
            <tr data-reference={l.reference}>
              <td data-label="Handoff">
                <a href={`/dashboard/handoffs/${l.reference}`}>{l.reference}</a>{' '}
                <span class="muted">{l.playbook}</span>
              </td>
              <td data-label="Lead">{l.lead}</td>
              <td data-label="State">
                <span class="state">{l.state}</span>
                {l.escalationLevel > 0 ? ` · escalated (level ${l.escalationLevel})` : ''}
              </td>
              <td data-label="Receiver">{l.receiver ?? '–'}</td>
              <td data-label="Open for">{age(props.now.getTime() - l.openedAt.getTime())}</td>
              <td data-label="Acknowledge by">
                {l.ackDeadline ? formatLocal(l.ackDeadline, ctx.timeZone) : '–'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Layout>
  );
}

function age(ms: number): string {
  const h = ms / 3_600_000;
  return h < 48 ? `${Math.max(0, Math.round(h))} h` : `${Math.round(h / 24)} days`;
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d));

export function HandoffDetailPage(props: { ctx: PageContext; page: HandoffPage }) {
  const { page, ctx } = props;
  const local = (d: Date | string | null) => {
    const at = iso(d);
    return at ? formatLocal(at, ctx.timeZone) : '–';
  };
  return (
    <Layout title={page.reference} ctx={ctx}>
      <h1>
        {page.reference} · <span class="state">{page.state}</span>
      </h1>
      <p>
        {page.playbookName}: from {page.giverName} to {page.receiverName ?? '–'}
        {page.escalationLevel > 0 ? `, escalated to level ${page.escalationLevel}` : ''}.
      </p>
      <dl class="fields">
        {page.fieldList.map((f) => (
          <>
            <dt>{f.label}</dt>
            <dd>{f.value}</dd>
          </>
        ))}
        {page.note ? (
          <>
            <dt>Note</dt>
            <dd>{page.note}</dd>
          </>
        ) : null}
        {page.commitment ? (
          <>
            <dt>Commitment</dt>
            <dd>
              {page.commitment.action}
              {page.commitment.explanation ? ` (${page.commitment.explanation})` : ''}
            </dd>
          </>
        ) : null}
      </dl>
      {page.attachments.length > 0 ? (
        <>
          <h2 style="margin-top:1rem">Files</h2>
          <ul id="attachments">
            {page.attachments.map((a, i) => (
              <li>
                <a href={attachmentPath(page.reference, i + 1)}>{a.filename}</a>, {formatSize(a.size)}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h2 style="margin-top:1rem">Deadlines</h2>
      <table class="stack" id="deadlines">
        <thead>
          <tr>
            <th>What</th>
            <th>Due</th>
            <th>Status</th>
            <th>Why then</th>
          </tr>
        </thead>
        <tbody>
          {page.deadlines.map((d) => (
            <tr>
              <td data-label="What">
                {d.kind}
                {d.level > 0 ? ` (level ${d.level})` : ''}
              </td>
              <td data-label="Due">{local(d.dueAt)}</td>
              <td data-label="Status">{d.status}</td>
              <td data-label="Why then">{d.explanation}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2 style="margin-top:1rem">Timeline</h2>
      <ol class="timeline" id="timeline">
        {page.story.map((e) => (
          <li data-kind={e.kind}>
            <time datetime={new Date(e.at).toISOString()}>{local(e.at)}</time>
            {e.text}
          </li>
        ))}
      </ol>
    </Layout>
  );
}

export function MessagePage(props: { ctx: PageContext | null; title: string; children?: Child }) {
  const ctx = props.ctx ?? { who: null, timeZone: 'UTC', mailbox: false };
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <link rel="icon" href="data:," />
        <title>{props.title} · Baton</title>
        <link rel="stylesheet" href="/dashboard/assets/dashboard.css" />
      </head>
      <body>
        <header>
          <strong>Baton</strong>
          {ctx.mailbox ? <a href="/mailbox">Mailbox</a> : null}
        </header>
        <main>
          <h1>{props.title}</h1>
          {props.children}
        </main>
      </body>
    </html>
  );
}
