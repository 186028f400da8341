import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { simpleParser } from 'mailparser';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/adapters/http/app.ts';
import { parseMime } from '../../src/adapters/mail-in/parse-mime.ts';
import { submitHandoff } from '../../src/app/hand-off-by-api.ts';
import { tick } from '../../src/app/tick.ts';
import { formatReference } from '../../src/core/handoff/reference.ts';
import { createHarness, type Harness } from '../support/harness.ts';

const TOKEN = 'dashboard-token';
const PHONE = { width: 390, height: 844 };

/*
 * Four handoffs created Tue 2026-11-24 14:00Z (week W48): to Bob (Berlin) H1 acknowledged at 15:00Z
 * (1 h of his working time), H2 never answered (leaks at Wed 09:00Z), H3 asked "Which channel do they
 * prefer?" then acknowledged Wed 08:00Z; to Sam (New York, fast-track) H4 never answered. Seen on
 * Wed 25 12:00Z: leak rate 2 of 4 = 50 %; H1 open 22 h (acknowledged), the rest 22 h.
 */
async function seed(h: Harness) {
  const refs: string[] = [];
  const create = async (receiver: string, playbook = 'mql-to-sal') => {
    const result = await submitHandoff(
      h.deps,
      {
        playbook,
        giver: 'maya@example.com',
        receiver,
        fields:
          playbook === 'fast-track'
            ? { lead: 'Ann Lee <ann@gamma.io>', need: 'A quote' }
            : { lead: 'Jane Roe <jane@acme.io>', trigger: 'demo request', summary: 'Wants SSO.' },
      },
      null,
    );
    if (!result.ok) throw new Error(result.message);
    refs.push(formatReference(result.handoff.number));
  };
  await create('bob@example.com');
  await create('bob@example.com');
  await create('bob@example.com');
  await create('sam@example.com', 'fast-track');
  const reply = async (reference: string, text: string, at: string) => {
    h.clock.set(at);
    const entries = (await h.mailbox.list()).filter((e) => e.to.includes('bob@example.com'));
    const entry = entries.find((e) => e.subject?.includes(reference))!;
    const mail = await simpleParser((await h.mailbox.read(entry.id))!.raw);
    const replyTo = mail.replyTo!.value[0]!.address!;
    await h.send(
      {
        from: 'bob@example.com',
        to: replyTo,
        subject: `Re: ${mail.subject}`,
        inReplyTo: mail.messageId!,
        text,
        date: h.clock.now(),
      },
      [replyTo],
    );
  };
  await reply(refs[0]!, "I'll call them tomorrow at 10 about the SSO question.", '2026-11-24T15:00:00Z');
  await reply(refs[2]!, 'Which channel do they prefer?', '2026-11-24T15:30:00Z');
  await reply(refs[2]!, 'I will email them today at 4pm with the pricing.', '2026-11-25T08:00:00Z');
  h.clock.set('2026-11-25T09:00:00Z');
  await tick(h.deps);
  h.clock.set('2026-11-25T12:00:00Z');
  return refs;
}

