import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/schema.ts';
import { chooseReceiver } from '../../src/core/receiver.ts';
import { teamConfig } from '../support/team-config.ts';

const parsed = parseConfig(teamConfig);
if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
const { directory } = parsed.config;
const base = {
  to: [{ address: 'handoff@handoffs.example.com', name: 'Baton' }],
  cc: [],
  teamAddress: null,
  receiverLine: null,
  giverEmail: 'maya@example.com',
  mailDomain: 'handoffs.example.com',
  playbookDefault: null,
};
const email = (choice: ReturnType<typeof chooseReceiver>) =>
  choice.ok ? choice.recipient.member.email : choice;

describe('choosing the receiver', () => {
  it('takes the first member among To and Cc other than Baton and the giver', () => {
    const choice = chooseReceiver(directory, {
      ...base,
      to: [...base.to, { address: 'lead@acme.io', name: 'Lead' }],
      cc: [
        { address: 'maya@example.com', name: 'Maya' },
        { address: 'Bob@Example.com', name: 'Bob' },
        { address: 'sam@example.com', name: 'Sam' },
      ],
    });
    expect(email(choice)).toBe('bob@example.com');
  });

  it('recognises a member by an alias', () => {
    const choice = chooseReceiver(directory, { ...base, cc: [{ address: 's.lee@example.com', name: '' }] });
    expect(email(choice)).toBe('sam@example.com');
  });

  it('falls back to a Receiver line by address, name, first name or team', () => {
    expect(email(chooseReceiver(directory, { ...base, receiverLine: 'Bob Smith <bob@example.com>' }))).toBe(
      'bob@example.com',
    );
    expect(email(chooseReceiver(directory, { ...base, receiverLine: 'dana kim' }))).toBe('dana@example.com');
    expect(email(chooseReceiver(directory, { ...base, receiverLine: 'Sam' }))).toBe('sam@example.com');
    const team = chooseReceiver(directory, { ...base, receiverLine: 'team:sales-leads' });
    expect(team.ok && team.recipient.kind === 'team' && team.recipient.team.id).toBe('sales-leads');
    expect(email(team)).toBe('dana@example.com');
  });

  it('prefers To/Cc over a Receiver line', () => {
    const choice = chooseReceiver(directory, {
      ...base,
      cc: [{ address: 'bob@example.com', name: '' }],
      receiverLine: 'Sam',
    });
    expect(email(choice)).toBe('bob@example.com');
  });

  it('uses the playbook default when nothing else names a receiver', () => {
    expect(email(chooseReceiver(directory, { ...base, playbookDefault: 'team:sales-leads' }))).toBe(
      'dana@example.com',
    );
  });

  it('refuses with what was attempted when the receiver is unknown', () => {
    expect(chooseReceiver(directory, { ...base, receiverLine: 'Zed Nobody' })).toEqual({
      ok: false,
      code: 'unknown-receiver',
      attempted: 'Zed Nobody',
    });
    expect(chooseReceiver(directory, base)).toEqual({ ok: false, code: 'unknown-receiver', attempted: null });
  });
});
