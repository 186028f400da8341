import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/entry/cli.ts';
import { teamConfig } from '../support/team-config.ts';

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

  it('explains an unknown command', async () => {
    const { code, err } = await run(['launch']);
    expect(code).toBe(1);
    expect(err).toContain("unknown command 'launch'");
  });
});
