import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRuntime, stopRuntimes } from '../support/node-runtime.ts';
import { freePort } from '../support/postgres.ts';
import { teamConfig } from '../support/team-config.ts';

const ROOT = new URL('../..', import.meta.url).pathname;

/** A Resend API that holds every send until the test lets it answer: a provider as slow as we like. */
function heldResend() {
  const held: { body: { to: string[] }; key: string | undefined; answer: () => void }[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let data = '';
    req.on('data', (chunk) => {
      data += chunk;
    });
    req.on('end', () => {
      held.push({
        body: JSON.parse(data),
        key: req.headers['idempotency-key'] as string | undefined,
        answer: () => {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ id: `re_${held.length}` }));
        },
      });
    });
  });
  return { server, held };
}

async function until(check: () => boolean, ms: number) {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('the SMTP listener and a slow mail provider', () => {
  const resend = heldResend();
  let child: ChildProcess;
  let smtpPort: number;
  let dir: string;
  const output: string[] = [];

  beforeAll(async () => {
    await new Promise<void>((resolve) => resend.server.listen(0, '127.0.0.1', resolve));
    const resendPort = (resend.server.address() as AddressInfo).port;
    dir = mkdtempSync(join(tmpdir(), 'baton-smtp-accept-'));
    writeFileSync(join(dir, 'baton.config.json'), JSON.stringify(teamConfig));
    smtpPort = await freePort();
    child = spawn(process.execPath, [join(ROOT, 'bin/baton.js'), 'start'], {
      cwd: dir,
      env: {
        ...process.env,
        BATON_CONFIG: join(dir, 'baton.config.json'),
        BATON_DATA_DIR: dir,
        PORT: String(await freePort()),
        SMTP_PORT: String(smtpPort),
        RESEND_API_KEY: 're_test',
        RESEND_BASE_URL: `http://127.0.0.1:${resendPort}`,
        BATON_TICK_SECONDS: '3600',
        DATABASE_URL: '',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (d: Buffer) => output.push(d.toString()));
    child.stderr?.on('data', (d: Buffer) => output.push(d.toString()));
    await until(() => output.join('').includes('Baton is running'), 30_000);
  });

  afterAll(async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    resend.server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers 250 once the message is stored, before the provider has answered a single send', async () => {
    const client = nodemailer.createTransport({ host: '127.0.0.1', port: smtpPort, ignoreTLS: true });
    const info = await client.sendMail({
      from: 'Maya Patel <maya@example.com>',
      to: 'handoff@handoffs.example.com',
      cc: 'Bob Smith <bob@example.com>',
      subject: 'Acme wants SSO',
      text: 'Lead: Jane Roe <jane@acme.io>\nTrigger: pricing webinar\nSummary: Wants SSO for 300 seats.',
    });
    expect(info.response).toMatch(/^250/);
    // The provider has answered nothing yet: the sends go out one after another, after the 250.
    await until(() => resend.held.length === 1, 10_000);
    resend.held[0]!.answer();
    await until(() => resend.held.length === 2, 10_000);
    resend.held[1]!.answer();
    const recipients = resend.held.map((s) => s.body.to.join(',')).sort();
    expect(recipients).toEqual(['bob@example.com', 'maya@example.com']);
    // Each send carries its outbox id, so a retry after a crash cannot send twice.
    expect(new Set(resend.held.map((s) => s.key)).size).toBe(2);
  });
});

describe('a burst of mail over several SMTP connections', () => {
  afterAll(stopRuntimes);

  it('accepts every message of a burst over five connections and processes each once in the background', async () => {
    const r = await startRuntime({ senderAuthentication: 'off' }, { apiToken: 'burst-token' });
    const client = nodemailer.createTransport({
      host: '127.0.0.1',
      port: r.runtime.smtpPort,
      ignoreTLS: true,
      pool: true,
      maxConnections: 5,
    });
    const responses = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        client.sendMail({
          from: 'Maya Patel <maya@example.com>',
          to: 'handoff@handoffs.example.com',
          cc: 'Bob Smith <bob@example.com>',
          subject: `Lead ${i} wants SSO`,
          messageId: `<burst-${i}@mail.example.com>`,
          text: `Lead: Lead ${i} <lead${i}@acme.io>\nTrigger: pricing webinar\nSummary: Wants SSO for ${i} seats.`,
        }),
      ),
    );
    client.close();
    expect(responses.every((info) => info.response.startsWith('250'))).toBe(true);
    // Stopped right after the last 250: each accepted message ends processed, once.
    await r.stop();
    const inbound = await r.inbound();
    expect(inbound).toHaveLength(30);
    expect(inbound.every((row) => row.outcome === 'handoff-opened')).toBe(true);
    const handoffs = await r.handoffs();
    expect(handoffs).toHaveLength(30);
    expect(new Set(handoffs.map((h) => h.number)).size).toBe(30);
    const toBob = (await r.outbox()).filter((e) => e.kind === 'handoff-request');
    expect(toBob).toHaveLength(30);
  });
});
