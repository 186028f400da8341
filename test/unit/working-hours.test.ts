import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_WORKING_HOURS,
  formatWorkingHours,
  type IsoWeekday,
  parseWorkingHours,
  type TimeRange,
  type WeeklyHours,
} from '../../src/core/time/working-hours.ts';

function parsed(text: string): WeeklyHours {
  const result = parseWorkingHours(text);
  if (!result.ok) throw new Error(`expected '${text}' to parse: ${result.message}`);
  return result.value;
}

function refusal(text: string): string {
  const result = parseWorkingHours(text);
  if (result.ok) throw new Error(`expected '${text}' to be refused`);
  return result.message;
}

const nineToFive: TimeRange[] = [{ start: 540, end: 1020 }];

describe('parseWorkingHours', () => {
  it('reads the default: Monday to Friday, 09:00 to 17:00', () => {
    expect(parsed(DEFAULT_WORKING_HOURS)).toEqual({
      1: nineToFive,
      2: nineToFive,
      3: nineToFive,
      4: nineToFive,
      5: nineToFive,
      6: [],
      7: [],
    });
  });

  it('reads a short Friday as its own group', () => {
    const hours = parsed('Mon-Thu 08:30-17:30, Fri 08:30-13:00');
    expect(hours[4]).toEqual([{ start: 510, end: 1050 }]);
    expect(hours[5]).toEqual([{ start: 510, end: 780 }]);
    expect(hours[6]).toEqual([]);
  });

  it('reads several ranges a day around a lunch break', () => {
    expect(parsed('Mon-Fri 09:00-12:00 13:00-17:00')[3]).toEqual([
      { start: 540, end: 720 },
      { start: 780, end: 1020 },
    ]);
  });

  it('reads a single weekend day', () => {
    const hours = parsed('Sat 10:00-14:00');
    expect(hours[6]).toEqual([{ start: 600, end: 840 }]);
    expect(hours[1]).toEqual([]);
  });

  it('reads a comma-separated list of days', () => {
    const hours = parsed('Mon,Wed,Fri 09:00-17:00');
    expect([1, 2, 3, 4, 5].map((d) => hours[d as IsoWeekday].length)).toEqual([1, 0, 1, 0, 1]);
  });

  it('wraps a day range around the end of the week', () => {
    const hours = parsed('Sun-Thu 08:00-16:00');
    expect([1, 2, 3, 4, 5, 6, 7].map((d) => hours[d as IsoWeekday].length)).toEqual([1, 1, 1, 1, 0, 0, 1]);
  });

  it('accepts en dashes, spaces around dashes, full day names and lower case', () => {
    expect(parsed('Mon–Thu 08:30–17:30, Fri 08:30–13:00')).toEqual(
      parsed('Mon-Thu 08:30-17:30, Fri 08:30-13:00'),
    );
    expect(parsed('monday - friday 9:00 - 17:00')).toEqual(parsed(DEFAULT_WORKING_HOURS));
    expect(parsed('Mon-Fri: 09:00-17:00')).toEqual(parsed(DEFAULT_WORKING_HOURS));
  });

  it('accepts a range ending at 24:00', () => {
    expect(parsed('Fri 22:00-24:00')[5]).toEqual([{ start: 1320, end: 1440 }]);
  });

  it('joins a day named in two groups and sorts its ranges', () => {
    expect(parsed('Mon 13:00-17:00, Mon 09:00-12:00')[1]).toEqual([
      { start: 540, end: 720 },
      { start: 780, end: 1020 },
    ]);
  });

  it('joins touching ranges into one', () => {
    expect(parsed('Mon 09:00-12:00 12:00-17:00')[1]).toEqual([{ start: 540, end: 1020 }]);
  });

  it('names an unknown weekday', () => {
    expect(refusal('Mun-Fri 09:00-17:00')).toBe("unknown weekday 'Mun'");
    expect(refusal('Mon,Wed,Fry 09:00-17:00')).toBe("unknown weekday 'Fry'");
  });

  it('refuses a range that ends before it starts', () => {
    expect(refusal('Mon-Fri 18:00-09:00')).toBe(
      'range 18:00-09:00 ends before it starts (split a night shift at midnight, e.g. "Mon 22:00-24:00, Tue 00:00-06:00")',
    );
  });

  it('refuses an empty range', () => {
    expect(refusal('Mon 09:00-09:00')).toBe('range 09:00-09:00 is empty');
  });

  it('names the day with overlapping ranges', () => {
    expect(refusal('Mon-Fri 09:00-12:00 11:00-17:00')).toBe('overlapping ranges on Mon');
    expect(refusal('Mon-Fri 09:00-17:00, Fri 08:00-10:00')).toBe('overlapping ranges on Fri');
  });

  it('refuses an invalid time of day', () => {
    expect(refusal('Mon 09:00-25:00')).toBe("invalid time '25:00' in range 09:00-25:00");
    expect(refusal('Mon 09:60-17:00')).toBe("invalid time '09:60' in range 09:60-17:00");
    expect(refusal('Mon 09:00-24:30')).toBe("invalid time '24:30' in range 09:00-24:30");
  });

  it('refuses a time range it cannot read', () => {
    expect(refusal('Mon-Fri 9am-5pm')).toBe(
      "cannot read time range '9am-5pm' (expected HH:MM-HH:MM, e.g. 09:00-17:00)",
    );
  });

  it('refuses a time range with no weekday before it', () => {
    expect(refusal('09:00-17:00')).toBe('time range 09:00-17:00 has no weekday before it');
  });

  it('refuses days with no time range after them', () => {
    expect(refusal('Mon-Fri')).toBe("no time range after 'Mon-Fri'");
    expect(refusal('Mon-Fri 09:00-17:00, Sat')).toBe("no time range after 'Sat'");
  });

  it('refuses a day range with more than two ends', () => {
    expect(refusal('Mon-Wed-Fri 09:00-17:00')).toBe(
      "cannot read weekdays 'Mon-Wed-Fri' (expected e.g. Mon-Fri)",
    );
  });

  it('requires at least one working range', () => {
    expect(refusal('')).toBe('no working hours given (expected e.g. "Mon-Fri 09:00-17:00")');
  });
});

