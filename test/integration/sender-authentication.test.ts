import { execFile } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { dkimSign } from 'mailauth';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DNSResolver } from '../../src/adapters/mail-in/authenticate-sender.ts';
import { replyAddress } from '../../src/core/addresses.ts';
import { type Running, startRuntime, stopRuntimes } from '../support/node-runtime.ts';

const ROOT = new URL('../..', import.meta.url).pathname;
const API_TOKEN = 'auth-test-token';

/** example.com as the tests publish it: a DKIM key under selector s1 and DMARC p=reject. */
let records: Record<string, string[][]>;
let privateKey: string;

const resolver: DNSResolver = async (name, rrtype) => {
  const found = records[`${name.toLowerCase()}:${rrtype}`];
  if (found) return found;
  throw Object.assign(new Error(`query${rrtype} ENOTFOUND ${name}`), { code: 'ENOTFOUND' });
};

beforeAll(() => {
  const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
  privateKey = pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const publicKey = pair.publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
  records = {
    's1._domainkey.example.com:TXT': [[`v=DKIM1; k=rsa; p=${publicKey}`]],
    '_dmarc.example.com:TXT': [['v=DMARC1; p=reject']],
  };
});

function message(lines: {
  from: string;
  to: string;
  cc?: string;
  subject: string;
  id: string;
  body: string;
}) {
  return [
    `From: ${lines.from}`,
    `To: ${lines.to}`,
    ...(lines.cc ? [`Cc: ${lines.cc}`] : []),
    `Subject: ${lines.subject}`,
    `Message-ID: <${lines.id}@mail.example.com>`,
    `Date: ${new Date().toUTCString()}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    lines.body,
    '',
  ].join('\r\n');
}

async function signed(raw: string, domain = 'example.com'): Promise<string> {
  // mailauth signs only what `signatureData` lists; its type also asks for the top-level fields.
  const key = { signingDomain: domain, selector: 's1', privateKey };
  const result = await dkimSign(raw, { ...key, signatureData: [key] });
  expect(result.signatures.match(/^DKIM-Signature:/gm)).toHaveLength(1);
  expect(result.errors).toEqual([]);
  return result.signatures + raw;
}

const newHandoff = (id: string) =>
  message({
    from: 'Maya Patel <maya@example.com>',
    to: 'handoff@handoffs.example.com',
    cc: 'Bob Smith <bob@example.com>',
    subject: 'Acme wants SSO',
    id,
    body: 'Lead: Jane Roe <jane@acme.io>\r\nTrigger: pricing webinar\r\nSummary: Wants SSO for 300 seats.',
  });

afterEach(stopRuntimes);

const start = (config: Record<string, unknown>) => startRuntime(config, { apiToken: API_TOKEN, resolver });

const required = { senderAuthentication: 'required', trustedRelays: ['10.0.0.0/8'] };

async function timeline(r: Running, id: string) {
  const response = await fetch(`http://127.0.0.1:${r.runtime.httpPort}/api/handoffs/${id}`, {
    headers: { authorization: `Bearer ${API_TOKEN}` },
  });
  expect(response.status).toBe(200);
  const body = (await response.json()) as {
    state: string;
    timeline: { kind: string; actor: string; authentication: { verdict: string; summary: string } | null }[];
  };
  return body;
}

