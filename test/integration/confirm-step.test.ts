import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type ParsedMail, simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEml } from '../support/eml.ts';
import { type Running, startRuntime, stopRuntimes } from '../support/node-runtime.ts';

/*
 * A reply Baton is unsure how to read (the words model read it as a commitment; model:commit is below
 * the calibrated threshold, see src/core/reply/confidence.ts), through SMTP on real PostgreSQL: the
 * receiver is asked "Did you mean …?" and the giver hears nothing until the receiver says yes.
 */

const API_TOKEN = 'confirm-token';
const UNSURE = 'Sounds good, Thursday 14:00 works for me with Jane.';

let r: Running;
beforeAll(async () => {
  r = await startRuntime({}, { apiToken: API_TOKEN });
}, 60_000);
afterAll(stopRuntimes);

async function handOff(): Promise<string> {
  const response = await fetch(`http://127.0.0.1:${r.runtime.httpPort}/api/handoffs`, {
    method: 'POST',
    headers: { authorization: `Bearer ${API_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      giver: 'maya@example.com',
      receiver: 'bob@example.com',
      fields: {
        lead: 'Jane Roe <jane@acme.io>',
        trigger: 'demo request',
        summary: 'Wants SSO for 300 seats.',
      },
    }),
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

/** The emails Baton wrote about a handoff to one address, parsed, oldest first, once all reached the mailbox. */
async function mailsTo(address: string, handoffId: string): Promise<(ParsedMail & { kind: string })[]> {
  const rows = await r.db
    .selectFrom('outbound_messages')
    .select(['message_id', 'kind', 'to_addresses'])
    .where('handoff_id', '=', handoffId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  const mine = rows.filter((m) => m.to_addresses.includes(address));
  for (let i = 0; i < 100; i++) {
    const files = await r.mailbox();
    const parsed = await Promise.all(
      files.map(async (f) => simpleParser(readFileSync(join(r.dataDir, 'mailbox', f)))),
    );
    const found = mine.map((row) => {
      const mail = parsed.find((m) => m.messageId === row.message_id);
      return mail ? Object.assign(mail, { kind: row.kind }) : null;
    });
    if (found.every((m) => m !== null)) return found as (ParsedMail & { kind: string })[];
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`emails to ${address} never reached the mailbox`);
}

let replies = 0;
/** Bob answers an email through SMTP as his mail client would, and waits until Baton has acted on it. */
async function reply(to: ParsedMail, text: string) {
  replies += 1;
  const address = to.replyTo!.value[0]!.address!;
  const messageId = `<bob-reply-${replies}@mail.example.com>`;
  const raw = await buildEml({
    from: 'Bob Smith <bob@example.com>',
    to: address,
    subject: `Re: ${to.subject}`,
    messageId,
    inReplyTo: to.messageId!,
    references: [to.messageId!],
    date: new Date(),
    text: `${text}\n\nOn ${to.date?.toUTCString()}, Baton <handoff@handoffs.example.com> wrote:\n> ${to.text?.split('\n')[0]}\n> ...`,
  });
  expect(await r.send(raw.toString('utf8'), { from: 'bob@example.com', to: [address] })).toMatch(/^250/);
  for (let i = 0; i < 200; i++) {
    const row = (await r.inbound())[replies - 1];
    if (row?.outcome) return { outcome: row.outcome, messageId };
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`reply ${replies} was never processed`);
}

const handoffRow = (id: string) =>
  r.db.selectFrom('handoffs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

describe('a reply Baton is unsure of, through SMTP', () => {
  it('asks the receiver "Did you mean …?", tells the giver nothing, and acknowledges the step once they say yes', async () => {
    const id = await handOff();
    const [request] = await mailsTo('bob@example.com', id);
    expect(request!.kind).toBe('handoff-request');

    const unsure = await reply(request!, UNSURE);
    expect(unsure.outcome).toBe('confirmation-asked');
    expect((await handoffRow(id)).state).toBe('open');
    const asked = await r.db
      .selectFrom('handoff_events')
      .select(['data'])
      .where('handoff_id', '=', id)
      .where('kind', '=', 'confirmation-asked')
      .executeTakeFirstOrThrow();
    expect(asked.data).toMatchObject({ intent: 'commit', action: UNSURE, receiver: 'bob@example.com' });
    expect(String(asked.data.rule)).toMatch(/^model:commit \(/);
    const proposedDue = new Date(String(asked.data.due));

    const bobs = await mailsTo('bob@example.com', id);
    expect(bobs.map((m) => m.kind)).toEqual(['handoff-request', 'confirm-step']);
    const confirm = bobs[1]!;
    expect(confirm.inReplyTo).toBe(unsure.messageId);
    expect(confirm.text).toContain(`Did you mean: ${UNSURE} — `);
    expect(confirm.text).toMatch(/— Thu \d{1,2} \w{3} \d{4}, 14:00 \w+ \(Europe\/Berlin\)\?/);
    expect(confirm.text).toContain('Reply yes to confirm, or write your next step and when.');
    // The giver has only the receipt of the handoff: no promise reached her.
    expect((await mailsTo('maya@example.com', id)).map((m) => m.kind)).toEqual(['handoff-receipt']);

    const yes = await reply(confirm, 'Yes');
    expect(yes.outcome).toBe('acknowledged');
    const acknowledged = await handoffRow(id);
    expect(acknowledged.state).toBe('acknowledged');
    expect(acknowledged.action).toBe(UNSURE);
    expect(new Date(acknowledged.due_at!).toISOString()).toBe(proposedDue.toISOString());
    const mayas = await mailsTo('maya@example.com', id);
    expect(mayas.map((m) => m.kind)).toEqual(['handoff-receipt', 'acknowledged']);
    expect(mayas[1]!.text).toContain(UNSURE);
    const noted = (await mailsTo('bob@example.com', id)).at(-1)!;
    expect(noted.kind).toBe('noted');
    expect(noted.inReplyTo).toBe(yes.messageId);
    expect(noted.subject).toContain(`Noted: ${UNSURE} — Thu`);
  }, 60_000);
});