describe('dashboard in a browser', () => {
  let h: Harness;
  let browser: Browser;
  let base: string;
  let refs: string[];
  let close: () => void;

  beforeAll(async () => {
    h = await createHarness({ now: '2026-11-24T14:00:00Z' });
    refs = await seed(h);
    const app = createApp({
      deps: () => h.deps,
      apiTokens: () => [TOKEN],
      parse: parseMime,
      mailbox: h.mailbox,
    });
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((r) => server.once('listening', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => server.close();
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    close?.();
    await h?.close();
  });

  /** A phone-sized page that records console errors and failed requests. */
  async function phone(): Promise<{ page: Page; errors: string[] }> {
    const context = await browser.newContext({
      viewport: PHONE,
      extraHTTPHeaders: { authorization: `Bearer ${TOKEN}` },
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('requestfailed', (r) => errors.push(`${r.url()} failed`));
    return { page, errors };
  }

  /** A chart's numbers table (folded away under "Numbers"), as rows of cell texts. */
  const numbers = (page: Page, chart: string) =>
    page
      .locator(`#${chart} details tbody tr`)
      .evaluateAll((rows) =>
        rows.map((r) => Array.from(r.querySelectorAll('td'), (td) => td.textContent ?? '')),
      );

  const horizontalOverflow = (page: Page) =>
    page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

  it('draws every chart with the period’s numbers and fits a 390 px phone screen', async () => {
    const { page, errors } = await phone();
    const response = await page.goto(`${base}/dashboard?from=2026-11-23&to=2026-11-29`);
    expect(response?.status()).toBe(200);
    const charts = page.locator('[data-chart]');
    expect(await charts.count()).toBe(5); // leak rate, time to acknowledge, fields of 2 playbooks, open by age
    await page.waitForFunction(
      () => document.querySelectorAll('[data-chart][data-drawn="true"]').length === 5,
    );
    for (const chart of await charts.all()) {
      const canvas = chart.locator('canvas');
      expect(await canvas.count()).toBe(1);
      const box = await canvas.boundingBox();
      expect(box!.width).toBeGreaterThan(200);
      expect(box!.x + box!.width).toBeLessThanOrEqual(PHONE.width);
    }
    expect(await numbers(page, 'leak-rate')).toEqual([['W48', '50 %']]);
    // H1 and H3: 1 h and 3 h of Bob's working time (Tue 15:00–17:30, Wed 08:30–09:00 Berlin): median
    // 2 h, p90 1 + 0.9 × 2 = 2.8 h.
    expect(await numbers(page, 'time-to-acknowledge')).toEqual([['W48', '2.0 h', '2.8 h']]);
    expect(await numbers(page, 'fields-mql-to-sal')).toEqual([
      ['Lead', '0', '0'],
      ['Trigger', '0', '0'],
      ['Summary', '0', '0'],
      ['Timeline', '0', '0'],
      ['Channel', '0', '1'],
    ]);
    expect(await numbers(page, 'open-by-age')).toEqual([
      ['< 4 h', '0'],
      ['4–24 h', '4'],
      ['1–3 d', '0'],
      ['3–7 d', '0'],
      ['> 7 d', '0'],
    ]);
    expect(await horizontalOverflow(page)).toBe(0);
    if (process.env.SHOT) await page.screenshot({ path: process.env.SHOT, fullPage: true });
    expect(errors).toEqual([]);
  });

  it('filters the open handoffs by state, receiver and playbook', async () => {
    const { page, errors } = await phone();
    await page.goto(`${base}/dashboard/handoffs`);
    const rows = page.locator('#handoffs tbody tr');
    expect(await rows.count()).toBe(4);
    await page.selectOption('select[name=state]', 'acknowledged');
    await Promise.all([page.waitForURL(/state=acknowledged/), page.click('form.filters button')]);
    expect(await rows.evaluateAll((r) => r.map((e) => e.getAttribute('data-reference')))).toEqual([
      refs[0],
      refs[2],
    ]);
    await page.selectOption('select[name=state]', '');
    await page.selectOption('select[name=receiver]', 'sam@example.com');
    await Promise.all([page.waitForURL(/receiver=sam/), page.click('form.filters button')]);
    expect(await rows.evaluateAll((r) => r.map((e) => e.getAttribute('data-reference')))).toEqual([refs[3]]);
    await page.selectOption('select[name=receiver]', '');
    await page.selectOption('select[name=playbook]', 'mql-to-sal');
    await Promise.all([page.waitForURL(/playbook=mql-to-sal/), page.click('form.filters button')]);
    expect(await rows.count()).toBe(3);
    expect(await horizontalOverflow(page)).toBe(0);
    expect(errors).toEqual([]);
  });

  it('opens a handoff’s timeline and deadlines with their explanations', async () => {
    const { page, errors } = await phone();
    await page.goto(`${base}/dashboard/handoffs`);
    await Promise.all([
      page.waitForURL(new RegExp(`/dashboard/handoffs/${refs[1]}$`)),
      page.click(`text=${refs[1]}`),
    ]);
    const timeline = await page.locator('#timeline li').allInnerTexts();
    expect(timeline.join('\n')).toMatch(/Maya Patel handed it off/);
    expect(timeline.join('\n')).toMatch(/acknowledgment window lapsed/);
    const deadlines = await page.locator('#deadlines').textContent();
    expect(deadlines).toContain('4 business hours in Europe/Berlin');
    expect(await horizontalOverflow(page)).toBe(0);
    expect(errors).toEqual([]);
  });

  it('signs Bob in through the link emailed to the local mailbox, and shows him only his handoffs', async () => {
    const context = await browser.newContext({ viewport: PHONE });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${base}/dashboard/handoffs`);
    expect(new URL(page.url()).pathname).toBe('/dashboard/sign-in');
    await page.fill('input[name=address]', 'bob@example.com');
    await Promise.all([page.waitForURL(`${base}/dashboard/sign-in`), page.click('button[type=submit]')]);
    expect(await page.textContent('main')).toContain('a sign-in link is on its way');
    expect(await horizontalOverflow(page)).toBe(0);
    const [latest] = await h.mailbox.list();
    const mail = await simpleParser((await h.mailbox.read(latest!.id))!.raw);
    const link = /http:\/\/\S+\/dashboard\/sign-in\/\S+/.exec(mail.text ?? '')![0];
    await page.goto(link);
    await Promise.all([page.waitForURL(`${base}/dashboard/handoffs`), page.click('button[type=submit]')]);
    const rows = page.locator('#handoffs tbody tr');
    expect(await rows.evaluateAll((r) => r.map((e) => e.getAttribute('data-reference')))).toEqual(
      refs.slice(0, 3),
    );
    expect(await page.textContent('header')).toContain('Bob Smith');
    const cookies = await context.cookies();
    expect(cookies.find((c) => c.name === 'baton_session')).toMatchObject({
      httpOnly: true,
      sameSite: 'Lax',
    });

    // The same link a second time: refused.
    await page.goto(link);
    const [refused] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      page.click('button[type=submit]'),
    ]);
    expect(refused.status()).toBe(410);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('sends a visitor without a session or token to sign in', async () => {
    const response = await fetch(`${base}/dashboard`, { redirect: 'manual' });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/dashboard/sign-in?next=%2Fdashboard');
    const list = await fetch(`${base}/dashboard/handoffs/${refs[0]}`, { redirect: 'manual' });
    expect(list.status).toBe(303);
  });
});
