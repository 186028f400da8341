import { simpleParser } from 'mailparser';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/adapters/http/app.ts';
import { parseMime } from '../../src/adapters/mail-in/parse-mime.ts';
import { createHarness, type Harness } from '../support/harness.ts';
import { teamConfig } from '../support/team-config.ts';

let harness: Harness | null = null;
afterEach(async () => {
  await harness?.close();
  harness = null;
});

const base = teamConfig.playbooks[0]!;
/** The team's config with a three-field peak playbook that the default address takes over the holidays. */
const withSeason = {
  ...teamConfig,
  playbooks: [
    base,
    {
      ...base,
      id: 'holiday-rush',
      name: 'Holiday rush',
      fields: base.fields.filter((f) => f.key !== 'timeline' && f.key !== 'channel'),
    },
  ],
  seasons: [{ from: '2026-12-21', to: '2027-01-06', playbook: 'holiday-rush' }],
};

async function mailTo(h: Harness, address: string) {
  const entries = (await h.mailbox.list()).filter((e) => e.to.includes(address));
  return Promise.all(entries.map(async (e) => simpleParser((await h.mailbox.read(e.id))!.raw)));
}

const handoffEmail = (trigger: string) => ({
  from: 'maya@example.com',
  to: 'handoff@handoffs.example.com',
  cc: 'bob@example.com',
  subject: 'Acme lead',
  text: [
    'Lead: Jane Roe <jane@acme.io>',
    'Trigger: asked for a demo after the pricing webinar',
    `Trigger date: ${trigger}`,
    'Summary: Evaluating SSO for 300 seats.',
  ].join('\n'),
});

describe('timing rules from the field', () => {
  it("says in the giver's receipt how late a handoff came after its trigger, and the metrics count it late", async () => {
    harness = await createHarness({ now: '2026-11-24T14:00:00Z' });
    const h = harness;
    // Maya works in New York: 2026-11-23 08:00 there is 13:00Z, 25 hours before now.
    const result = await h.send(handoffEmail('2026-11-23 08:00'));
    expect(result.outcome).toBe('handoff-opened');
    const receipt = (await mailTo(h, 'maya@example.com')).find((m) => m.subject?.includes('H-'))!;
    expect(receipt.text).toContain('handed off 25 hours after the trigger (target: within 24 hours)');

    const app = createApp({
      deps: () => h.deps,
      apiTokens: () => ['t'],
      parse: parseMime,
      mailbox: h.mailbox,
    });
    const response = await app.request('/api/metrics?from=2026-11-23&to=2026-11-30', {
      headers: { authorization: 'Bearer t' },
    });
    const report = (await response.json()) as { within24hShare: number | null; lateHandoffs: number };
    expect(report).toMatchObject({ within24hShare: 0, lateHandoffs: 1 });
  });

  it('says nothing about lateness when the trigger is within 24 hours', async () => {
    harness = await createHarness({ now: '2026-11-24T14:00:00Z' });
    const h = harness;
    await h.send(handoffEmail('2026-11-24 08:00'));
    const receipt = (await mailTo(h, 'maya@example.com')).find((m) => m.subject?.includes('H-'))!;
    expect(receipt.text).not.toContain('Heads-up');
  });

  it("switches the default address to the season's playbook on the giver's dates, and back after", async () => {
    harness = await createHarness({ now: '2026-12-22T15:00:00Z', config: withSeason });
    const h = harness;
    const inSeason = await h.send(handoffEmail('2026-12-22 09:00'));
    h.clock.set('2027-01-07T15:00:00Z');
    const after = await h.send({ ...handoffEmail('2027-01-07 09:00'), subject: 'Globex lead' });
    const playbooks = await h.db
      .selectFrom('handoffs')
      .select(['id', 'playbook_id'])
      .where('id', 'in', [inSeason.handoffId!, after.handoffId!])
      .execute();
    const byId = new Map(playbooks.map((p) => [p.id, p.playbook_id]));
    expect(byId.get(inSeason.handoffId!)).toBe('holiday-rush');
    expect(byId.get(after.handoffId!)).toBe('mql-to-sal');
  });
});
