import { simpleParser } from 'mailparser';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { API_OPERATIONS, handoffBody } from '../../src/adapters/http/api-schemas.ts';
import { jsonSchemaOf, openApiDocument } from '../../src/adapters/http/openapi.ts';
import { apiOf } from '../support/api-client.ts';
import { createHarness, type Harness } from '../support/harness.ts';

const TOKEN = 'replay-token';
let harness: Harness | null = null;
afterEach(async () => {
  await harness?.close();
  harness = null;
});

async function setup() {
  harness = await createHarness({ now: '2026-11-24T09:00:00Z' });
  const h = harness;
  const { app, call } = apiOf(h, TOKEN);
  return { h, app, call };
}

const lead = {
  giver: 'maya@example.com',
  receiver: 'bob@example.com',
  fields: { lead: 'Jane Roe <jane@acme.io>', trigger: 'demo request', summary: 'Wants SSO for 300 seats.' },
};

/** Bob's reply to the handoff email he received, as his mail client sends it. */
async function bobReplies(h: Harness, text: string) {
  const entries = (await h.mailbox.list()).filter((e) => e.to.includes('bob@example.com'));
  const last = await simpleParser((await h.mailbox.read(entries[0]!.id))!.raw);
  const replyTo = last.replyTo!.value[0]!.address!;
  return h.send(
    {
      from: 'bob@example.com',
      to: replyTo,
      subject: `Re: ${last.subject}`,
      inReplyTo: last.messageId!,
      text,
    },
    [replyTo],
  );
}

describe('POST /api/handoffs/:id/replay-inbound', () => {
  it("processes a handoff's failed reply once the cause is fixed, and a second replay finds nothing", async () => {
    const { h, call } = await setup();
    const created = await call('/api/handoffs', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(lead),
    });
    const { id, reference } = (await created.json()) as { id: string; reference: string };

    // The reply's processing fails inside its transaction: nothing it would do is kept.
    const outbox = h.deps.store.outbox;
    h.deps.store = {
      ...h.deps.store,
      outbox: {
        ...outbox,
        queue: async () => {
          throw new Error('outbox unavailable');
        },
      },
    };
    const failed = await bobReplies(h, "I'll call Jane tomorrow at 10 about SSO.");
    expect(failed.status).toBe('failed');
    const before = (await (await call(`/api/handoffs/${id}`)).json()) as { state: string };
    expect(before.state).toBe('open');

    h.deps.store = { ...h.deps.store, outbox };
    // Two replays at once (a retried request): the message is claimed by one, processed once.
    const answers = await Promise.all(
      [reference, id].map(async (name) => {
        const response = await call(`/api/handoffs/${name}/replay-inbound`, { method: 'POST' });
        expect(response.status).toBe(200);
        return ((await response.json()) as { replayed: unknown[] }).replayed;
      }),
    );
    expect(answers.flat()).toEqual([
      { inboundId: failed.inboundId, status: 'processed', outcome: 'acknowledged' },
    ]);
    const after = (await (await call(`/api/handoffs/${id}`)).json()) as { state: string };
    expect(after.state).toBe('acknowledged');
    const toMaya = (await h.mailbox.list()).filter((e) => e.to.includes('maya@example.com'));

    const again = await call(`/api/handoffs/${id}/replay-inbound`, { method: 'POST' });
    expect(await again.json()).toEqual({ replayed: [] });
    expect((await h.mailbox.list()).filter((e) => e.to.includes('maya@example.com'))).toHaveLength(
      toMaya.length,
    );
  });

  it('answers 404 with a coded error for a handoff that does not exist, and 401 without a token', async () => {
    const { app, call } = await setup();
    const missing = await call('/api/handoffs/H-999999/replay-inbound', { method: 'POST' });
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe('not_found');
    const anonymous = await app.request('/api/handoffs/H-1/replay-inbound', { method: 'POST' });
    expect(anonymous.status).toBe(401);
  });
});

describe('the OpenAPI document', () => {
  it('is served at /api/openapi.json and its schemas are those the routes validate with', async () => {
    const { app } = await setup();
    const response = await app.request('/api/openapi.json');
    expect(response.status).toBe(200);
    const doc = (await response.json()) as {
      openapi: string;
      paths: Record<
        string,
        Record<string, { operationId: string; requestBody?: unknown; parameters: { name: string }[] }>
      >;
    };
    expect(doc.openapi).toBe('3.1.0');
    const create = doc.paths['/api/handoffs']!.post!;
    expect(create.requestBody).toEqual({
      required: true,
      content: { 'application/json': { schema: jsonSchemaOf(API_OPERATIONS.createHandoff.body) } },
    });
    expect(doc.paths['/api/handoffs']!.get!.parameters.map((p) => p.name)).toEqual(
      Object.keys(API_OPERATIONS.listHandoffs.query.shape),
    );
    const operationIds = Object.values(doc.paths).flatMap((methods) =>
      Object.values(methods).map((m) => m.operationId),
    );
    expect(operationIds.sort()).toEqual(Object.keys(API_OPERATIONS).sort());
  });

  it('shows a field added to a route schema, with no other change', () => {
    const withSource = {
      ...API_OPERATIONS,
      createHandoff: { ...API_OPERATIONS.createHandoff, body: handoffBody.extend({ source: z.string() }) },
    };
    const doc = openApiDocument(withSource) as unknown as {
      paths: Record<
        string,
        {
          post: {
            requestBody: { content: Record<string, { schema: { properties: object; required: string[] } }> };
          };
        }
      >;
    };
    const schema = doc.paths['/api/handoffs']!.post.requestBody.content['application/json']!.schema;
    expect(Object.keys(schema.properties)).toContain('source');
    expect(schema.required).toContain('source');
    expect(Object.keys((jsonSchemaOf(handoffBody) as { properties: object }).properties)).not.toContain(
      'source',
    );
  });

  it('has a reference page listing every operation with its path', async () => {
    const { app } = await setup();
    const page = await app.request('/api/docs');
    expect(page.status).toBe(200);
    const html = await page.text();
    for (const [operationId, op] of Object.entries(API_OPERATIONS)) {
      expect(html).toContain(`id="${operationId}"`);
      expect(html).toContain(`${op.method.toUpperCase()} ${op.path}`);
    }
  });
});
