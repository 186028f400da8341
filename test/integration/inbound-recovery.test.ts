import { afterEach, describe, expect, it } from 'vitest';
import { parseMime } from '../../src/adapters/mail-in/parse-mime.ts';
import { recoverInbound } from '../../src/app/receive-email.ts';
import { buildEml } from '../support/eml.ts';
import { createHarness, type Harness } from '../support/harness.ts';

const FIELDS =
  'Lead: Jane Roe <jane@acme.io>\nTrigger: pricing webinar\nSummary: Wants SSO for 300 seats.\nChannel: phone';

const handoffEmail = (messageId: string) =>
  buildEml({
    from: 'Maya Patel <maya@example.com>',
    to: 'handoff@handoffs.example.com',
    cc: 'bob@example.com',
    subject: 'Acme: hot lead',
    text: FIELDS,
    messageId,
  });

let harness: Harness | null = null;
afterEach(async () => {
  await harness?.close();
  harness = null;
});

async function count(h: Harness, table: 'handoffs' | 'inbound_messages' | 'outbound_messages') {
  const row = await h.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describe('inbound messages under duplicates and crashes (PostgreSQL)', () => {
  it('turns 1,000 concurrent deliveries of one message into one stored message, one handoff and one email to the receiver', async () => {
    harness = await createHarness({ kind: 'postgres' });
    const h = harness;
    const raw = await handoffEmail('<same-message@mail.example.com>');
    const outcomes = await Promise.all(Array.from({ length: 1_000 }, () => h.receive(raw)));
    expect(outcomes.filter((o) => !o.duplicate)).toHaveLength(1);
    expect(new Set(outcomes.map((o) => o.inboundId)).size).toBe(1);
    expect(await count(h, 'inbound_messages')).toBe(1);
    expect(await count(h, 'handoffs')).toBe(1);
    const toBob = (await h.mailbox.list()).filter((e) => e.to.includes('bob@example.com'));
    expect(toBob).toHaveLength(1);
  }, 120_000);

  it('leaves a message stored by a process that died alone for a lease, then processes it once', async () => {
    harness = await createHarness({ kind: 'postgres' });
    const h = harness;
    const stored = await h.deps.store.inbound.insert({
      source: 'smtp',
      envelopeFrom: 'maya@example.com',
      envelopeTo: [],
      raw: await handoffEmail('<stored-then-crash@mail.example.com>'),
      receivedAt: h.clock.now(),
    });
    expect(stored.stored).toBe(true);
    // Within the lease the process that stored it may still be working on it.
    expect(await recoverInbound(h.deps, parseMime)).toEqual([]);
    h.clock.advance(61_000);
    const recovered = await recoverInbound(h.deps, parseMime);
    expect(recovered).toMatchObject([{ status: 'processed', outcome: 'handoff-opened' }]);
    expect(await recoverInbound(h.deps, parseMime)).toEqual([]);
    expect(await count(h, 'handoffs')).toBe(1);
  });

  it('records a message whose effects committed just before a crash without acting on it again', async () => {
    harness = await createHarness({ kind: 'postgres' });
    const h = harness;
    const first = await h.receive(await handoffEmail('<acted-then-crash@mail.example.com>'));
    const emails = await count(h, 'outbound_messages');
    // The crash came after the handoff's transaction committed, before the row was marked processed.
    await h.db
      .updateTable('inbound_messages')
      .set({ status: 'processing', outcome: null, lease_until: h.clock.now() })
      .where('id', '=', first.inboundId)
      .execute();
    h.clock.advance(1_000);
    const recovered = await recoverInbound(h.deps, parseMime);
    expect(recovered).toEqual([
      expect.objectContaining({
        inboundId: first.inboundId,
        outcome: 'recovered',
        handoffId: first.handoffId,
      }),
    ]);
    expect(await count(h, 'handoffs')).toBe(1);
    expect(await count(h, 'outbound_messages')).toBe(emails);
    const row = await h.deps.store.inbound.find(first.inboundId);
    expect(row).toMatchObject({ status: 'processed', outcome: 'recovered' });
  });

  it('shares the unfinished messages between two recovering processes without processing any twice', async () => {
    harness = await createHarness({ kind: 'postgres' });
    const h = harness;
    for (let i = 0; i < 40; i++) {
      await h.deps.store.inbound.insert({
        source: 'smtp',
        envelopeFrom: 'maya@example.com',
        envelopeTo: [],
        raw: await handoffEmail(`<unfinished-${i}@mail.example.com>`),
        receivedAt: h.clock.now(),
      });
    }
    h.clock.advance(61_000);
    const [a, b] = await Promise.all([recoverInbound(h.deps, parseMime), recoverInbound(h.deps, parseMime)]);
    const ids = [...a, ...b].map((o) => o.inboundId);
    expect(ids).toHaveLength(40);
    expect(new Set(ids).size).toBe(40);
    expect(await count(h, 'handoffs')).toBe(40);
  }, 60_000);

  it('answers a delivery that another process claimed first as pending, and that process processes it', async () => {
    harness = await createHarness({ kind: 'postgres' });
    const h = harness;
    const raw = await handoffEmail('<claimed-first@mail.example.com>');
    const claim = h.deps.store.inbound.claim.bind(h.deps.store.inbound);
    // Another process's recovery reaches the row between this one's store and its claim.
    h.deps.store.inbound.claim = async (id, now, leaseMs) => {
      await claim(id, now, leaseMs);
      return claim(id, now, leaseMs);
    };
    const outcome = await h.receive(raw);
    expect(outcome).toMatchObject({ status: 'pending', duplicate: false });
    expect(await count(h, 'handoffs')).toBe(0);
    h.clock.advance(61_000);
    expect(await recoverInbound(h.deps, parseMime)).toMatchObject([{ outcome: 'handoff-opened' }]);
  });
});
