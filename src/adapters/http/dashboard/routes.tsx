/** @jsxImportSource hono/jsx */
import { type Context, Hono } from 'hono';
import { z } from 'zod';
import type { Deps } from '../../../app/ports.ts';
import { listOpenHandoffs, viewDashboard, viewHandoff } from '../../../app/view-dashboard.ts';
import { findMember } from '../../../core/directory.ts';
import { OPEN_STATES } from '../../../core/metrics.ts';
import type { Viewer } from '../../../core/visibility.ts';
import { DASHBOARD_SCRIPT } from './client-script.ts';
import {
  DASHBOARD_STYLE,
  DashboardPage,
  HandoffDetailPage,
  MessagePage,
  OpenHandoffsPage,
  type PageContext,
} from './pages.tsx';
import assets from './uplot-assets.json' with { type: 'json' };

export interface DashboardOptions {
  deps: (env: unknown) => Deps | Promise<Deps>;
  /** Who is asking, or null: the request is then sent to sign in. */
  viewer: (c: Context, deps: Deps) => Promise<Viewer | null>;
  mailbox: boolean;
}

const day = z.iso.date().transform((v) => new Date(`${v}T00:00:00Z`));
const blankIsAbsent = (v: unknown) => (v === '' ? undefined : v);

const periodQuery = z.object({
  from: z.preprocess(blankIsAbsent, day.optional()),
  to: z.preprocess(blankIsAbsent, day.optional()),
  playbook: z.preprocess(blankIsAbsent, z.string().optional()),
});

const listQuery = z.object({
  state: z.preprocess(blankIsAbsent, z.enum(OPEN_STATES).optional()),
  receiver: z.preprocess(blankIsAbsent, z.string().optional()),
  playbook: z.preprocess(blankIsAbsent, z.string().optional()),
});

/** Twelve weeks up to the end of today, unless the form says otherwise. */
const DEFAULT_DAYS = 84;
const DAY_MS = 86_400_000;

const CACHE = { 'cache-control': 'public, max-age=86400' };

/** The dashboard: server-rendered pages, the chart library and the script that draws the charts. */
export function dashboardRoutes(options: DashboardOptions) {
  const app = new Hono();

  // The chart library and script are public: they carry no data.
  app.get('/assets/uplot.js', (c) =>
    c.body(assets.js, 200, { 'content-type': 'text/javascript; charset=utf-8', ...CACHE }),
  );
  app.get('/assets/uplot.css', (c) =>
    c.body(assets.css, 200, { 'content-type': 'text/css; charset=utf-8', ...CACHE }),
  );
  app.get('/assets/dashboard.css', (c) =>
    c.body(DASHBOARD_STYLE, 200, { 'content-type': 'text/css; charset=utf-8', ...CACHE }),
  );
  app.get('/assets/dashboard.js', (c) =>
    c.body(DASHBOARD_SCRIPT, 200, { 'content-type': 'text/javascript; charset=utf-8', ...CACHE }),
  );

  const signedIn = async (c: Context) => {
    const deps = await options.deps(c.env);
    const viewer = await options.viewer(c, deps);
    if (!viewer) return { deps, viewer: null, ctx: null };
    const member = viewer.kind === 'member' ? findMember(deps.config.directory, viewer.email) : null;
    const ctx: PageContext = {
      who: member ? `${member.name} <${member.email}>` : null,
      timeZone: member?.schedule.timeZone ?? 'UTC',
      mailbox: options.mailbox,
    };
    return { deps, viewer, ctx };
  };

  const refuse = (c: Context, message: string, status: 400 | 404) =>
    c.html(
      <MessagePage ctx={null} title={status === 404 ? 'Not found' : 'Bad request'}>
        <p>{message}</p>
      </MessagePage>,
      status,
    );
  const signInFirst = (c: Context) =>
    c.redirect(`/dashboard/sign-in?next=${encodeURIComponent(c.req.path)}`, 303);

  app.get('/', async (c) => {
    const { deps, viewer, ctx } = await signedIn(c);
    if (!viewer || !ctx) return signInFirst(c);
    const query = periodQuery.safeParse(c.req.query());
    if (!query.success) return refuse(c, 'Dates are written 2026-11-24.', 400);
    const now = deps.clock.now();
    const to = query.data.to ? new Date(query.data.to.getTime() + DAY_MS) : endOfDay(now);
    const from = query.data.from ?? new Date(to.getTime() - DEFAULT_DAYS * DAY_MS);
    if (from >= to) return refuse(c, 'The period must start before it ends.', 400);
    const playbook = query.data.playbook ?? null;
    const view = await viewDashboard(deps, viewer, { from, to, playbook });
    return c.html(
      <DashboardPage
        ctx={ctx}
        view={view}
        period={{ from, to: new Date(to.getTime() - DAY_MS), playbook }}
      />,
    );
  });

  app.get('/handoffs', async (c) => {
    const { deps, viewer, ctx } = await signedIn(c);
    if (!viewer || !ctx) return signInFirst(c);
    const query = listQuery.safeParse(c.req.query());
    if (!query.success) return refuse(c, 'Unknown state.', 400);
    const filter = {
      state: query.data.state ?? null,
      receiver: query.data.receiver?.toLowerCase() ?? null,
      playbook: query.data.playbook ?? null,
    };
    const lines = await listOpenHandoffs(deps, viewer, filter);
    const { directory, playbooks } = deps.config;
    const receivers = directory.members
      .filter((m) => viewer.kind === 'everyone' || viewer.sees.includes(m.email))
      .map((m) => ({ email: m.email, name: m.name }));
    return c.html(
      <OpenHandoffsPage
        ctx={ctx}
        lines={lines}
        filter={filter}
        receivers={receivers}
        playbooks={playbooks.map((p) => ({ id: p.id, name: p.name }))}
        now={deps.clock.now()}
      />,
    );
  });

  app.get('/handoffs/:ref', async (c) => {
    const { deps, viewer, ctx } = await signedIn(c);
    if (!viewer || !ctx) return signInFirst(c);
    // Someone else's handoff is not found, not forbidden: its reference says nothing either way.
    const page = await viewHandoff(deps, viewer, c.req.param('ref'));
    if (!page) return refuse(c, 'No such handoff, or not one of yours.', 404);
    return c.html(<HandoffDetailPage ctx={ctx} page={page} />);
  });

  return app;
}

function endOfDay(now: Date): Date {
  return new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS + DAY_MS);
}
