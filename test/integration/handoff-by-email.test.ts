import { simpleParser } from 'mailparser';
import { afterEach, describe, expect, it } from 'vitest';
import { recipientTag, verifyReplyToken } from '../../src/adapters/crypto/reply-token.ts';
import { findHandoff } from '../../src/adapters/db/handoffs.ts';
import { parseMime } from '../../src/adapters/mail-in/parse-mime.ts';
import { processInbound } from '../../src/app/receive-email.ts';
import { createHarness, type DatabaseKind, type Harness } from '../support/harness.ts';

const COMPLETE = [
  'Hi Bob, warm lead from the webinar.',
  '',
  'Lead: Jane Roe <jane@acme.io>, CTO at Acme',
  'Trigger: asked for a demo after the pricing webinar',
  'Summary: Evaluating SSO for 300 seats. Main worry is the Okta integration.',
  'Timeline: decision before end of Q1',
  'Channel: phone',
].join('\n');

async function mails(h: Harness) {
  const entries = await h.mailbox.list();
  return Promise.all(
    entries.map(async (e) => {
      const message = await h.mailbox.read(e.id);
      return { entry: e, parsed: await simpleParser(message!.raw) };
    }),
  );
}

async function mailTo(h: Harness, address: string) {
  const all = await mails(h);
  return all.filter((m) => m.entry.to.includes(address));
}

let harness: Harness | null = null;
afterEach(async () => {
  await harness?.close();
  harness = null;
});

const kinds: DatabaseKind[] = ['postgres', 'pglite'];

describe.each(kinds)('handing off by email (%s)', (kind) => {
  it('sends the receiver one email with fields, deadline in their zone and a signed Reply-To, and the giver a receipt', async () => {
    harness = await createHarness({ kind, now: '2026-11-24T14:00:00Z' });
    const h = harness;
    const result = await h.send({
      from: 'Maya Patel <maya@example.com>',
      to: 'handoff@handoffs.example.com',
      cc: 'bob@example.com',
      subject: 'Acme: hot lead',
      text: COMPLETE,
      messageId: '<giver-1@mail.example.com>',
    });
    expect(result).toMatchObject({ status: 'processed', outcome: 'handoff-opened' });
    const handoff = await findHandoff(h.db, result.handoffId!);
    // Tue 15:00 Berlin + 4 business hours (Mon–Thu 08:30–17:30): 2.5 h on Tuesday, 1.5 h on Wednesday.
    expect(handoff?.ack_deadline?.toISOString()).toBe('2026-11-25T09:00:00.000Z');
    expect(handoff?.ack_deadline_explanation).toBe(
      '4 business hours in Europe/Berlin, Mon–Thu 08:30–17:30, Fri 08:30–13:00',
    );

    const [toBob] = await mailTo(h, 'bob@example.com');
    expect(toBob).toBeDefined();
    const request = toBob!.parsed;
    expect(request.subject).toMatch(/^\[H-\d+\] /);
    expect(request.subject).toContain('Jane Roe');
    expect(request.headers.get('auto-submitted')).toBe('auto-generated');
    expect(request.text).toContain('Okta integration');
    expect(request.text).toContain('Wed 25 Nov 2026, 10:00');
    expect(request.text).toContain('Europe/Berlin');
    const replyTo = request.replyTo?.value[0]?.address ?? '';
    const token = /^reply\+(.+)@handoffs\.example\.com$/.exec(replyTo)?.[1];
    const check = verifyReplyToken(token ?? '', h.deps.secrets, h.clock.now());
    expect(check.ok && check.claims.handoffNumber).toBe(handoff?.number);
    expect(check.ok && check.claims.recipientTag).toBe(recipientTag(h.deps.secrets[0]!, 'bob@example.com'));

    const [toMaya] = await mailTo(h, 'maya@example.com');
    const receipt = toMaya!.parsed;
    expect(receipt.subject).toContain(`[H-${handoff?.number}]`);
    expect(receipt.inReplyTo).toBe('<giver-1@mail.example.com>');
    expect(receipt.references).toContain('<giver-1@mail.example.com>');
    expect(receipt.text).toContain('Bob Smith');
    // The deadline in both local times: Berlin and New York.
    expect(receipt.text).toContain('Wed 25 Nov 2026, 10:00');
    expect(receipt.text).toContain('Wed 25 Nov 2026, 04:00');
    expect((await mails(h)).length).toBe(2);
  });

  it('answers an incomplete handoff naming exactly the missing fields, and the giver’s reply completes it', async () => {
    harness = await createHarness({ kind });
    const h = harness;
    const first = await h.send({
      from: 'maya@example.com',
      to: ['handoff@handoffs.example.com', 'bob@example.com'],
      subject: 'lead',
      text: 'Lead: Jane Roe <jane@acme.io>\nChannel: email',
      messageId: '<giver-2@mail.example.com>',
    });
    expect(first.outcome).toBe('draft-missing-fields');
    const [ask] = await mailTo(h, 'maya@example.com');
    expect(ask!.parsed.text).toContain('Trigger');
    expect(ask!.parsed.text).toContain('Summary');
    expect(ask!.parsed.text).not.toMatch(/Timeline:/);
    expect(ask!.parsed.inReplyTo).toBe('<giver-2@mail.example.com>');
    expect(await mailTo(h, 'bob@example.com')).toHaveLength(0);

    const replyTo = ask!.parsed.replyTo!.value[0]!.address!;
    const second = await h.send(
      {
        from: 'Maya Patel <maya@example.com>',
        to: replyTo,
        subject: `Re: ${ask!.parsed.subject}`,
        inReplyTo: ask!.parsed.messageId!,
        references: [ask!.parsed.messageId!],
        text: [
          'Trigger: downloaded the SSO whitepaper',
          'Summary: Needs SAML for 300 seats.',
          '',
          'On Tue, Nov 24, 2026 at 9:00 AM Baton <handoff@handoffs.example.com> wrote:',
          '> Trigger:',
          '> Summary:',
        ].join('\n'),
      },
      [replyTo],
    );
    expect(second).toMatchObject({ outcome: 'handoff-opened', handoffId: first.handoffId });
    const handoff = await findHandoff(h.db, first.handoffId!);
    expect(handoff?.state).toBe('open');
    expect(handoff?.fields).toMatchObject({
      lead: 'Jane Roe <jane@acme.io>',
      trigger: 'downloaded the SSO whitepaper',
    });
    const [toBob] = await mailTo(h, 'bob@example.com');
    expect(toBob!.parsed.text).toContain('Needs SAML for 300 seats.');
  });

  it('creates nothing for a non-member sender and tells them why', async () => {
    harness = await createHarness({ kind });
    const h = harness;
    const result = await h.send({
      from: 'stranger@elsewhere.io',
      to: 'handoff@handoffs.example.com',
      cc: 'bob@example.com',
      subject: 'lead',
      text: COMPLETE,
    });
    expect(result.outcome).toBe('refused-unknown-sender');
    expect(await h.db.selectFrom('handoffs').select('id').execute()).toHaveLength(0);
    const [answer] = await mailTo(h, 'stranger@elsewhere.io');
    expect(answer!.parsed.text).toContain('stranger@elsewhere.io');
  });
});

