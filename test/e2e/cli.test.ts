import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../src/adapters/db/connect.ts';
import { connectDatabase } from '../../src/adapters/db/connect-pglite.ts';
import { createStore } from '../../src/adapters/db/store.ts';
import { main } from '../../src/entry/cli.ts';
import { teamConfig } from '../support/team-config.ts';

const execFileAsync = promisify(execFile);

async function run(args: string[]) {
  let out = '';
  let err = '';
  const code = await main(args, { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

function writeConfig(config: unknown): string {
  const path = join(mkdtempSync(join(tmpdir(), 'baton-cli-')), 'baton.config.json');
  writeFileSync(path, JSON.stringify(config));
  return path;
}

describe('baton check-config', () => {
  it('prints what it understood of a valid config', async () => {
    const { code, out } = await run(['check-config', writeConfig(teamConfig)]);
    expect(code).toBe(0);
    expect(out).toContain('Bob Smith <bob@example.com>: Europe/Berlin, Mon–Thu 08:30–17:30, Fri 08:30–13:00');
    expect(out).toContain('acknowledge within 4 business hours');
    expect(out).toContain('escalation 2: then + 4 business hours → team:sales-leads');
    expect(out).toContain('fast-track');
  });

  it('prints each error with the path of the bad key and exits 1', async () => {
    const bad = structuredClone(teamConfig);
    bad.members[0]!.timeZone = 'Mars/Olympus';
    bad.playbooks[0]!.ackWithin = 'soon';
    const { code, err } = await run(['check-config', writeConfig(bad)]);
    expect(code).toBe(1);
    expect(err).toContain("members[0].timeZone: unknown IANA time zone 'Mars/Olympus'");
    expect(err).toMatch(/playbooks\[0\]\.ackWithin: .*soon/);
  });

  it('validates a TypeScript config file', async () => {
    const { code, out } = await run([
      'check-config',
      new URL('../fixtures/config/baton.config.ts', import.meta.url).pathname,
    ]);
    expect(code).toBe(0);
    expect(out).toContain('Kenji Sato <kenji@acme.test>: Asia/Tokyo, Mon–Fri 10:00–19:00');
  });

  it('loads a TypeScript config from a folder whose package.json is CommonJS, through the real bin', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'baton-cjs-'));
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'ops', private: true }));
    writeFileSync(join(dir, 'team.ts'), `export const members = ${JSON.stringify(teamConfig.members)};\n`);
    writeFileSync(
      join(dir, 'baton.config.ts'),
      `import { members } from './team.ts';\nconst base = ${JSON.stringify({ ...teamConfig, members: [] })};\nexport default { ...base, members };\n`,
    );
    const bin = fileURLToPath(new URL('../../bin/baton.js', import.meta.url));
    const { stdout } = await execFileAsync(process.execPath, [bin, 'check-config'], { cwd: dir });
    expect(stdout).toContain('baton.config.ts: OK');
    expect(stdout).toContain('Bob Smith <bob@example.com>: Europe/Berlin');
  });

  it('explains an unknown command', async () => {
    const { code, err } = await run(['launch']);
    expect(code).toBe(1);
    expect(err).toContain("unknown command 'launch'");
  });
});

describe('baton commands and their help', () => {
  it('prints a command’s own help for --help and does nothing else', async () => {
    for (const command of ['start', 'migrate', 'replay', 'read', 'check-config', 'inbound']) {
      const { code, out } = await run([command, '--help']);
      expect(code).toBe(0);
      expect(out).toMatch(new RegExp(`^Usage: baton ${command}`));
    }
  });

  it('prints its version', async () => {
    const { code, out } = await run(['--version']);
    expect(code).toBe(0);
    expect(out).toMatch(/^baton \d+\.\d+\.\d+\n$/);
  });

  it('refuses an unknown flag instead of ignoring it', async () => {
    const { code, err } = await run(['migrate', '--dry-run']);
    expect(code).toBe(1);
    expect(err).toContain("Unknown option '--dry-run'");
  });
});

describe('baton inbound list', () => {
  it('lists stored messages newest first, and only the failed ones with --failed', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'baton-cli-inbound-'));
    const db = await connectDatabase({ databaseUrl: null, dataDir });
    await migrateToLatest(db);
    const store = createStore(db);
    const at = new Date('2026-11-24T14:00:00Z');
    const stored = async (raw: string) => {
      const result = await store.inbound.insert({
        source: 'smtp',
        envelopeFrom: 'maya@example.com',
        envelopeTo: ['handoff@handoffs.example.com'],
        raw: new TextEncoder().encode(raw),
        receivedAt: at,
      });
      if (!result.stored) throw new Error('not stored');
      return result.id;
    };
    const ok = await stored('Message-ID: <a@x>\r\n\r\nfine');
    const bad = await stored('Message-ID: <b@x>\r\n\r\nbroken');
    await store.inbound.record(ok, at, {
      status: 'processed',
      outcome: 'handoff-opened',
      handoffId: null,
      sender: 'maya@example.com',
      subject: 'Lead',
    });
    await store.inbound.record(bad, at, {
      status: 'failed',
      outcome: 'error',
      handoffId: null,
      sender: 'maya@example.com',
      subject: 'Lead',
      errorKind: 'processing',
      errorMessage: 'template exploded',
    });
    await db.destroy();
    const saved = { dir: process.env.BATON_DATA_DIR, url: process.env.DATABASE_URL };
    process.env.BATON_DATA_DIR = dataDir;
    delete process.env.DATABASE_URL;
    try {
      const all = await run(['inbound', 'list']);
      expect(all.code).toBe(0);
      const lines = all.out.trim().split('\n');
      expect(lines).toHaveLength(2);
      expect(lines[0]).toMatch(
        new RegExp(
          `^\\s*${bad}\\s+2026-11-24T14:00:00.000Z\\s+maya@example.com\\s+failed error\\s+processing: template exploded$`,
        ),
      );
      expect(lines[1]).toMatch(new RegExp(`^\\s*${ok}\\s.*processed handoff-opened$`));
      const failed = await run(['inbound', 'list', '--failed']);
      expect(failed.out.trim().split('\n')).toEqual([lines[0]]);
    } finally {
      process.env.BATON_DATA_DIR = saved.dir;
      if (saved.url !== undefined) process.env.DATABASE_URL = saved.url;
      if (saved.dir === undefined) delete process.env.BATON_DATA_DIR;
    }
  });
});
