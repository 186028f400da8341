import { describe, expect, it } from 'vitest';
import { type Duration, formatDuration, parseDuration } from '../../src/core/time/duration.ts';

function parsed(text: string): Duration {
  const result = parseDuration(text);
  if (!result.ok) throw new Error(`expected '${text}' to parse: ${result.message}`);
  return result.value;
}

function refusal(text: string): string {
  const result = parseDuration(text);
  if (result.ok) throw new Error(`expected '${text}' to be refused`);
  return result.message;
}

describe('parseDuration', () => {
  it.each([
    ['15s', 15_000, 'calendar', 's'],
    ['30m', 1_800_000, 'calendar', 'm'],
    ['4h', 14_400_000, 'calendar', 'h'],
    ['2d', 172_800_000, 'calendar', 'd'],
    ['4h business', 14_400_000, 'business', 'h'],
    ['24h calendar', 86_400_000, 'calendar', 'h'],
    ['1.5h', 5_400_000, 'calendar', 'h'],
    ['0.5s', 500, 'calendar', 's'],
    ['2d business', 172_800_000, 'business', 'd'],
  ] as const)('reads %s', (text, ms, clock, unit) => {
    expect(parsed(text)).toEqual({ ms, clock, unit });
  });

  it('reads a bare 0 as zero on the calendar clock', () => {
    expect(parsed('0')).toEqual({ ms: 0, clock: 'calendar' });
  });

  it('reads 0 with an explicit clock', () => {
    expect(parsed('0 business')).toEqual({ ms: 0, clock: 'business' });
  });

  it('tolerates surrounding space, capitals and a space before the unit', () => {
    expect(parsed('  4 H   Business ')).toEqual({ ms: 14_400_000, clock: 'business', unit: 'h' });
  });

  it('refuses empty text', () => {
    expect(refusal('  ')).toBe('empty duration (expected e.g. "4h business" or "30m")');
  });

  it('refuses a negative duration', () => {
    expect(refusal('-4h')).toBe("duration '-4h' is negative");
  });

  it('refuses an unknown unit and names it', () => {
    expect(refusal('2w')).toBe("unknown unit 'w' in '2w' (use s, m, h or d)");
    expect(refusal('4 hours')).toBe("unknown unit 'hours' in '4 hours' (use s, m, h or d)");
  });

  it('refuses an unknown clock and names it', () => {
    expect(refusal('4h biz')).toBe("unknown clock 'biz' in '4h biz' (use business or calendar)");
  });

  it('refuses text that is not a duration at all', () => {
    expect(refusal('four hours')).toBe(
      'cannot read duration \'four hours\' (expected <number><s|m|h|d> with an optional "business" or "calendar", e.g. "4h business")',
    );
    expect(refusal('.5h')).toMatch(/^cannot read duration '\.5h'/);
    expect(refusal('4h business now')).toMatch(/^cannot read duration/);
  });

  it('refuses a fraction of a millisecond', () => {
    expect(refusal('0.0001s')).toBe("duration '0.0001s' is not a whole number of milliseconds");
  });

  it('refuses durations longer than 366 days', () => {
    expect(parsed('366d').ms).toBe(366 * 86_400_000);
    expect(refusal('367d')).toBe("duration '367d' is longer than the maximum of 366 days");
  });

  it('refuses fractional business days, which have no working-day meaning', () => {
    expect(refusal('1.5d business')).toBe(
      'business days must be a whole number in \'1.5d business\' (write working hours instead, e.g. "12h business")',
    );
  });
});

describe('formatDuration', () => {
  it.each([
    ['4h business', '4 business hours'],
    ['15s', '15 seconds'],
    ['1d', '1 day'],
    ['90m', '90 minutes'],
    ['2d business', '2 business days'],
    ['24h', '24 hours'],
    ['1h business', '1 business hour'],
    ['1.5h', '1.5 hours'],
    ['0', '0 minutes'],
    ['0h business', '0 business hours'],
  ])('writes %s as "%s", in the unit it was written in', (text, expected) => {
    expect(formatDuration(parsed(text))).toBe(expected);
  });

  it('picks the largest whole unit for a duration built without a unit', () => {
    expect(formatDuration({ ms: 86_400_000, clock: 'calendar' })).toBe('1 day');
    expect(formatDuration({ ms: 5_400_000, clock: 'calendar' })).toBe('90 minutes');
    expect(formatDuration({ ms: 1_500, clock: 'calendar' })).toBe('1.5 seconds');
    expect(formatDuration({ ms: 0, clock: 'calendar' })).toBe('0 minutes');
  });

  it('never rolls working time up into days', () => {
    expect(formatDuration({ ms: 86_400_000, clock: 'business' })).toBe('24 business hours');
  });

  it('round-trips through parseDuration', () => {
    for (const text of ['4h business', '15s', '2d', '90m', '2d business', '1.5h calendar']) {
      const d = parsed(text);
      const [amount, unitWord, maybeUnit] = formatDuration(d).split(' ') as [string, string, string?];
      const isBusiness = unitWord === 'business';
      const unit = (isBusiness ? maybeUnit : unitWord)!.slice(0, 1);
      expect(parsed(`${amount}${unit}${isBusiness ? ' business' : ''}`)).toEqual(d);
    }
  });
});