describe('handing off by email: refusals and forwards', () => {
  it('never answers an auto-submitted message from a non-member, only logs it', async () => {
    harness = await createHarness();
    const h = harness;
    const result = await h.send({
      from: 'robot@elsewhere.io',
      to: 'handoff@handoffs.example.com',
      subject: 'Automatic reply',
      text: 'I am away',
      headers: { 'Auto-Submitted': 'auto-replied' },
    });
    expect(result.outcome).toBe('ignored-automatic');
    expect(await h.mailbox.list()).toHaveLength(0);
  });

  it('caps answers to one sender at three an hour', async () => {
    harness = await createHarness();
    const h = harness;
    for (let i = 0; i < 5; i++) {
      await h.send({
        from: 'stranger@elsewhere.io',
        to: 'handoff@handoffs.example.com',
        subject: `try ${i}`,
        text: 'x',
      });
      h.clock.advance(60_000);
    }
    expect(await mailTo(h, 'stranger@elsewhere.io')).toHaveLength(3);
    h.clock.advance(3_600_000);
    await h.send({
      from: 'stranger@elsewhere.io',
      to: 'handoff@handoffs.example.com',
      subject: 'later',
      text: 'x',
    });
    expect(await mailTo(h, 'stranger@elsewhere.io')).toHaveLength(4);
  });

  it('tells the giver who Baton knows when the receiver is unknown', async () => {
    harness = await createHarness();
    const h = harness;
    const result = await h.send({
      from: 'maya@example.com',
      to: 'handoff@handoffs.example.com',
      subject: 'lead',
      text: `Receiver: Zed Nobody\n${COMPLETE}`,
    });
    expect(result.outcome).toBe('refused-unknown-receiver');
    const [answer] = await mailTo(h, 'maya@example.com');
    expect(answer!.parsed.text).toContain('Zed Nobody');
    expect(answer!.parsed.text).toContain('bob@example.com');
    expect(answer!.parsed.text).toContain('Sales leads');
  });

  it('takes the lead’s name and address from a forwarded Gmail email and keeps it as context', async () => {
    harness = await createHarness();
    const h = harness;
    const result = await h.send({
      from: 'maya@example.com',
      to: 'handoff@handoffs.example.com',
      cc: 'sam@example.com',
      subject: 'Fwd: Question about SSO',
      text: [
        'Trigger: replied to our nurture email',
        'Summary: Asks whether we support SCIM. Team of 40.',
        '',
        '---------- Forwarded message ---------',
        'From: Jane Roe <jane@acme.io>',
        'Date: Mon, Nov 23, 2026 at 4:12 PM',
        'Subject: Question about SSO',
        'To: Maya Patel <maya@example.com>',
        '',
        'Hi Maya, do you support SCIM provisioning with Okta?',
        'Thanks, Jane',
      ].join('\n'),
    });
    expect(result.outcome).toBe('handoff-opened');
    const handoff = await findHandoff(h.db, result.handoffId!);
    expect(handoff?.fields.lead).toBe('Jane Roe <jane@acme.io>');
    expect(handoff?.forwarded?.body).toContain('SCIM provisioning');
    expect(handoff?.trigger_at?.toISOString().slice(0, 10)).toBe('2026-11-23');
    const [toSam] = await mailTo(h, 'sam@example.com');
    expect(toSam!.parsed.text).toContain('do you support SCIM provisioning with Okta?');
  });

  it('reads fields from an HTML-only email', async () => {
    harness = await createHarness();
    const h = harness;
    const result = await h.send({
      from: 'maya@example.com',
      to: 'handoff@handoffs.example.com',
      cc: 'bob@example.com',
      subject: 'lead',
      html: '<div><b>Lead:</b> Jane Roe</div><div><b>Trigger:</b> demo request</div><p>Summary: wants a pilot<br>for two teams</p>',
    });
    expect(result.outcome).toBe('handoff-opened');
    const handoff = await findHandoff(h.db, result.handoffId!);
    expect(handoff?.fields).toMatchObject({
      lead: 'Jane Roe',
      trigger: 'demo request',
      summary: 'wants a pilot\nfor two teams',
    });
  });

  it('processes the same message once however often it arrives', async () => {
    harness = await createHarness();
    const h = harness;
    const message = {
      from: 'maya@example.com',
      to: 'handoff@handoffs.example.com',
      cc: 'bob@example.com',
      subject: 'lead',
      text: COMPLETE,
      messageId: '<same@mail.example.com>',
    };
    const first = await h.send(message);
    const again = await h.send(message);
    expect(again).toMatchObject({ duplicate: true, inboundId: first.inboundId, handoffId: first.handoffId });
    expect(await h.db.selectFrom('handoffs').select('id').execute()).toHaveLength(1);
    expect(await mailTo(h, 'bob@example.com')).toHaveLength(1);
  });

  it('keeps a message that failed processing with its error, and replays it once the cause is fixed', async () => {
    harness = await createHarness();
    const h = harness;
    // Processing fails inside the pipeline's transaction (rendering happens later, at delivery).
    const handoffs = h.deps.store.handoffs;
    h.deps.store = {
      ...h.deps.store,
      handoffs: {
        ...handoffs,
        insert: async () => {
          throw new Error('template exploded');
        },
      },
    };
    const failed = await h.send({
      from: 'maya@example.com',
      to: 'handoff@handoffs.example.com',
      cc: 'bob@example.com',
      subject: 'lead',
      text: COMPLETE,
    });
    expect(failed.status).toBe('failed');
    const row = await h.db
      .selectFrom('inbound_messages')
      .selectAll()
      .where('id', '=', failed.inboundId)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      status: 'failed',
      error_kind: 'processing',
      error_message: 'template exploded',
    });
    expect(Buffer.from(row.raw).toString()).toContain('Okta integration');
    expect(await h.db.selectFrom('handoffs').select('id').execute()).toHaveLength(0);

    h.deps.store = { ...h.deps.store, handoffs };
    const replayed = await processInbound(h.deps, parseMime, failed.inboundId);
    expect(replayed).toMatchObject({ status: 'processed', outcome: 'handoff-opened' });
    expect(await mailTo(h, 'bob@example.com')).toHaveLength(1);
  });

  it('opens the handoff even when an email cannot be rendered, and keeps that email failed in the outbox', async () => {
    harness = await createHarness();
    const h = harness;
    const render = h.deps.render;
    h.deps.render = async (kind, props) => {
      if (kind === 'handoff-receipt') throw new Error('template exploded');
      return render(kind, props);
    };
    const result = await h.send({
      from: 'maya@example.com',
      to: 'handoff@handoffs.example.com',
      cc: 'bob@example.com',
      subject: 'lead',
      text: COMPLETE,
    });
    expect(result).toMatchObject({ status: 'processed', outcome: 'handoff-opened' });
    expect(await mailTo(h, 'bob@example.com')).toHaveLength(1);
    expect(await mailTo(h, 'maya@example.com')).toHaveLength(0);
    const outbox = await h.db
      .selectFrom('outbound_messages')
      .select(['kind', 'status', 'last_error'])
      .execute();
    expect(outbox).toContainEqual({
      kind: 'handoff-receipt',
      status: 'failed',
      last_error: 'render failed: template exploded',
    });
  });

  it('ignores mail to an address Baton does not have', async () => {
    harness = await createHarness();
    const result = await harness.send({
      from: 'maya@example.com',
      to: 'sales@handoffs.example.com',
      subject: 'x',
      text: COMPLETE,
    });
    expect(result.outcome).toBe('ignored-unknown-address');
  });
});
