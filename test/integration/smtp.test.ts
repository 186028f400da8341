import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import nodemailer from 'nodemailer';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  type InboundEnvelope,
  type InboundVerdict,
  type SmtpListener,
  type SmtpOptions,
  startSmtp,
} from '../../src/adapters/mail-in/smtp.ts';

type Received = { raw: Buffer; envelope: InboundEnvelope };

const RAW = [
  'From: Sam Lee <sam@example.com>',
  'To: reply+tok123@handoffs.example.com',
  'Subject: Re: Handoff H-1042',
  'Message-ID: <reply-1@example.com>',
  'In-Reply-To: <h-1042.r1.abc@handoffs.example.com>',
  'Date: Tue, 24 Nov 2026 08:30:00 +0000',
  'Content-Type: text/plain; charset=utf-8',
  '',
  'Got it, calling them tomorrow at 10.',
  '.a line that starts with a dot survives dot-stuffing',
  '',
  '> On Tuesday Baton wrote:',
  '> please acknowledge',
  '',
].join('\r\n');

function recorder() {
  const lines: { level: string; msg: string; data?: object }[] = [];
  const at = (level: string) => (msg: string, data?: object) => {
    lines.push({ level, msg, ...(data ? { data } : {}) });
  };
  return { lines, log: { info: at('info'), warn: at('warn'), error: at('error') } };
}

const onlyMailDomain = (address: string): InboundVerdict =>
  address.toLowerCase().endsWith('@handoffs.example.com')
    ? { ok: true }
    : { ok: false, code: 550, message: 'No such recipient here' };

