import { simpleParser } from 'mailparser';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/adapters/http/app.ts';
import { parseMime } from '../../src/adapters/mail-in/parse-mime.ts';
import { submitHandoff } from '../../src/app/hand-off-by-api.ts';
import { formatReference } from '../../src/core/handoff/reference.ts';
import { createHarness, type Harness } from '../support/harness.ts';

let harness: Harness | null = null;
afterEach(async () => {
  await harness?.close();
  harness = null;
});

async function setup(options: { mailbox?: boolean } = {}) {
  harness = await createHarness({ now: '2026-11-24T14:00:00Z' });
  const h = harness;
  const app = createApp({
    deps: () => h.deps,
    apiTokens: () => ['api-token'],
    parse: parseMime,
    mailbox: options.mailbox === false ? null : h.mailbox,
  });
  return { h, app };
}

type App = Awaited<ReturnType<typeof setup>>['app'];

const form = (fields: Record<string, string>) => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields).toString(),
});

/** Asks for a link as `address` and reads it from the local mailbox. */
async function emailedLink(h: Harness, app: App, address: string, origin = 'http://localhost'): Promise<URL> {
  const before = (await h.mailbox.list()).length;
  const asked = await app.request(
    `${origin}/dashboard/sign-in`,
    form({ address, next: '/dashboard/handoffs' }),
  );
  expect(asked.status).toBe(200);
  const mails = await h.mailbox.list();
  expect(mails.length).toBe(before + 1);
  const parsed = await simpleParser((await h.mailbox.read(mails[0]!.id))!.raw);
  expect(parsed.to && 'text' in parsed.to ? parsed.to.text : '').toContain(address);
  const link = /https?:\/\/\S+\/dashboard\/sign-in\/\S+/.exec(parsed.text ?? '')?.[0];
  if (!link) throw new Error(`no link in: ${parsed.text}`);
  return new URL(link);
}

/** Opens the link and presses its button; the session cookie and the answer. */
async function redeem(app: App, link: URL) {
  const page = await app.request(link.href);
  expect(page.status).toBe(200);
  const response = await app.request(link.href, form({ next: link.searchParams.get('next') ?? '' }));
  const setCookie = response.headers.get('set-cookie') ?? '';
  return { response, setCookie, cookie: setCookie.split(';')[0] ?? '' };
}

async function seedHandoffs(h: Harness) {
  const refs: Record<string, string> = {};
  for (const [name, receiver] of [
    ['toBob', 'bob@example.com'],
    ['toSam', 'sam@example.com'],
  ] as const) {
    const result = await submitHandoff(
      h.deps,
      {
        giver: 'maya@example.com',
        receiver,
        fields: { lead: `Lead for ${name}`, trigger: 'demo', summary: 'Wants SSO.' },
      },
      null,
    );
    if (!result.ok) throw new Error(result.message);
    refs[name] = formatReference(result.handoff.number);
  }
  return refs;
}

