/** @jsxImportSource hono/jsx */
import { type Context, Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import { downloadAttachment } from '../../../app/download-attachment.ts';
import type { Deps } from '../../../app/ports.ts';
import { requestSignInLink, signInWithLink, signOut, viewerOfSession } from '../../../app/sign-in.ts';
import { listOpenHandoffs, viewDashboard, viewHandoff } from '../../../app/view-dashboard.ts';
import { findMember } from '../../../core/directory.ts';
import { OPEN_STATES } from '../../../core/metrics.ts';
import { SIGN_IN_LINK_MS, safeNext } from '../../../core/sign-in.ts';
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
  /** Whether the request carries a valid API token: a script holding one sees everything. */
  apiToken: (c: Context) => boolean;
  /** Whether the local mailbox is in use: the sign-in page then points to it. */
  mailbox: boolean;
  /** The public origin sign-in links point to; null: the request's own origin. */
  publicUrl: (env: unknown) => string | null;
}

export const SESSION_COOKIE = 'baton_session';

/** Secure when served over TLS, directly or behind a proxy that says so. */
function overTls(c: Context): boolean {
  return new URL(c.req.url).protocol === 'https:' || c.req.header('x-forwarded-proto') === 'https';
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

  const viewerOf = async (c: Context, deps: Deps): Promise<Viewer | null> => {
    const session = getCookie(c, SESSION_COOKIE);
    if (session) {
      const viewer = await viewerOfSession(deps, session);
      if (viewer) return viewer;
    }
    return options.apiToken(c) ? { kind: 'everyone' } : null;
  };

  const signedIn = async (c: Context) => {
    const deps = await options.deps(c.env);
    const viewer = await viewerOf(c, deps);
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

  const minutes = SIGN_IN_LINK_MS / 60_000;
  const mailboxNote = options.mailbox ? (
    <p class="muted">
      Mail stays on this machine: the link is in the <a href="/mailbox">local mailbox</a>.
    </p>
  ) : null;

  app.get('/sign-in', (c) =>
    c.html(
      <MessagePage ctx={null} title="Sign in">
        <p>Baton emails you a link that signs you in. It works once, for {minutes} minutes.</p>
        <form method="post" action="/dashboard/sign-in" class="filters">
          <input type="hidden" name="next" value={safeNext(c.req.query('next'))} />
          <label>
            Your work email
            <input type="email" name="address" required autocomplete="email" />
          </label>
          <button type="submit">Email me a link</button>
        </form>
        {mailboxNote}
      </MessagePage>,
    ),
  );

  app.post('/sign-in', async (c) => {
    const form = await c.req.parseBody();
    const address = typeof form.address === 'string' ? form.address.trim() : '';
    if (!/^[^\s@]+@[^\s@]+$/.test(address)) return refuse(c, 'That is not an email address.', 400);
    const deps = await options.deps(c.env);
    await requestSignInLink(deps, {
      address,
      baseUrl: options.publicUrl(c.env) ?? new URL(c.req.url).origin,
      next: typeof form.next === 'string' ? form.next : null,
    });
    // The same answer for members and strangers: the form tells nobody who works here.
    return c.html(
      <MessagePage ctx={null} title="Check your email">
        <p>
          If {address} belongs to a member, a sign-in link is on its way. It works once, for {minutes}{' '}
          minutes.
        </p>
        {mailboxNote}
      </MessagePage>,
    );
  });

  // Opening the link only shows a button: mail scanners that fetch links must not use it up.
  app.get('/sign-in/:token', (c) =>
    c.html(
      <MessagePage ctx={null} title="Sign in">
        <form method="post" action={`/dashboard/sign-in/${encodeURIComponent(c.req.param('token'))}`}>
          <input type="hidden" name="next" value={safeNext(c.req.query('next'))} />
          <button type="submit">Sign in to the dashboard</button>
        </form>
      </MessagePage>,
    ),
  );

  app.post('/sign-in/:token', async (c) => {
    const deps = await options.deps(c.env);
    const result = await signInWithLink(deps, c.req.param('token'));
    if (!result.ok) {
      const why = {
        used: 'This link was already used: each one works once.',
        expired: `This link has expired: links work for ${minutes} minutes.`,
        unknown: 'This is not a sign-in link Baton sent.',
        not_a_member: 'This address is no longer a member.',
      }[result.code];
      return c.html(
        <MessagePage ctx={null} title="This link does not work">
          <p>{why}</p>
          <p>
            <a href="/dashboard/sign-in">Ask for a new link</a>
          </p>
        </MessagePage>,
        result.code === 'unknown' ? 404 : 410,
      );
    }
    setCookie(c, SESSION_COOKIE, result.sessionToken, {
      path: '/',
      httpOnly: true,
      secure: overTls(c),
      sameSite: 'Lax',
      // Relative, so a browser whose clock differs from the server's keeps it as long as the server does.
      maxAge: Math.floor((result.expiresAt.getTime() - deps.clock.now().getTime()) / 1000),
    });
    const form = await c.req.parseBody();
    return c.redirect(safeNext(typeof form.next === 'string' ? form.next : null), 303);
  });

  app.post('/sign-out', async (c) => {
    const session = getCookie(c, SESSION_COOKIE);
    if (session) await signOut(await options.deps(c.env), session);
    deleteCookie(c, SESSION_COOKIE, { path: '/', secure: overTls(c) });
    return c.redirect('/dashboard/sign-in', 303);
  });

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

  // The same rule as the handoff's page: whoever may open the page may download its files.
  app.get('/handoffs/:ref/attachments/:n', async (c) => {
    const { deps, viewer } = await signedIn(c);
    if (!viewer) return signInFirst(c);
    const number = /^[1-9]\d{0,3}$/.test(c.req.param('n')) ? Number(c.req.param('n')) : Number.NaN;
    const result = await downloadAttachment(deps, viewer, c.req.param('ref'), number);
    if (!result.ok)
      return result.code === 'not_found'
        ? refuse(c, 'No such file, or not on one of your handoffs.', 404)
        : refuse(c, 'This file could not be read back from the email it came in.', 404);
    const { file } = result;
    return c.body(file.content as Uint8Array<ArrayBuffer>, 200, {
      'content-type': file.contentType,
      'content-disposition': contentDisposition(file.filename),
      'content-length': String(file.content.byteLength),
      // A file someone emailed is downloaded, never rendered as a page of this origin.
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; sandbox",
      'cache-control': 'private, no-store',
    });
  });

  return app;
}

/** RFC 6266: an ASCII fallback name and the exact one, UTF-8 encoded (RFC 5987). */
function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

function endOfDay(now: Date): Date {
  return new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS + DAY_MS);
}
