import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/schema.ts';
import { findMember } from '../../src/core/directory.ts';
import { planFollowThrough, planWindow } from '../../src/core/escalation.ts';
import { escalationConfig } from '../support/escalation-config.ts';

const parsed = parseConfig(escalationConfig);
if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
const { directory, playbooks } = parsed.config;
const member = (email: string) => findMember(directory, email)!;
const mql = playbooks.find((p) => p.id === 'mql-to-sal')!;
const repeating = playbooks.find((p) => p.id === 'repeating')!;
const window = { at: new Date('2026-11-24T13:00:00Z'), explanation: '4 business hours in Europe/Berlin, …' };
const base = {
  now: new Date('2026-11-24T09:00:00Z'),
  window,
  directory,
  giver: member('maya@example.com'),
  fromLevel: 1,
  remind: true,
};
const summary = (notices: ReturnType<typeof planWindow>) =>
  notices.map((n) => `${n.kind}${n.level ? n.level : ''} ${n.recipient ?? '-'} ${n.dueAt.toISOString()}`);

describe('planning a window', () => {
  it('plans the lapse, a reminder an hour before, and each chain level for its recipients', () => {
    expect(summary(planWindow({ ...base, playbook: mql, receiver: member('bob@example.com') }))).toEqual([
      'ack - 2026-11-24T13:00:00.000Z',
      'reminder bob@example.com 2026-11-24T12:00:00.000Z',
      'escalation1 lena@example.com 2026-11-24T13:00:00.000Z',
      // 4 business hours on Bob's clock after level 1, held to Dana's next start in Tokyo (Thu 09:00).
      'escalation2 dana@example.com 2026-11-25T08:00:00.000Z',
    ]);
  });

  it('holds a notice for a manager abroad to their next working start and says so', () => {
    const notices = planWindow({ ...base, playbook: mql, receiver: member('bea@example.com') });
    const level1 = notices.find((n) => n.kind === 'escalation' && n.level === 1)!;
    expect(level1.recipient).toBe('dana@example.com');
    expect(level1.dueAt.toISOString()).toBe('2026-11-25T00:00:00.000Z');
    expect(level1.explanation).toMatch(
      /^level 1: the acknowledgment window lapsed \(.*\); held to Wed 09:00 Asia\/Tokyo/,
    );
  });

  it('repeats the chain one window apart, climbing to the same manager each round', () => {
    const notices = planWindow({
      ...base,
      window: { at: new Date('2026-11-24T11:00:00Z'), explanation: 'x' },
      playbook: repeating,
      receiver: member('bob@example.com'),
    });
    expect(summary(notices.filter((n) => n.kind === 'escalation'))).toEqual([
      'escalation1 lena@example.com 2026-11-24T11:00:00.000Z',
      'escalation2 lena@example.com 2026-11-24T13:00:00.000Z',
      'escalation3 lena@example.com 2026-11-24T15:00:00.000Z',
    ]);
    expect(notices[2]?.explanation).toContain('repeat 1 of 2');
  });

  it('resumes a re-opened chain at the level it had reached, firing now', () => {
    const now = new Date('2026-11-26T09:00:00Z');
    const notices = planWindow({
      ...base,
      now,
      window: { at: now, explanation: 'follow-through unanswered' },
      playbook: mql,
      receiver: member('bob@example.com'),
      fromLevel: 2,
      remind: false,
    });
    // Fires now, held to Dana's hours: 09:00Z is 18:00 in Tokyo, the end of her day.
    expect(summary(notices)).toEqual(['escalation2 dana@example.com 2026-11-27T00:00:00.000Z']);
    expect(notices[0]?.explanation).toMatch(
      /^level 2: the chain re-opened where it had reached; held to Fri 09:00/,
    );
  });

  it('tells the giver when a level has nobody else to tell', () => {
    const notices = planWindow({ ...base, playbook: mql, receiver: member('ken@example.com') });
    expect(notices.find((n) => n.level === 1)?.recipient).toBe('maya@example.com');
  });
});

describe('planning a follow-through', () => {
  it('asks after the due time plus grace, in the receiver’s hours, then plans the lapse', () => {
    const notices = planFollowThrough({
      acknowledgedAt: new Date('2026-11-24T13:30:00Z'),
      due: new Date('2026-11-25T09:00:00Z'),
      playbook: mql,
      receiver: member('bob@example.com'),
    });
    expect(summary(notices)).toEqual([
      'follow-through bob@example.com 2026-11-25T13:00:00.000Z',
      'follow-through-lapse - 2026-11-25T17:00:00.000Z',
    ]);
  });
});
