import { describe, expect, it } from 'vitest';
import { exampleConfigPath, loadConfigFile, locateConfig } from '../../src/config/load-file.ts';
import { parseConfig } from '../../src/config/schema.ts';
import { readSettings, readWorkerSettings } from '../../src/config/settings.ts';
import { teamConfig } from '../support/team-config.ts';

type Mutable = typeof teamConfig & Record<string, unknown>;
const clone = (): Mutable => structuredClone(teamConfig) as Mutable;
const errorsOf = (input: unknown) => {
  const result = parseConfig(input);
  return result.ok ? [] : result.errors;
};

describe('config', () => {
  it('understands the team config, with both built-in playbooks present', () => {
    const result = parseConfig(teamConfig);
    if (!result.ok) throw new Error(result.errors.join('\n'));
    expect(result.config.playbooks.map((p) => p.id).sort()).toEqual(['fast-track', 'mql-to-sal']);
    const mql = result.config.playbooks.find((p) => p.id === 'mql-to-sal')!;
    expect(mql.ackWithin).toMatchObject({ ms: 4 * 3_600_000, clock: 'business' });
    expect(mql.escalate[1]?.to).toEqual([{ kind: 'team', id: 'sales-leads' }]);
    const bob = result.config.directory.members.find((m) => m.email === 'bob@example.com')!;
    expect(bob.schedule.hours[5]).toEqual([{ start: 8 * 60 + 30, end: 13 * 60 }]);
  });

  it('limits inbound messages to 25 MB unless maxMessageBytes says otherwise, and names a bad value', () => {
    const result = parseConfig(teamConfig);
    expect(result.ok && result.config.maxMessageBytes).toBe(25 * 1024 * 1024);
    const custom = parseConfig({ ...clone(), maxMessageBytes: 1_000_000 });
    expect(custom.ok && custom.config.maxMessageBytes).toBe(1_000_000);
    expect(errorsOf({ ...clone(), maxMessageBytes: 'big' }).join()).toMatch(/maxMessageBytes/);
  });

  it('names the key of an unknown time zone', () => {
    const config = clone();
    config.members[2]!.timeZone = 'Europe/Berln';
    expect(errorsOf(config)).toEqual(["members[2].timeZone: unknown IANA time zone 'Europe/Berln'"]);
  });

  it('rejects an impossible holiday date, naming its key', () => {
    const config = clone();
    (config.members[0] as { holidays?: string[] }).holidays = ['2026-12-25', '2026-13-45', '2027-02-30'];
    expect(errorsOf(config)).toEqual([
      "members[0].holidays[1]: '2026-13-45' is not a calendar date",
      "members[0].holidays[2]: '2027-02-30' is not a calendar date",
    ]);
  });

  it('names the key of an unknown manager and of an unknown team contact', () => {
    const config = clone();
    config.members[0]!.manager = 'nobody@example.com';
    config.teams[0]!.contact = 'ghost@example.com';
    expect(errorsOf(config)).toEqual([
      'members[0].manager: nobody@example.com is not a member',
      'teams[0].contact: ghost@example.com is not a member',
    ]);
  });

  it('stops on a cycle in managers', () => {
    const config = clone();
    (config.members[3] as { manager?: string }).manager = 'bob@example.com';
    const errors = errorsOf(config);
    expect(errors).toContain(
      'members[2].manager: cycle in managers: bob@example.com → dana@example.com → bob@example.com',
    );
  });

  it('stops on a cycle in an escalation chain', () => {
    const config = clone();
    config.playbooks[0]!.escalate.push({ after: '1h', to: ['team:sales-leads'] });
    expect(errorsOf(config)).toEqual([
      'playbooks[0].escalate[2].to[0]: \'team:sales-leads\' is already escalated to at level 2: a cycle in the chain (use "repeat" to run the chain again)',
    ]);
  });

  it('names bad durations, bad working hours and unknown chain targets', () => {
    const config = clone();
    config.playbooks[0]!.ackWithin = '4 hours-ish';
    config.members[1]!.workingHours = 'Mon-Fri 18:00-09:00';
    config.playbooks[0]!.escalate[1]!.to = ['team:nope'];
    const errors = errorsOf(config);
    expect(errors.some((e) => e.startsWith('playbooks[0].ackWithin: '))).toBe(true);
    expect(errors.some((e) => e.startsWith('members[1].workingHours: '))).toBe(true);
    expect(errors).not.toContain('(root)');
  });

  it('names an unknown key instead of ignoring it', () => {
    const config = clone();
    (config.members[0] as Record<string, unknown>).timezone = 'UTC';
    expect(errorsOf(config)[0]).toMatch(/^members\[0\]: .*timezone/);
  });

  it('loads a TypeScript config file and the bundled example', async () => {
    const ts = await loadConfigFile(new URL('../fixtures/config/baton.config.ts', import.meta.url).pathname);
    expect(ts.ok && ts.config.directory.members.map((m) => m.schedule.timeZone)).toEqual([
      'America/Sao_Paulo',
      'Asia/Tokyo',
    ]);
    const example = await loadConfigFile(exampleConfigPath());
    expect(
      example.ok && new Set(example.config.directory.members.map((m) => m.schedule.timeZone)).size,
    ).toBeGreaterThanOrEqual(3);
  });

  it('falls back to the bundled example only when no config is given or present', () => {
    expect(locateConfig({}, '/nonexistent')).toEqual({ path: exampleConfigPath(), example: true });
    expect(locateConfig({ BATON_CONFIG: 'x.json' }, '/srv')).toEqual({ path: '/srv/x.json', example: false });
  });

  it('reads runtime settings with the documented defaults', () => {
    const settings = readSettings({}, '/srv');
    expect(settings).toMatchObject({
      dataDir: '/srv/.baton',
      databaseUrl: null,
      port: 8787,
      host: '127.0.0.1',
      smtpPort: 2525,
      tickSeconds: 30,
      leaseSeconds: 60,
      apiTokens: [],
      resendApiKey: null,
      publicUrl: null,
    });
    expect(readSettings({ BATON_PUBLIC_URL: 'https://baton.example.com/' }, '/').publicUrl).toBe(
      'https://baton.example.com',
    );
    expect(() => readSettings({ BATON_PUBLIC_URL: 'baton.example.com' }, '/')).toThrow('BATON_PUBLIC_URL');
    expect(readSettings({ BATON_API_TOKENS: 'a, b', BATON_SECRET_PREVIOUS: 'x' }, '/').apiTokens).toEqual([
      'a',
      'b',
    ]);
    expect(() => readSettings({ PORT: 'eighty' }, '/')).toThrow("PORT: 'eighty' is not a port number");
  });

  it('takes a Resend webhook secret only with the API key its messages are fetched through, and never echoes it', () => {
    const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    expect(readSettings({}, '/').resendWebhookSecret).toBeNull();
    expect(
      readSettings({ RESEND_WEBHOOK_SECRET: secret, RESEND_API_KEY: 're_x' }, '/').resendWebhookSecret,
    ).toBe(secret);
    expect(() => readSettings({ RESEND_WEBHOOK_SECRET: secret }, '/')).toThrow(
      'RESEND_WEBHOOK_SECRET: RESEND_WEBHOOK_SECRET needs RESEND_API_KEY',
    );
    const malformed = 'whsec_not base64!';
    let message = '';
    try {
      readSettings({ RESEND_WEBHOOK_SECRET: malformed, RESEND_API_KEY: 're_x' }, '/');
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('RESEND_WEBHOOK_SECRET');
    expect(message).not.toContain('not base64');
  });
});

describe('the Worker’s settings', () => {
  it('names every missing binding and secret at once', () => {
    expect(() => readWorkerSettings({ BATON_SECRET: 's' })).toThrow(
      "missing Worker settings: HYPERDRIVE, RESEND_API_KEY (see the README's deploy section)",
    );
  });

  it('reads rotation keys and API tokens as lists', () => {
    const settings = readWorkerSettings({
      HYPERDRIVE: { connectionString: 'postgres://u:p@h/db' },
      BATON_SECRET: 'new',
      BATON_SECRET_PREVIOUS: 'old1, old2',
      RESEND_API_KEY: 're_x',
    });
    expect(settings).toMatchObject({
      secrets: ['new', 'old1', 'old2'],
      apiTokens: [],
      resendBaseUrl: null,
      resendWebhookSecret: null,
    });
    expect(
      readWorkerSettings({
        HYPERDRIVE: { connectionString: 'postgres://u:p@h/db' },
        BATON_SECRET: 'new',
        RESEND_API_KEY: 're_x',
        RESEND_WEBHOOK_SECRET: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
      }).resendWebhookSecret,
    ).toBe('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw');
  });
});
