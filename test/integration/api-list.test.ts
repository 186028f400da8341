import { afterEach, describe, expect, it } from 'vitest';
import { apiOf } from '../support/api-client.ts';
import { createHarness, type Harness } from '../support/harness.ts';

const TOKEN = 'test-api-token';
let harness: Harness | null = null;
afterEach(async () => {
  await harness?.close();
  harness = null;
});

async function setup() {
  harness = await createHarness({ now: '2026-11-24T14:00:00Z' });
  const h = harness;
  const { app, call } = apiOf(h, TOKEN);
  const create = async (receiver: string, fields: Record<string, string>) => {
    const response = await call('/api/handoffs', {
      method: 'POST',
      json: { giver: 'maya@example.com', receiver, fields },
    });
    expect(response.status).toBe(201);
  };
  return { h, app, call, create };
}

const complete = { lead: 'Jane Roe <jane@acme.io>', trigger: 'demo request', summary: 'Wants SSO.' };

interface Page {
  handoffs: { reference: string; state: string; receiver: string }[];
  nextCursor: string | null;
}

describe('GET /api/handoffs', () => {
  it('pages through every handoff newest first, each once, even while new ones arrive', async () => {
    const { call, create } = await setup();
    for (let i = 0; i < 5; i++) await create('bob@example.com', complete);
    const first = (await (await call('/api/handoffs?limit=2')).json()) as Page;
    expect(first.handoffs.map((h) => h.reference)).toEqual(['H-1005', 'H-1004']);
    // A handoff created between pages does not shift the next page.
    await create('bob@example.com', complete);
    const second = (await (await call(`/api/handoffs?limit=2&cursor=${first.nextCursor}`)).json()) as Page;
    expect(second.handoffs.map((h) => h.reference)).toEqual(['H-1003', 'H-1002']);
    const last = (await (await call(`/api/handoffs?limit=2&cursor=${second.nextCursor}`)).json()) as Page;
    expect(last.handoffs.map((h) => h.reference)).toEqual(['H-1001']);
    expect(last.nextCursor).toBeNull();
  });

  it('filters by state, receiver and playbook', async () => {
    const { call, create } = await setup();
    await create('bob@example.com', complete);
    await create('sam@example.com', complete);
    await create('bob@example.com', complete);
    expect((await call('/api/handoffs/H-1003/cancel', { method: 'POST' })).status).toBe(200);
    const refs = async (query: string) =>
      ((await (await call(`/api/handoffs?${query}`)).json()) as Page).handoffs.map((h) => h.reference);
    expect(await refs('state=cancelled')).toEqual(['H-1003']);
    expect(await refs('state=open&receiver=BOB@example.com')).toEqual(['H-1001']);
    expect(await refs('playbook=mql-to-sal&receiver=sam@example.com')).toEqual(['H-1002']);
    expect(await refs('playbook=fast-track')).toEqual([]);
  });

  it('refuses an unknown state, a bad limit, a made-up cursor and a missing token', async () => {
    const { app, call } = await setup();
    for (const query of ['state=lost', 'limit=0', 'limit=101', 'cursor=not-a-cursor', 'colour=red']) {
      const response = await call(`/api/handoffs?${query}`);
      expect(response.status).toBe(400);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('invalid_request');
    }
    expect((await app.request('/api/handoffs')).status).toBe(401);
  });
});
