import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/schema.ts';
import { digestWeek, dueDigests, formatSpan, reportsOf } from '../../src/core/weekly-digest.ts';
import { escalationConfig } from '../support/escalation-config.ts';

const parsed = parseConfig(escalationConfig);
if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
const { directory } = parsed.config;

describe('the weekly digest’s week', () => {
  it('reports the past ISO week in the manager’s zone and is sent Monday 09:00 there', () => {
    const week = digestWeek(new Date('2026-11-30T00:00:00Z'), 'Asia/Tokyo');
    expect(week).toMatchObject({
      week: '2026-W48',
      from: new Date('2026-11-22T15:00:00Z'),
      to: new Date('2026-11-29T15:00:00Z'),
      previousFrom: new Date('2026-11-15T15:00:00Z'),
      sendAt: new Date('2026-11-30T00:00:00Z'),
      label: 'Mon 23 Nov – Sun 29 Nov 2026',
    });
  });

  it('keeps local midnight across the New York DST change, and ISO years at the turn of the year', () => {
    // Mon 9 Mar 2026 09:00 EDT; the reported week began Mon 2 Mar 00:00 EST.
    const march = digestWeek(new Date('2026-03-09T13:00:00Z'), 'America/New_York');
    expect(march.sendAt.toISOString()).toBe('2026-03-09T13:00:00.000Z');
    expect(march.from.toISOString()).toBe('2026-03-02T05:00:00.000Z');
    expect(march.to.toISOString()).toBe('2026-03-09T04:00:00.000Z');
    // Mon 4 Jan 2027 reports Mon 28 Dec 2026 – Sun 3 Jan 2027: ISO week 2026-W53.
    expect(digestWeek(new Date('2027-01-04T12:00:00Z'), 'Europe/Berlin').week).toBe('2026-W53');
  });

  it('is due from Monday 09:00 for a day, only to members others name as manager', () => {
    const managers = (at: string) => dueDigests(directory, new Date(at)).map((d) => d.manager.email);
    expect(managers('2026-11-29T23:59:00Z')).toEqual([]);
    expect(managers('2026-11-30T00:00:00Z')).toEqual(['ken@example.com', 'dana@example.com']);
    expect(managers('2026-11-30T20:00:00Z')).toEqual([
      'ken@example.com',
      'sam@example.com',
      'lena@example.com',
      'dana@example.com',
    ]);
    // A day after Tokyo's 09:00 its digests are no longer due; Berlin's and New York's still are.
    expect(managers('2026-12-01T00:00:00Z')).toEqual(['sam@example.com', 'lena@example.com']);
    expect(managers('2026-12-01T14:00:00Z')).toEqual([]);
    expect(reportsOf(directory, 'maya@example.com')).toEqual([]);
    expect(reportsOf(directory, 'dana@example.com')).toEqual(['bea@example.com']);
  });

  it('writes spans as people read them', () => {
    expect([null, 20, 2700, 4500, 7200, 90_000, 200_000].map(formatSpan)).toEqual([
      '—',
      'under a minute',
      '45 min',
      '1 h 15 min',
      '2 h',
      '25 h',
      '2 d 7 h',
    ]);
  });
});