describe('formatWorkingHours', () => {
  it.each([
    ['Mon-Fri 09:00-17:00', 'Mon–Fri 09:00–17:00'],
    ['Mon-Thu 08:30-17:30, Fri 08:30-13:00', 'Mon–Thu 08:30–17:30, Fri 08:30–13:00'],
    ['Mon-Fri 09:00-12:00 13:00-17:00', 'Mon–Fri 09:00–12:00 13:00–17:00'],
    ['Mon,Wed,Fri 09:00-17:00', 'Mon, Wed, Fri 09:00–17:00'],
    ['Sun-Thu 08:00-16:00', 'Sun–Thu 08:00–16:00'],
    ['Mon-Sun 00:00-24:00', 'Mon–Sun 00:00–24:00'],
    ['Sat 10:00-14:00, Mon-Fri 09:00-17:00', 'Mon–Fri 09:00–17:00, Sat 10:00–14:00'],
  ])('writes %s as "%s"', (text, expected) => {
    expect(formatWorkingHours(parsed(text))).toBe(expected);
  });

  it('writes what parseWorkingHours reads back unchanged', () => {
    const range = fc
      .tuple(fc.integer({ min: 0, max: 96 }), fc.integer({ min: 0, max: 96 }))
      .filter(([a, b]) => a !== b)
      .map(([a, b]) => ({ start: Math.min(a, b) * 15, end: Math.max(a, b) * 15 }));
    const day = fc.array(range, { maxLength: 3 }).map((ranges) => {
      const kept: TimeRange[] = [];
      for (const r of [...ranges].sort((a, b) => a.start - b.start)) {
        if (kept.length === 0 || r.start > kept[kept.length - 1]!.end) kept.push(r);
      }
      return kept;
    });
    const week = fc
      .tuple(day, day, day, day, day, day, day)
      .filter((days) => days.some((d) => d.length > 0))
      .map((days) => Object.fromEntries(days.map((d, i) => [i + 1, d])) as unknown as WeeklyHours);
    fc.assert(
      fc.property(week, (hours) => {
        expect(parsed(formatWorkingHours(hours))).toEqual(hours);
      }),
    );
  });
});
