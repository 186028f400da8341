import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { easterSunday, holidayDate } from '../../src/core/time/holidays.ts';

describe('Easter by the computus', () => {
  it('gives the Gregorian Easter Sunday of known years (earliest, latest and ordinary ones)', () => {
    const known: [number, string][] = [
      [1818, '1818-03-22'], // earliest possible
      [1943, '1943-04-25'], // latest possible
      [2000, '2000-04-23'],
      [2008, '2008-03-23'],
      [2011, '2011-04-24'],
      [2019, '2019-04-21'],
      [2024, '2024-03-31'],
      [2025, '2025-04-20'],
      [2026, '2026-04-05'],
      [2027, '2027-03-28'],
      [2028, '2028-04-16'],
      [2038, '2038-04-25'],
      [2285, '2285-03-22'],
    ];
    for (const [year, date] of known) expect(easterSunday(year).toString(), String(year)).toBe(date);
  });
});

describe('holiday dates', () => {
  const on = (holiday: Parameters<typeof holidayDate>[0], year: number) =>
    holidayDate(holiday, year).toString();

  it('places the movable feasts at their offsets from Easter', () => {
    expect(on('carnival', 2027)).toBe('2027-02-09');
    expect(on('goodFriday', 2027)).toBe('2027-03-26');
    expect(on('easterMonday', 2027)).toBe('2027-03-29');
    expect(on('ascension', 2027)).toBe('2027-05-06');
    expect(on('pentecost', 2027)).toBe('2027-05-16');
    expect(on('whitMonday', 2027)).toBe('2027-05-17');
    expect(on('corpusChristi', 2027)).toBe('2027-05-27');
  });

  it('places the fixed ones by month and day and Thanksgiving on the fourth Thursday of November', () => {
    expect(on('allSaints', 2027)).toBe('2027-11-01');
    expect(on('epiphany', 2027)).toBe('2027-01-06');
    expect(on('goldenWeek', 2027)).toBe('2027-05-05');
    expect(on('thanksgiving', 2026)).toBe('2026-11-26');
    expect(on('thanksgiving', 2027)).toBe('2027-11-25');
    expect(on('thanksgiving', 2029)).toBe('2029-11-22');
    expect(holidayDate('kingsDay', 2027)).toEqual(Temporal.PlainDate.from('2027-04-27'));
  });
});