describe('sender authentication on the SMTP path', () => {
  it('opens a handoff from a member whose email carries a valid DKIM signature, and shows the verdict on its timeline', async () => {
    const r = await start(required);
    expect(await r.send(await signed(newHandoff('signed-1')))).toMatch(/^250/);
    const [row] = await r.inbound();
    expect(row).toMatchObject({
      outcome: 'handoff-opened',
      authentication: { verdict: 'pass', dmarc: 'pass', policy: 'reject', fromDomain: 'example.com' },
    });
    const [handoff] = await r.handoffs();
    expect(handoff).toMatchObject({ state: 'open', giver_email: 'maya@example.com' });
    const view = await timeline(r, handoff!.id);
    const created = view.timeline.find((e) => e.kind === 'created');
    expect(created?.authentication).toMatchObject({ verdict: 'pass' });
    expect(created?.authentication?.summary).toBe('sender authenticated: DMARC pass for example.com');
    const mailbox = await r.stop();
    expect(mailbox.length).toBeGreaterThanOrEqual(2);
  });

  it('ignores a handoff whose signed body was changed after signing (DKIM neutral, DMARC fail) and answers nobody', async () => {
    const r = await start(required);
    const tampered = (await signed(newHandoff('tampered-1'))).replace('300 seats', '3000 seats');
    expect(await r.send(tampered)).toMatch(/^250/);
    const [row] = await r.inbound();
    expect(row).toMatchObject({
      outcome: 'ignored-unauthenticated',
      authentication: {
        verdict: 'fail',
        dmarc: 'fail',
        dkim: [{ domain: 'example.com', result: 'neutral' }],
      },
    });
    expect(await r.handoffs()).toEqual([]);
    expect(await r.outbox()).toEqual([]);
    expect(await r.stop()).toEqual([]);
  });

  it('ignores an unsigned handoff From a member on a p=reject domain, answers nobody, and lists it with its verdict', async () => {
    const r = await start(required);
    expect(await r.send(newHandoff('forged-1'))).toMatch(/^250/);
    const [row] = await r.inbound();
    expect(row).toMatchObject({
      outcome: 'ignored-unauthenticated',
      authentication: { verdict: 'fail', dmarc: 'fail', policy: 'reject' },
    });
    expect(await r.handoffs()).toEqual([]);
    expect(await r.outbox()).toEqual([]);
    expect(await r.stop()).toEqual([]);
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [join(ROOT, 'bin/baton.js'), 'inbound', 'list'],
      {
        cwd: r.dataDir,
        env: { ...process.env, DATABASE_URL: r.databaseUrl, BATON_DATA_DIR: r.dataDir },
      },
    );
    expect(stdout).toMatch(
      /maya@example\.com {2}processed ignored-unauthenticated {2}auth fail: DMARC fail \(p=reject\), no aligned DKIM signature for example\.com/,
    );
  });

  it('does not let a relay outside trustedRelays vouch for itself with its own Authentication-Results header', async () => {
    const r = await start(required);
    const vouched = `Authentication-Results: mx.relay.example; dkim=pass header.d=example.com; spf=pass smtp.mailfrom=example.com; dmarc=pass header.from=example.com\r\n${newHandoff('self-vouched-1')}`;
    expect(await r.send(vouched)).toMatch(/^250/);
    const [row] = await r.inbound();
    expect(row).toMatchObject({
      outcome: 'ignored-unauthenticated',
      authentication: { verdict: 'fail', method: 'checked' },
    });
    expect(await r.handoffs()).toEqual([]);
    expect(await r.stop()).toEqual([]);
  });

  it('believes a relay inside trustedRelays by the topmost Authentication-Results header it added, not by one beneath it', async () => {
    const r = await start({ senderAuthentication: 'required', trustedRelays: ['127.0.0.1/32'] });
    const passed = `Authentication-Results: mx.relay.example; dkim=none; spf=pass smtp.mailfrom=example.com; dmarc=pass (p=reject) header.from=example.com\r\n${newHandoff('relayed-1')}`;
    expect(await r.send(passed)).toMatch(/^250/);
    // The relay says fail on top; the pass below it was written by the sender.
    const failed = `Authentication-Results: mx.relay.example; dkim=none; dmarc=fail (p=reject) header.from=example.com\r\nAuthentication-Results: mx.relay.example; dmarc=pass header.from=example.com\r\n${newHandoff('relayed-2').replace('Acme wants SSO', 'Globex wants SSO')}`;
    expect(await r.send(failed)).toMatch(/^250/);
    const rows = await r.inbound();
    expect(rows.map((row) => row.outcome)).toEqual(['handoff-opened', 'ignored-unauthenticated']);
    expect(rows[0]!.authentication).toMatchObject({
      verdict: 'pass',
      method: 'relay-header',
      relay: '127.0.0.1',
    });
    expect(rows[1]!.authentication).toMatchObject({ verdict: 'fail', method: 'relay-header', dmarc: 'fail' });
    expect(await r.handoffs()).toHaveLength(1);
  });

  it('ignores a forged reply from the receiver: the handoff stays open, nobody is written, and its timeline shows the forged message failed', async () => {
    const r = await start(required);
    await r.send(await signed(newHandoff('open-1')));
    const [handoff] = await r.handoffs();
    const address = replyAddress(
      r.runtime.deps.tokens.sign(handoff!.number, 'bob@example.com', new Date()),
      'handoffs.example.com',
    );
    const before = (await r.outbox()).length;
    const forged = message({
      from: 'Bob Smith <bob@example.com>',
      to: address,
      subject: 'Re: Acme wants SSO',
      id: 'forged-reply-1',
      body: 'Called them, demo booked.',
    });
    expect(await r.send(forged, { from: 'bob@example.com', to: [address] })).toMatch(/^250/);
    const rows = await r.inbound();
    expect(rows[1]).toMatchObject({
      outcome: 'ignored-unauthenticated',
      handoff_id: handoff!.id,
      authentication: { verdict: 'fail' },
    });
    const view = await timeline(r, handoff!.id);
    expect(view.state).toBe('open');
    const ignored = view.timeline.find((e) => e.kind === 'message-not-acted-on');
    expect(ignored).toMatchObject({ actor: 'bob@example.com', authentication: { verdict: 'fail' } });
    expect(ignored?.authentication?.summary).toMatch(/^sender authentication failed: DMARC fail/);
    expect((await r.outbox()).length).toBe(before);

    // The same words, signed by example.com, are acted on.
    const genuine = await signed(forged.replace('forged-reply-1', 'genuine-reply-1'));
    await r.send(genuine, { from: 'bob@example.com', to: [address] });
    // The row first: when the state is not reached, its outcome and verdict say why.
    expect((await r.inbound())[2]).toMatchObject({
      handoff_id: handoff!.id,
      authentication: { verdict: 'pass' },
    });
    expect((await r.handoffs())[0]!.state).toBe('done');
  });

  it('ignores a forged fill-in of missing fields: the draft stays a draft and the giver is not written again', async () => {
    const r = await start(required);
    const incomplete = message({
      from: 'Maya Patel <maya@example.com>',
      to: 'handoff@handoffs.example.com',
      cc: 'Bob Smith <bob@example.com>',
      subject: 'Initech lead',
      id: 'draft-1',
      body: 'Lead: Peter Gibbons <peter@initech.com>',
    });
    await r.send(await signed(incomplete));
    const [draft] = await r.handoffs();
    expect(draft!.state).toBe('draft');
    const address = replyAddress(
      r.runtime.deps.tokens.sign(draft!.number, 'maya@example.com', new Date()),
      'handoffs.example.com',
    );
    const before = await r.outbox();
    expect(before.map((e) => e.kind)).toEqual(['missing-fields']);
    const fillIn = message({
      from: 'Maya Patel <maya@example.com>',
      to: address,
      subject: 'Re: Initech lead',
      id: 'fill-in-1',
      body: 'Trigger: TPS report webinar\r\nSummary: Wants a new stapler workflow for 40 people.',
    });
    await r.send(fillIn, { from: 'maya@example.com', to: [address] });
    expect((await r.inbound())[1]).toMatchObject({ outcome: 'ignored-unauthenticated' });
    expect((await r.handoffs())[0]!.state).toBe('draft');
    expect(await r.outbox()).toEqual(before);
  });
});

describe('sender authentication off', () => {
  it('acts on an unsigned member email and says at start that authentication is off', async () => {
    const r = await start({ senderAuthentication: 'off' });
    await r.send(newHandoff('unsigned-1'));
    expect((await r.inbound())[0]).toMatchObject({ outcome: 'handoff-opened', authentication: null });
    expect(r.logs.filter((l) => l.includes('sender authentication is off'))).toHaveLength(1);
  });
});
