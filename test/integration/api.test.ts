import { afterEach, describe, expect, it } from 'vitest';
import { apiOf } from '../support/api-client.ts';
import { buildEml } from '../support/eml.ts';
import { createHarness, type Harness } from '../support/harness.ts';

const TOKEN = 'test-api-token';
let harness: Harness | null = null;
afterEach(async () => {
  await harness?.close();
  harness = null;
});

async function setup(tokens: string[] = [TOKEN]) {
  harness = await createHarness({ now: '2026-11-24T14:00:00Z' });
  const h = harness;
  const { app, call } = apiOf(h, TOKEN, tokens);
  return { h, app, call };
}

const complete = {
  giver: 'maya@example.com',
  receiver: 'bob@example.com',
  fields: { lead: 'Jane Roe <jane@acme.io>', trigger: 'demo request', summary: 'Wants SSO for 300 seats.' },
};

describe('HTTP API', () => {
  it('creates a handoff from JSON with the same effects as email', async () => {
    const { h, call } = await setup();
    const response = await call('/api/handoffs', { method: 'POST', json: complete });
    expect(response.status).toBe(201);
    const body = (await response.json()) as {
      id: string;
      reference: string;
      state: string;
      deadline: string;
    };
    expect(body).toMatchObject({ state: 'open', deadline: '2026-11-25T09:00:00.000Z' });
    expect(body.reference).toMatch(/^H-\d+$/);
    const sent = await h.mailbox.list();
    expect(sent.map((e) => e.to[0]).sort()).toEqual(['bob@example.com', 'maya@example.com']);

    const view = await call(`/api/handoffs/${body.id}`);
    const handoff = (await view.json()) as {
      timeline: { kind: string }[];
      deadlines: { explanation: string }[];
    };
    // Then one entry per notice held to its recipient's hours (Dana's escalation, in Tokyo).
    const kinds = handoff.timeline.map((e) => e.kind);
    expect(kinds.slice(0, 2)).toEqual(['created', 'opened']);
    expect(kinds.slice(2).every((k) => k === 'notice-held')).toBe(true);
    expect(handoff.deadlines[0]?.explanation).toContain('Europe/Berlin');
    expect((await call(`/api/handoffs/${body.reference}`)).status).toBe(200);
  });

  it('answers 422 naming each missing field, and creates nothing', async () => {
    const { h, call } = await setup();
    const response = await call('/api/handoffs', {
      method: 'POST',
      json: { ...complete, fields: { lead: 'Jane' } },
    });
    expect(response.status).toBe(422);
    const body = (await response.json()) as {
      error: { code: string; message: string; missing: { key: string }[] };
    };
    expect(body.error.code).toBe('missing_fields');
    expect(body.error.missing.map((m) => m.key)).toEqual(['trigger', 'summary']);
    expect(await h.db.selectFrom('handoffs').select('id').execute()).toHaveLength(0);
  });

  it('honours Idempotency-Key: the same request twice creates one handoff', async () => {
    const { h, call } = await setup();
    const init = { method: 'POST', json: complete, headers: { 'idempotency-key': 'crm-42' } };
    const first = (await (await call('/api/handoffs', init)).json()) as { id: string };
    const again = await call('/api/handoffs', init);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(((await again.json()) as { id: string }).id).toBe(first.id);
    expect(await h.db.selectFrom('handoffs').select('id').execute()).toHaveLength(1);
  });

  it('answers 409 when an Idempotency-Key comes back with a different body, and creates nothing more', async () => {
    const { h, call } = await setup();
    const headers = { 'idempotency-key': 'crm-43' };
    expect((await call('/api/handoffs', { method: 'POST', json: complete, headers })).status).toBe(201);
    // The same request with its keys in another order is the same request.
    const reordered = { fields: complete.fields, receiver: complete.receiver, giver: complete.giver };
    expect((await call('/api/handoffs', { method: 'POST', json: reordered, headers })).status).toBe(201);
    const changed = await call('/api/handoffs', {
      method: 'POST',
      json: { ...complete, receiver: 'sam@example.com' },
      headers,
    });
    expect(changed.status).toBe(409);
    const body = (await changed.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('idempotency_conflict');
    expect(body.error.message).toContain('crm-43');
    expect(await h.db.selectFrom('handoffs').select('id').execute()).toHaveLength(1);
  });

  it('refuses an unknown receiver, giver or playbook with a coded error', async () => {
    const { call } = await setup();
    const codes = [];
    for (const json of [
      { ...complete, receiver: 'nobody@example.com' },
      { ...complete, giver: 'stranger@elsewhere.io' },
      { ...complete, playbook: 'nope' },
    ]) {
      const response = await call('/api/handoffs', { method: 'POST', json });
      codes.push([response.status, ((await response.json()) as { error: { code: string } }).error.code]);
    }
    expect(codes).toEqual([
      [422, 'unknown_receiver'],
      [422, 'unknown_giver'],
      [422, 'unknown_playbook'],
    ]);
  });

  it('rejects a malformed body with the path of the bad key', async () => {
    const { call } = await setup();
    const response = await call('/api/handoffs', {
      method: 'POST',
      json: { ...complete, fields: { lead: 42 } },
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { code: string; message: string; requestId: string } };
    expect(body.error.code).toBe('invalid_request');
    expect(body.error.message).toMatch(/^fields\.lead: /);
    expect(body.error.requestId).toBeTruthy();
  });

  it('cancels a handoff, and refuses to cancel it twice', async () => {
    const { call } = await setup();
    const { id } = (await (await call('/api/handoffs', { method: 'POST', json: complete })).json()) as {
      id: string;
    };
    expect((await call(`/api/handoffs/${id}/cancel`, { method: 'POST' })).status).toBe(200);
    const again = await call(`/api/handoffs/${id}/cancel`, { method: 'POST' });
    expect(again.status).toBe(409);
    expect(((await again.json()) as { error: { code: string } }).error.code).toBe('already_closed');
  });

  it('answers 422 naming an unknown field key and listing the playbook’s fields, and creates nothing', async () => {
    const { h, call } = await setup();
    const response = await call('/api/handoffs', {
      method: 'POST',
      json: { ...complete, fields: { ...complete.fields, budjet: '50k' } },
    });
    expect(response.status).toBe(422);
    const body = (await response.json()) as {
      error: { code: string; message: string; unknown: string[]; fields: string[] };
    };
    expect(body.error.code).toBe('unknown_fields');
    expect(body.error.unknown).toEqual(['budjet']);
    expect(body.error.fields).toEqual(['lead', 'trigger', 'summary', 'timeline', 'channel']);
    expect(body.error.message).toContain("'budjet'");
    expect(await h.db.selectFrom('handoffs').select('id').execute()).toHaveLength(0);
  });

  it('cancels a handoff named by its H-n reference', async () => {
    const { call } = await setup();
    const created = (await (await call('/api/handoffs', { method: 'POST', json: complete })).json()) as {
      id: string;
      reference: string;
    };
    const response = await call(`/api/handoffs/${created.reference}/cancel`, { method: 'POST' });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ id: created.id, state: 'cancelled' });
    const view = (await (await call(`/api/handoffs/${created.reference}`)).json()) as { state: string };
    expect(view.state).toBe('cancelled');
  });

  it('requires a bearer token for the API and raw inbound mail, and stays closed without configured tokens', async () => {
    const { app } = await setup();
    expect((await app.request('/api/handoffs/x')).status).toBe(401);
    const wrong = await app.request('/inbound/raw', {
      method: 'POST',
      headers: { authorization: 'Bearer nope' },
      body: 'x',
    });
    expect(wrong.status).toBe(401);
    await harness?.close();
    const closed = await setup([]);
    const response = await closed.call('/api/handoffs/x');
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('api_closed');
  });

  it('takes a raw RFC 822 message on /inbound/raw into the same pipeline', async () => {
    const { h, call } = await setup();
    const raw = await buildEml({
      from: 'maya@example.com',
      to: 'handoff@handoffs.example.com',
      cc: 'bob@example.com',
      subject: 'lead',
      text: 'Lead: Jane\nTrigger: webinar\nSummary: wants SSO',
    });
    const response = await call('/inbound/raw', { method: 'POST', body: new Uint8Array(raw) });
    expect(response.status).toBe(202);
    expect(await response.json()).toMatchObject({ status: 'processed', outcome: 'handoff-opened' });
    const again = await call('/inbound/raw', { method: 'POST', body: new Uint8Array(raw) });
    expect(await again.json()).toMatchObject({ duplicate: true });
    expect(await h.mailbox.list()).toHaveLength(2);
  });

  it('lists the local mailbox newest first and shows one message as HTML, text and .eml', async () => {
    const { app, call } = await setup();
    await call('/api/handoffs', { method: 'POST', json: complete });
    const page = await (await app.request('/mailbox')).text();
    expect(page).toContain('bob@example.com');
    const id = /href="\/mailbox\/([^"#.]+)"/.exec(page)?.[1];
    expect(id).toBeTruthy();
    const one = await app.request(`/mailbox/${id}`);
    expect(one.status).toBe(200);
    const eml = await app.request(`/mailbox/${id}.eml`);
    expect(eml.headers.get('content-type')).toContain('message/rfc822');
    expect(await eml.text()).toContain('Auto-Submitted: auto-generated');
  });

  it('answers unknown routes with a coded JSON error', async () => {
    const { app } = await setup();
    const response = await app.request('/nope');
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { code: 'not_found' } });
  });
});
