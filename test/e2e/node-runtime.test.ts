import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/postgres.ts';
import { teamConfig } from '../support/team-config.ts';

const ROOT = new URL('../..', import.meta.url).pathname;
const TOKEN = 'e2e-token';

interface Running {
  child: ChildProcess;
  output: string[];
  httpPort: number;
  smtpPort: number;
}

async function startBaton(dataDir: string, configPath: string): Promise<Running> {
  const [httpPort, smtpPort] = [await freePort(), await freePort()];
  const output: string[] = [];
  const child = spawn(process.execPath, [join(ROOT, 'bin/baton.js'), 'start'], {
    cwd: dataDir,
    env: {
      ...process.env,
      BATON_CONFIG: configPath,
      BATON_DATA_DIR: dataDir,
      PORT: String(httpPort),
      SMTP_PORT: String(smtpPort),
      BATON_API_TOKENS: TOKEN,
      BATON_TICK_SECONDS: '1',
      RESEND_API_KEY: '',
      DATABASE_URL: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d: Buffer) => output.push(d.toString()));
  child.stderr?.on('data', (d: Buffer) => output.push(d.toString()));
  // PGlite's first start is slow on a loaded machine: give it time, the test waits only as long as needed.
  const deadline = Date.now() + 90_000;
  while (!output.join('').includes('Baton is running')) {
    if (child.exitCode !== null) throw new Error(`baton exited ${child.exitCode}: ${output.join('')}`);
    if (Date.now() > deadline) throw new Error(`baton did not start: ${output.join('')}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return { child, output, httpPort, smtpPort };
}

/** A mail client talking plain SMTP to the running Baton. */
function smtpClient(running: Running) {
  return nodemailer.createTransport({
    host: '127.0.0.1',
    port: running.smtpPort,
    secure: false,
    ignoreTLS: true,
  });
}

async function stopBaton(running: Running): Promise<number | null> {
  if (running.child.exitCode !== null) return running.child.exitCode;
  const exited = new Promise<number | null>((resolve) => running.child.once('exit', (code) => resolve(code)));
  running.child.kill('SIGTERM');
  return exited;
}

async function waitForFile(
  dir: string,
  predicate: (name: string, body: string) => boolean,
  timeoutMs: number,
) {
  const start = Date.now();
  while (Date.now() - start < timeoutMs) {
    if (existsSync(dir)) {
      for (const name of readdirSync(dir)) {
        if (!name.endsWith('.eml')) continue;
        const body = readFileSync(join(dir, name), 'utf8');
        if (predicate(name, body)) return { name, body, elapsed: Date.now() - start };
      }
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`no matching .eml in ${dir} within ${timeoutMs} ms`);
}

describe('the Node runtime, end to end', () => {
  let dataDir: string;
  let configPath: string;
  let baton: Running;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'baton-e2e-'));
    configPath = join(dataDir, 'baton.config.json');
    // The team config plus a playbook with a 15-second calendar window, so the clock can be watched live.
    const quick = {
      id: 'quick',
      name: 'Quick',
      fields: [{ key: 'lead', label: 'Lead', required: true }],
      ackWithin: '15s',
      escalate: [{ after: '0', to: ['manager'], deliver: 'immediately' }],
    };
    writeFileSync(
      configPath,
      JSON.stringify({
        ...teamConfig,
        maxMessageBytes: 256 * 1024,
        playbooks: [...teamConfig.playbooks, quick],
      }),
    );
    baton = await startBaton(dataDir, configPath);
  }, 60_000);

  afterAll(async () => {
    if (baton) await stopBaton(baton);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('takes a handoff over a real SMTP session and writes the receiver’s email and the giver’s receipt to the mailbox', async () => {
    const transport = smtpClient(baton);
    await transport.sendMail({
      from: 'Maya Patel <maya@example.com>',
      to: 'handoff@handoffs.example.com',
      cc: 'Bob Smith <bob@example.com>',
      subject: 'Acme: hot lead',
      messageId: '<e2e-1@mail.example.com>',
      text: 'Lead: Jane Roe <jane@acme.io>\nTrigger: pricing webinar\nSummary: Wants SSO for 300 seats.\nChannel: phone',
    });
    const mailbox = join(dataDir, 'mailbox');
    const request = await waitForFile(mailbox, (_, body) => /^To: .*bob@example\.com/im.test(body), 5_000);
    const parsed = await simpleParser(request.body);
    expect(parsed.subject).toMatch(/^\[H-\d+\] /);
    expect(parsed.replyTo?.text).toMatch(/^reply\+[a-z0-9.]+@handoffs\.example\.com$/);
    expect(parsed.headers.get('auto-submitted')).toBe('auto-generated');
    expect(parsed.text).toContain('Europe/Berlin');

    const receipt = await waitForFile(mailbox, (_, body) => /^To: .*maya@example\.com/im.test(body), 2_000);
    const receiptParsed = await simpleParser(receipt.body);
    expect(receiptParsed.inReplyTo).toBe('<e2e-1@mail.example.com>');

    const page = await fetch(`http://127.0.0.1:${baton.httpPort}/mailbox`);
    expect(await page.text()).toContain(/\[H-\d+\]/.exec(parsed.subject ?? '')?.[0]);
  });

  it('refuses mail for other domains and unknown addresses during the SMTP session', async () => {
    const transport = smtpClient(baton);
    const relay = await transport
      .sendMail({ from: 'a@b.c', to: 'someone@gmail.com', text: 'x' })
      .catch((e) => e);
    expect(relay.responseCode).toBe(550);
    const unknown = await transport
      .sendMail({ from: 'a@b.c', to: 'sales@handoffs.example.com', text: 'x' })
      .catch((e) => e);
    expect(unknown.responseCode).toBe(550);
  });

  it('refuses a message over maxMessageBytes with 552 and stores nothing of it', async () => {
    const transport = smtpClient(baton);
    const big = await transport
      .sendMail({
        from: 'Maya Patel <maya@example.com>',
        to: 'handoff@handoffs.example.com',
        subject: 'Too big',
        text: `Lead: Big\n${'x'.repeat(76)}\n`.repeat(4_000),
      })
      .catch((e) => e);
    expect(big.responseCode).toBe(552);
    const viaHttp = await fetch(`http://127.0.0.1:${baton.httpPort}/inbound/raw`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'message/rfc822' },
      body: `Subject: big\r\n\r\n${'y'.repeat(300 * 1024)}`,
    });
    expect(viaHttp.status).toBe(413);
    expect(((await viaHttp.json()) as { error: { code: string } }).error.code).toBe('payload_too_large');
  });

  it('escalates an unanswered handoff to the manager once, with context, on a 1-second tick', async () => {
    const transport = smtpClient(baton);
    await transport.sendMail({
      from: 'Maya Patel <maya@example.com>',
      to: 'quick@handoffs.example.com',
      cc: 'Sam Lee <sam@example.com>',
      subject: 'Quick one',
      text: 'Lead: Kim Park <kim@globex.io>\nNote: asked about the Okta connector',
    });
    const mailbox = join(dataDir, 'mailbox');
    const escalation = await waitForFile(
      mailbox,
      (_, body) => /^To: .*dana@example\.com/im.test(body) && body.includes('X-Baton-Kind: escalation'),
      30_000,
    );
    const parsed = await simpleParser(escalation.body);
    expect(parsed.text).toContain('Kim Park');
    expect(parsed.text).toContain('Sam Lee');
    // Several more ticks pass; the manager still has exactly one escalation.
    await new Promise((r) => setTimeout(r, 3_000));
    const toDana = readdirSync(mailbox).filter((name) => {
      const body = readFileSync(join(mailbox, name), 'utf8');
      return /^To: .*dana@example\.com/im.test(body) && body.includes('X-Baton-Kind: escalation');
    });
    expect(toDana).toHaveLength(1);
  }, 60_000);

  it('shuts down gracefully on SIGTERM and keeps its data across a restart', async () => {
    const created = await fetch(`http://127.0.0.1:${baton.httpPort}/api/handoffs`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        giver: 'maya@example.com',
        receiver: 'dana@example.com',
        fields: { lead: 'Ken', trigger: 'trial', summary: 'Needs a quote.' },
      }),
    });
    const { id } = (await created.json()) as { id: string };
    expect(await stopBaton(baton)).toBe(0);
    expect(baton.output.join('')).toContain('Baton stopped');

    baton = await startBaton(dataDir, configPath);
    const again = await fetch(`http://127.0.0.1:${baton.httpPort}/api/handoffs/${id}`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(again.status).toBe(200);
    expect(((await again.json()) as { state: string }).state).toBe('open');
  });

  it('refuses a second process on the same data dir with a clear message while the first keeps running', async () => {
    const [httpPort, smtpPort] = [await freePort(), await freePort()];
    const second = spawnSync(process.execPath, [join(ROOT, 'bin/baton.js'), 'migrate'], {
      cwd: dataDir,
      env: {
        ...process.env,
        BATON_CONFIG: configPath,
        BATON_DATA_DIR: dataDir,
        DATABASE_URL: '',
        PORT: String(httpPort),
        SMTP_PORT: String(smtpPort),
      },
      encoding: 'utf8',
    });
    expect(second.status).toBe(1);
    expect(second.stderr).toContain(`is in use by another Baton (pid ${baton.child.pid})`);
    const health = await fetch(`http://127.0.0.1:${baton.httpPort}/healthz`);
    expect(health.status).toBe(200);
    // Commands that need no database still work beside it.
    const check = spawnSync(process.execPath, [join(ROOT, 'bin/baton.js'), 'check-config', configPath], {
      cwd: dataDir,
      encoding: 'utf8',
    });
    expect(check.status).toBe(0);
  });
});

