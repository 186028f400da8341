import { afterEach, describe, expect, it } from 'vitest';
import { signReplyToken, verifyReplyToken } from '../../src/adapters/crypto/reply-token.ts';
import { submitHandoff } from '../../src/app/hand-off-by-api.ts';
import { replyAddress } from '../../src/core/addresses.ts';
import { createHarness, type Harness } from '../support/harness.ts';
import { teamConfig } from '../support/team-config.ts';

const DAY = 86_400_000;

let harness: Harness | null = null;
afterEach(async () => {
  await harness?.close();
  harness = null;
});

/** Maya hands Bob a lead by API; returns the handoff and Bob's reply address from his email. */
async function setup(options: { config?: unknown; secrets?: string[] } = {}) {
  harness = await createHarness({ now: '2026-11-24T09:00:00Z', ...options });
  const h = harness;
  const result = await submitHandoff(
    h.deps,
    {
      giver: 'maya@example.com',
      receiver: 'bob@example.com',
      fields: { lead: 'Jane Roe <jane@acme.io>', trigger: 'webinar', summary: 'Wants SSO.' },
    },
    null,
  );
  if (!result.ok) throw new Error(result.message);
  const toBob = (await h.mailbox.list()).find((e) => e.to.includes('bob@example.com'));
  const raw = (await h.mailbox.read(toBob!.id))!.raw.toString();
  const address = /^Reply-To: .*?(reply\+[a-z0-9.]+@handoffs\.example\.com)/im.exec(raw)![1]!;
  return { h, handoff: result.handoff, address };
}

let sent = 0;
/** Bob writes to an address; a fresh Message-ID each time so nothing is deduplicated. */
function bobWrites(h: Harness, to: string, text: string) {
  sent += 1;
  return h.send(
    {
      from: 'Bob Smith <bob@example.com>',
      to,
      subject: 'Re: your handoff',
      messageId: `<bob-${sent}-${Date.now()}@example.com>`,
      date: h.clock.now(),
      text,
    },
    [to],
  );
}

describe('reply addresses after the handoff ends', () => {
  it('keep working for 30 days after the handoff is done, then are refused as expired', async () => {
    const { h, address } = await setup();
    expect((await bobWrites(h, address, 'Called them, demo booked.')).outcome).toBe('done');
    h.clock.advance(29 * DAY);
    expect((await bobWrites(h, address, 'One more thing: they signed.')).outcome).toBe('ignored-closed');
    h.clock.advance(2 * DAY);
    expect((await bobWrites(h, address, 'And the invoice went out.')).outcome).toBe('refused-token-invalid');
    const refusal = (await h.mailbox.list()).find(
      (e) => e.to.includes('bob@example.com') && e.subject.includes("Your reply wasn't applied"),
    );
    expect((await h.mailbox.read(refusal!.id))!.raw.toString()).toContain('expired');
  });

  it('follow replyTokenGrace from the config', async () => {
    const { h, address } = await setup({ config: { ...teamConfig, replyTokenGrace: '7d' } });
    await bobWrites(h, address, 'Called them, demo booked.');
    h.clock.advance(8 * DAY);
    expect((await bobWrites(h, address, 'They signed.')).outcome).toBe('refused-token-invalid');
  });

  it('never expire while the handoff is open, however long it stays open', async () => {
    const { h, address } = await setup();
    h.clock.advance(60 * DAY);
    expect((await bobWrites(h, address, 'Called them, demo booked.')).outcome).toBe('done');
  });
});

describe('reply token keys', () => {
  it('still accept an address signed with the previous key after rotation, and sign new ones with the current key', async () => {
    const { h, handoff, address } = await setup({ secrets: ['current-key', 'previous-key'] });
    const token = /^reply\+([^@]+)@/.exec(address)![1]!;
    expect(verifyReplyToken(token, ['current-key'], h.clock.now()).ok).toBe(true);
    const old = replyAddress(
      signReplyToken('previous-key', handoff.number, 'bob@example.com', h.clock.now()),
      'handoffs.example.com',
    );
    expect((await bobWrites(h, old, 'Called them, demo booked.')).outcome).toBe('done');
  });

  it('refuse an address signed with a key that was retired', async () => {
    const { h, handoff } = await setup({ secrets: ['current-key'] });
    const retired = replyAddress(
      signReplyToken('previous-key', handoff.number, 'bob@example.com', h.clock.now()),
      'handoffs.example.com',
    );
    expect((await bobWrites(h, retired, 'Called them, demo booked.')).outcome).toBe('refused-token-invalid');
  });
});