describe('dashboard sign-in by emailed link', () => {
  it('signs a member in once with an HttpOnly, SameSite=Lax session cookie; the link then stops working', async () => {
    const { h, app } = await setup();
    const link = await emailedLink(h, app, 'bob@example.com');
    const first = await redeem(app, link);
    expect(first.response.status).toBe(303);
    expect(first.response.headers.get('location')).toBe('/dashboard/handoffs');
    expect(first.setCookie).toMatch(/^baton_session=[\w-]{43};/);
    expect(first.setCookie).toMatch(/; HttpOnly/);
    expect(first.setCookie).toMatch(/; SameSite=Lax/);
    expect(first.setCookie).not.toMatch(/; Secure/);
    expect(first.setCookie).toMatch(/; Max-Age=604800;/);
    const dashboard = await app.request('/dashboard', { headers: { cookie: first.cookie } });
    expect(dashboard.status).toBe(200);
    expect(await dashboard.text()).toContain('Bob Smith &lt;bob@example.com&gt;');

    const again = await redeem(app, link);
    expect(again.response.status).toBe(410);
    expect(again.setCookie).toBe('');
    expect(await again.response.text()).toContain('already used');
  });

  it('marks the cookie Secure when served over TLS', async () => {
    const { h, app } = await setup();
    const link = await emailedLink(h, app, 'dana@example.com', 'https://baton.example.com');
    expect(link.origin).toBe('https://baton.example.com');
    const { setCookie } = await redeem(app, link);
    expect(setCookie).toMatch(/; Secure/);
    expect(setCookie).toMatch(/; HttpOnly/);
  });

  it('refuses a link after 15 minutes, and takes one at 14 minutes 59', async () => {
    const { h, app } = await setup();
    const late = await emailedLink(h, app, 'bob@example.com');
    const onTime = await emailedLink(h, app, 'bob@example.com');
    h.clock.advance(15 * 60_000 - 1_000);
    expect((await redeem(app, onTime)).response.status).toBe(303);
    h.clock.advance(1_000);
    const refused = await redeem(app, late);
    expect(refused.response.status).toBe(410);
    expect(await refused.response.text()).toContain('expired');
    expect(refused.setCookie).toBe('');
  });

  it('answers a stranger exactly as a member, and emails nobody', async () => {
    const { h, app } = await setup();
    const stranger = await app.request('/dashboard/sign-in', form({ address: 'eve@evil.example' }));
    const member = await app.request('/dashboard/sign-in', form({ address: 'bob@example.com' }));
    const text = (r: Response) => r.text().then((t) => t.replace(/eve@evil\.example|bob@example\.com/, 'X'));
    expect(await text(stranger)).toBe(await text(member));
    expect((await h.mailbox.list()).map((m) => m.to)).toEqual([['bob@example.com']]);
    const forged = await app.request('/dashboard/sign-in/not-a-token', form({}));
    expect(forged.status).toBe(404);
  });

  it('ends the session on sign-out', async () => {
    const { h, app } = await setup();
    const { cookie } = await redeem(app, await emailedLink(h, app, 'bob@example.com'));
    const out = await app.request('/dashboard/sign-out', { method: 'POST', headers: { cookie } });
    expect(out.status).toBe(303);
    expect(out.headers.get('set-cookie')).toMatch(/^baton_session=;/);
    const after = await app.request('/dashboard', { headers: { cookie } });
    expect(after.status).toBe(303);
    expect(after.headers.get('location')).toBe('/dashboard/sign-in?next=%2Fdashboard');
  });
});

describe('who sees which handoffs', () => {
  async function signedIn(h: Harness, app: App, address: string) {
    const { cookie } = await redeem(app, await emailedLink(h, app, address));
    return (path: string) => app.request(path, { headers: { cookie } });
  }

  const listed = async (response: Response) =>
    [...(await response.text()).matchAll(/data-reference="(H-\d+)"/g)].map((m) => m[1]);

  it('shows a member only their own handoffs, and a manager those of their reports', async () => {
    const { h, app } = await setup();
    const refs = await seedHandoffs(h);
    const bob = await signedIn(h, app, 'bob@example.com');
    expect(await listed(await bob('/dashboard/handoffs'))).toEqual([refs.toBob]);
    expect((await bob(`/dashboard/handoffs/${refs.toBob}`)).status).toBe(200);
    expect((await bob(`/dashboard/handoffs/${refs.toSam}`)).status).toBe(404);
    const overview = await (await bob('/dashboard?from=2026-11-23&to=2026-11-29')).text();
    expect(overview).toMatch(/<div class="value">1<\/div><div class="label">Handoffs/);

    const sam = await signedIn(h, app, 'sam@example.com');
    expect(await listed(await sam('/dashboard/handoffs'))).toEqual([refs.toSam]);

    // Dana manages Maya, Sam and Bob.
    const dana = await signedIn(h, app, 'dana@example.com');
    expect(await listed(await dana('/dashboard/handoffs'))).toEqual([refs.toBob, refs.toSam]);
    expect((await dana(`/dashboard/handoffs/${refs.toSam}`)).status).toBe(200);
    const all = await (await dana('/dashboard?from=2026-11-23&to=2026-11-29')).text();
    expect(all).toMatch(/<div class="value">2<\/div><div class="label">Handoffs/);
  });

  it('sends a visitor with no session to sign in, and keeps the mailbox page for the local mailbox only', async () => {
    const { app } = await setup({ mailbox: false });
    const visitor = await app.request('/dashboard/handoffs');
    expect(visitor.status).toBe(303);
    expect(visitor.headers.get('location')).toBe('/dashboard/sign-in?next=%2Fdashboard%2Fhandoffs');
    expect((await app.request('/mailbox')).status).toBe(404);
    const signInPage = await (await app.request('/dashboard/sign-in')).text();
    expect(signInPage).not.toContain('/mailbox');
    await harness?.close();
    harness = null;
    const local = await setup({ mailbox: true });
    expect((await local.app.request('/mailbox')).status).toBe(200);
    expect(await (await local.app.request('/dashboard/sign-in')).text()).toContain('href="/mailbox"');
  });
});