describe('npm start', () => {
  it('stops Baton when the npm process is killed, and frees the data dir', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'baton-npm-'));
    const [httpPort, smtpPort] = [await freePort(), await freePort()];
    const output: string[] = [];
    const npm = spawn('npm', ['start'], {
      cwd: ROOT,
      env: {
        ...process.env,
        BATON_DATA_DIR: dataDir,
        PORT: String(httpPort),
        SMTP_PORT: String(smtpPort),
        DATABASE_URL: '',
        RESEND_API_KEY: '',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    npm.stdout?.on('data', (d: Buffer) => output.push(d.toString()));
    npm.stderr?.on('data', (d: Buffer) => output.push(d.toString()));
    const deadline = Date.now() + 60_000;
    while (!output.join('').includes('Baton is running')) {
      if (npm.exitCode !== null || Date.now() > deadline) throw new Error(`npm start: ${output.join('')}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    const exited = new Promise((resolve) => npm.once('exit', resolve));
    npm.kill('SIGTERM');
    await exited;
    // Baton itself stops: its port closes and its lock is gone (PGlite's close is slow on a loaded machine).
    const stopBy = Date.now() + 45_000;
    while (existsSync(join(dataDir, 'pglite.lock')) && Date.now() < stopBy)
      await new Promise((r) => setTimeout(r, 50));
    expect(existsSync(join(dataDir, 'pglite.lock'))).toBe(false);
    await expect(fetch(`http://127.0.0.1:${httpPort}/healthz`)).rejects.toThrow();
    rmSync(dataDir, { recursive: true, force: true });
  }, 150_000);
});