describe('SMTP listener', () => {
  const listeners: SmtpListener[] = [];
  let received: Received[];
  let logs: ReturnType<typeof recorder>;

  async function start(overrides: Partial<SmtpOptions> = {}): Promise<SmtpListener> {
    received = [];
    logs = recorder();
    const listener = await startSmtp({
      host: '127.0.0.1',
      port: 0,
      acceptRecipient: onlyMailDomain,
      async onMessage(raw, envelope) {
        received.push({ raw, envelope });
        return { ok: true };
      },
      log: logs.log,
      ...overrides,
    });
    listeners.push(listener);
    return listener;
  }

  function transport(port: number, extra: Record<string, unknown> = {}) {
    return nodemailer.createTransport({ host: '127.0.0.1', port, ignoreTLS: true, ...extra });
  }

  afterEach(async () => {
    await Promise.all(listeners.splice(0).map((l) => l.close()));
  });

  it('delivers a message: onMessage gets the exact bytes and the envelope, the client gets 250', async () => {
    const { port } = await start();
    expect(port).toBeGreaterThan(0);
    const info = await transport(port).sendMail({
      envelope: {
        from: 'sam@example.com',
        to: ['reply+tok123@handoffs.example.com', 'other@handoffs.example.com'],
      },
      raw: RAW,
    });
    expect(info.response).toMatch(/^250 /);
    expect(received).toHaveLength(1);
    expect(received[0]!.raw.toString('utf8')).toBe(RAW);
    expect(received[0]!.envelope).toEqual({
      mailFrom: 'sam@example.com',
      rcptTo: ['reply+tok123@handoffs.example.com', 'other@handoffs.example.com'],
      remoteAddress: '127.0.0.1',
      helo: expect.any(String),
    });
  });

  it('reports the null sender of a bounce as mailFrom null', async () => {
    const { port } = await start();
    const replies = await converse(port, [
      'EHLO test',
      'MAIL FROM:<>',
      'RCPT TO:<bounce+1@handoffs.example.com>',
      'DATA',
      'Subject: bounce\r\n\r\nundeliverable\r\n.',
      'QUIT',
    ]);
    expect(replies.at(-2)).toMatch(/^250 /);
    expect(received[0]!.envelope.mailFrom).toBeNull();
  });

  it('refuses an unknown recipient with 550 at RCPT TO and never calls onMessage', async () => {
    const { port } = await start();
    const error = await transport(port)
      .sendMail({ envelope: { from: 'sam@example.com', to: ['someone@elsewhere.com'] }, raw: RAW })
      .then(
        () => null,
        (e: { responseCode?: number; command?: string; response?: string }) => e,
      );
    expect(error?.responseCode).toBe(550);
    expect(error?.command).toBe('RCPT TO');
    expect(error?.response).toContain('No such recipient here');
    expect(error?.response).not.toMatch(/550.*550/);
    expect(received).toHaveLength(0);
  });

  it('returns the code of an onMessage refusal to the client', async () => {
    const { port } = await start({
      async onMessage() {
        return { ok: false, code: 554, message: 'Handoff H-1042 is closed' };
      },
    });
    const error = await transport(port)
      .sendMail({
        envelope: { from: 'sam@example.com', to: ['reply+tok123@handoffs.example.com'] },
        raw: RAW,
      })
      .then(
        () => null,
        (e: { responseCode?: number; response?: string }) => e,
      );
    expect(error?.responseCode).toBe(554);
    expect(error?.response).toContain('Handoff H-1042 is closed');
    expect(error?.response).not.toMatch(/554.*554/);
  });

  it('answers 451 and logs when onMessage throws, and keeps serving', async () => {
    let calls = 0;
    const { port } = await start({
      async onMessage() {
        calls += 1;
        if (calls === 1) throw new Error('database unavailable');
        return { ok: true };
      },
    });
    const send = () =>
      transport(port).sendMail({
        envelope: { from: 'sam@example.com', to: ['reply+tok123@handoffs.example.com'] },
        raw: RAW,
      });
    const error = await send().then(
      () => null,
      (e: { responseCode?: number }) => e,
    );
    expect(error?.responseCode).toBe(451);
    expect(logs.lines).toContainEqual(
      expect.objectContaining({
        level: 'error',
        data: expect.objectContaining({ error: 'database unavailable' }),
      }),
    );
    await expect(send()).resolves.toMatchObject({ response: expect.stringMatching(/^250 /) });
  });

  it('refuses a message over the size limit with 552', async () => {
    const { port } = await start({ maxSize: 1024 });
    const big = `${RAW}${'x'.repeat(76)}\r\n`.repeat(40);
    const error = await transport(port)
      .sendMail({
        envelope: { from: 'sam@example.com', to: ['reply+tok123@handoffs.example.com'] },
        raw: big,
      })
      .then(
        () => null,
        (e: { responseCode?: number }) => e,
      );
    expect(error?.responseCode).toBe(552);
    expect(received).toHaveLength(0);
  });

  it('refuses an oversized DATA stream with 552 even when the client declared no size', async () => {
    const { port } = await start({ maxSize: 1024 });
    const replies = await converse(port, [
      'EHLO test',
      'MAIL FROM:<sam@example.com>',
      'RCPT TO:<reply+tok123@handoffs.example.com>',
      'DATA',
      `Subject: big\r\n\r\n${`${'y'.repeat(98)}\r\n`.repeat(30)}.`,
      'QUIT',
    ]);
    expect(replies.at(-2)).toMatch(/^552 /);
    expect(received).toHaveLength(0);
  });

  it('does not offer STARTTLS without a certificate', async () => {
    const { port } = await start();
    const error = await transport(port, { ignoreTLS: false, requireTLS: true })
      .sendMail({
        envelope: { from: 'sam@example.com', to: ['reply+tok123@handoffs.example.com'] },
        raw: RAW,
      })
      .then(
        () => null,
        (e: Error) => e,
      );
    expect(error).not.toBeNull();
    expect(received).toHaveLength(0);
  });

  describe('with a certificate', () => {
    let certDir: string;
    let tls: { key: Buffer; cert: Buffer };

    beforeAll(async () => {
      certDir = await mkdtemp(join(tmpdir(), 'baton-smtp-tls-'));
      const keyPath = join(certDir, 'key.pem');
      const certPath = join(certDir, 'cert.pem');
      await promisify(execFile)('openssl', [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-subj',
        '/CN=localhost',
        '-days',
        '1',
        '-keyout',
        keyPath,
        '-out',
        certPath,
      ]);
      tls = { key: await readFile(keyPath), cert: await readFile(certPath) };
    });
    afterAll(async () => {
      await rm(certDir, { recursive: true, force: true });
    });

    it('upgrades the session with STARTTLS and delivers', async () => {
      const { port } = await start({ tls });
      const replies = await converse(port, ['EHLO test', 'QUIT']);
      expect(replies[1]).toContain('STARTTLS');

      const info = await transport(port, {
        ignoreTLS: false,
        requireTLS: true,
        tls: { rejectUnauthorized: false },
      }).sendMail({
        envelope: { from: 'sam@example.com', to: ['reply+tok123@handoffs.example.com'] },
        raw: RAW,
      });
      expect(info.response).toMatch(/^250 /);
      expect(received[0]!.raw.toString('utf8')).toBe(RAW);
    });
  });

  it('closes gracefully: a message in flight is still answered, then new connections are refused', async () => {
    let release = () => {};
    let entered = () => {};
    const inOnMessage = new Promise<void>((resolve) => {
      entered = resolve;
    });
    const listener = await start({
      async onMessage(raw, envelope) {
        entered();
        await new Promise<void>((resolve) => {
          release = resolve;
        });
        received.push({ raw, envelope });
        return { ok: true };
      },
    });
    const sending = transport(listener.port).sendMail({
      envelope: { from: 'sam@example.com', to: ['reply+tok123@handoffs.example.com'] },
      raw: RAW,
    });
    await inOnMessage;
    const closing = listener.close();
    release();
    await expect(sending).resolves.toMatchObject({ response: expect.stringMatching(/^250 /) });
    await closing;
    await listener.close();
    expect(received).toHaveLength(1);

    const refused = await new Promise<string | undefined>((resolve) => {
      const socket = connect(listener.port, '127.0.0.1');
      socket.on('connect', () => {
        socket.destroy();
        resolve(undefined);
      });
      socket.on('error', (e: NodeJS.ErrnoException) => resolve(e.code));
    });
    expect(refused).toBe('ECONNREFUSED');
  });
});

/**
 * A plain-socket SMTP client: sends each command after the previous reply and returns every
 * reply (the greeting first), for protocol details nodemailer hides.
 */
function converse(port: number, commands: string[]): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const replies: string[] = [];
    let buffer = '';
    let next = 0;
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      // A reply is complete at a line with a space after the code (the last line of a multi-line reply).
      for (let match = /^(?:\d{3}-.*\r\n)*\d{3}(?: .*)?\r\n/.exec(buffer); match; ) {
        replies.push(match[0].trimEnd());
        buffer = buffer.slice(match[0].length);
        if (next < commands.length) socket.write(`${commands[next++]}\r\n`);
        else socket.end();
        match = /^(?:\d{3}-.*\r\n)*\d{3}(?: .*)?\r\n/.exec(buffer);
      }
    });
    socket.on('end', () => resolve(replies));
    socket.on('close', () => resolve(replies));
    socket.on('error', reject);
  });
}
