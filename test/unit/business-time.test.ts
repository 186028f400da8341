import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import {
  addDuration,
  endOfWorkingDay,
  formatLocal,
  holdToWorkingHours,
  isValidTimeZone,
  isWorkingTime,
  localDate,
  measureWorkingTime,
  nextWorkingStart,
  type Schedule,
  startOfWorkingDay,
} from '../../src/core/time/business-time.ts';
import { type Duration, parseDuration } from '../../src/core/time/duration.ts';
import { DEFAULT_WORKING_HOURS, parseWorkingHours } from '../../src/core/time/working-hours.ts';

function schedule(timeZone: string, hours = DEFAULT_WORKING_HOURS, holidays: string[] = []): Schedule {
  const parsed = parseWorkingHours(hours);
  if (!parsed.ok) throw new Error(parsed.message);
  return { timeZone, hours: parsed.value, holidays };
}

function duration(text: string): Duration {
  const parsed = parseDuration(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.value;
}

function at(iso: string): Date {
  return new Date(iso);
}

function deadline(startIso: string, text: string, s: Schedule): { at: string; explanation: string } {
  const result = addDuration(at(startIso), duration(text), s);
  return { at: result.at.toISOString(), explanation: result.explanation };
}

const HOUR = 3_600_000;
const sam = schedule('America/New_York', 'Mon-Fri 09:00-17:00', ['2026-12-25']);
const bob = schedule('Europe/Berlin', 'Mon-Thu 08:30-17:30, Fri 08:30-13:00');
const dana = schedule('Asia/Tokyo');
const tokyoTeam = schedule('Asia/Tokyo', 'Mon-Fri 09:00-18:00', ['2026-12-31']);
const berlinLunch = schedule('Europe/Berlin', 'Mon-Fri 09:00-12:00 13:00-17:00');

describe('addDuration on the calendar clock', () => {
  it('adds plain elapsed time', () => {
    expect(deadline('2026-11-24T14:00:00.000Z', '15s', sam)).toEqual({
      at: '2026-11-24T14:00:15.000Z',
      explanation: '15 seconds (calendar)',
    });
  });

  it('counts 24 hours across a DST change as 24 elapsed hours, not the same wall time', () => {
    expect(deadline('2026-03-07T15:00:00.000Z', '24h', sam)).toEqual({
      at: '2026-03-08T15:00:00.000Z',
      explanation: '24 hours (calendar)',
    });
  });
});

describe('addDuration on the business clock', () => {
  it('counts 24 business hours for a Tokyo receiver, skipping the New Year holiday', () => {
    expect(deadline('2026-12-29T01:00:00.000Z', '24h business', tokyoTeam)).toEqual({
      at: '2027-01-01T07:00:00.000Z',
      explanation: '24 business hours in Asia/Tokyo, Mon–Fri 09:00–18:00, skipping 2026-12-31',
    });
  });

  it('carries a Tokyo Friday afternoon over the weekend to Monday morning', () => {
    expect(deadline('2026-11-27T07:00:00.000Z', '4h business', dana).at).toBe('2026-11-30T03:00:00.000Z');
  });

  it('carries a New York Friday afternoon over the weekend to Monday noon', () => {
    expect(deadline('2026-11-20T21:00:00.000Z', '4h business', sam)).toEqual({
      at: '2026-11-23T17:00:00.000Z',
      explanation: '4 business hours in America/New_York, Mon–Fri 09:00–17:00',
    });
  });

  it('skips a holiday and names it in the explanation', () => {
    expect(deadline('2026-12-24T20:00:00.000Z', '4h business', sam)).toEqual({
      at: '2026-12-28T16:00:00.000Z',
      explanation: '4 business hours in America/New_York, Mon–Fri 09:00–17:00, skipping 2026-12-25',
    });
  });

  it('names each skipped holiday, but not one falling on a weekend', () => {
    const s = schedule('America/New_York', DEFAULT_WORKING_HOURS, ['2026-12-24', '2026-12-25', '2026-12-26']);
    expect(deadline('2026-12-23T21:00:00.000Z', '4h business', s)).toEqual({
      at: '2026-12-28T17:00:00.000Z',
      explanation:
        '4 business hours in America/New_York, Mon–Fri 09:00–17:00, skipping 2026-12-24, 2026-12-25',
    });
  });

  it('names a holiday the count starts on only when its working hours were still ahead', () => {
    expect(deadline('2026-12-25T15:00:00.000Z', '1h business', sam)).toMatchObject({
      at: '2026-12-28T15:00:00.000Z',
      explanation: expect.stringMatching(/, skipping 2026-12-25$/),
    });
    expect(deadline('2026-12-26T01:00:00.000Z', '1h business', sam)).toMatchObject({
      at: '2026-12-28T15:00:00.000Z',
      explanation: '1 business hour in America/New_York, Mon–Fri 09:00–17:00',
    });
  });

  it('uses the short Friday of a Mon–Thu/Fri schedule', () => {
    expect(deadline('2026-11-26T15:30:00.000Z', '4h business', bob)).toEqual({
      at: '2026-11-27T10:30:00.000Z',
      explanation: '4 business hours in Europe/Berlin, Mon–Thu 08:30–17:30, Fri 08:30–13:00',
    });
    expect(deadline('2026-11-26T15:30:00.000Z', '6h business', bob).at).toBe('2026-11-30T08:00:00.000Z');
  });

  it('begins counting at the next working start when started outside working hours', () => {
    expect(deadline('2026-11-28T09:00:00.000Z', '4h business', bob).at).toBe('2026-11-30T11:30:00.000Z');
    expect(deadline('2026-11-24T05:00:00.000Z', '30m business', sam).at).toBe('2026-11-24T14:30:00.000Z');
  });

  it('does not count the lunch break', () => {
    expect(deadline('2026-11-23T10:00:00.000Z', '2h business', berlinLunch).at).toBe(
      '2026-11-23T13:00:00.000Z',
    );
    expect(deadline('2026-11-23T11:30:00.000Z', '1h business', berlinLunch).at).toBe(
      '2026-11-23T13:00:00.000Z',
    );
  });

  it('lands at the end of a range it uses up exactly, not at the start of the next one', () => {
    expect(deadline('2026-11-23T10:00:00.000Z', '1h business', berlinLunch).at).toBe(
      '2026-11-23T11:00:00.000Z',
    );
    expect(deadline('2026-11-20T21:00:00.000Z', '1h business', sam).at).toBe('2026-11-20T22:00:00.000Z');
  });

  it('returns the start itself for a zero duration, even outside working hours', () => {
    expect(deadline('2026-11-28T03:00:00.000Z', '0 business', bob).at).toBe('2026-11-28T03:00:00.000Z');
  });

  it('throws when the schedule has no working time for 400 days', () => {
    const start = Temporal.PlainDate.from('2026-01-01');
    const holidays = Array.from({ length: 500 }, (_, i) => start.add({ days: i }).toString());
    const s = schedule('Europe/Berlin', DEFAULT_WORKING_HOURS, holidays);
    expect(() => addDuration(at('2026-01-01T10:00:00Z'), duration('1h business'), s)).toThrow(
      /no working time in the 400 days from 2026-01-01 in Europe\/Berlin/,
    );
  });
});

describe('addDuration across DST changes', () => {
  it('New York spring forward: 4 business hours from Friday 15:00 EST end Monday 11:00 EDT', () => {
    expect(deadline('2026-03-06T20:00:00.000Z', '4h business', sam).at).toBe('2026-03-09T15:00:00.000Z');
  });

  it('New York fall back: 4 business hours from Friday 15:00 EDT end Monday 11:00 EST', () => {
    expect(deadline('2026-10-30T19:00:00.000Z', '4h business', sam).at).toBe('2026-11-02T16:00:00.000Z');
  });

  it('Berlin spring forward: 4 business hours from Friday 11:00 CET end Monday 10:30 CEST', () => {
    expect(deadline('2026-03-27T10:00:00.000Z', '4h business', bob).at).toBe('2026-03-30T08:30:00.000Z');
  });

  it('Berlin fall back: 4 business hours from Friday 11:00 CEST end Monday 10:30 CET', () => {
    expect(deadline('2026-10-23T09:00:00.000Z', '4h business', bob).at).toBe('2026-10-26T09:30:00.000Z');
  });

  it('counts a range containing the skipped hour as one hour shorter', () => {
    const nightShift = schedule('America/New_York', 'Sun 00:00-06:00');
    expect(measureWorkingTime(at('2026-03-08T00:00:00Z'), at('2026-03-09T00:00:00Z'), nightShift)).toBe(
      5 * HOUR,
    );
    expect(deadline('2026-03-07T12:00:00.000Z', '5h business', nightShift).at).toBe(
      '2026-03-08T10:00:00.000Z',
    );
    expect(deadline('2026-03-07T12:00:00.000Z', '301m business', nightShift).at).toBe(
      '2026-03-15T04:01:00.000Z',
    );
  });

  it('counts a range containing the repeated hour as one hour longer', () => {
    const nightShift = schedule('America/New_York', 'Sun 00:00-06:00');
    expect(measureWorkingTime(at('2026-11-01T00:00:00Z'), at('2026-11-02T00:00:00Z'), nightShift)).toBe(
      7 * HOUR,
    );
    expect(deadline('2026-10-31T12:00:00.000Z', '7h business', nightShift).at).toBe(
      '2026-11-01T11:00:00.000Z',
    );
    expect(isWorkingTime(at('2026-11-01T06:30:00Z'), nightShift)).toBe(true);
  });

  it('moves a range start inside the skipped hour forward by the gap', () => {
    const s = schedule('America/New_York', 'Sun 02:30-10:00');
    expect(nextWorkingStart(at('2026-03-07T12:00:00Z'), s).toISOString()).toBe('2026-03-08T07:30:00.000Z');
    const berlin = schedule('Europe/Berlin', 'Sun 01:00-04:00');
    expect(measureWorkingTime(at('2026-03-28T12:00:00Z'), at('2026-03-30T00:00:00Z'), berlin)).toBe(2 * HOUR);
  });

  it('moves a range lying wholly inside the skipped hour forward as a whole', () => {
    const s = schedule('America/New_York', 'Sun 02:15-02:45');
    expect(isWorkingTime(at('2026-03-08T07:00:00Z'), s)).toBe(false);
    expect(nextWorkingStart(at('2026-03-07T12:00:00Z'), s).toISOString()).toBe('2026-03-08T07:15:00.000Z');
    expect(measureWorkingTime(at('2026-03-08T00:00:00Z'), at('2026-03-09T00:00:00Z'), s)).toBe(0.5 * HOUR);
  });

  it('treats a range whose moved start passes its end as no working time that day', () => {
    // 02:30 does not exist and becomes 03:30 EDT, after the range's 03:15 end.
    const s = schedule('America/New_York', 'Sun 02:30-03:15');
    expect(nextWorkingStart(at('2026-03-07T12:00:00Z'), s).toISOString()).toBe('2026-03-15T06:30:00.000Z');
  });

  it('never counts the same instant twice when a moved range end overruns the next range', () => {
    const s = schedule('America/New_York', 'Sun 00:00-02:30 03:00-05:00');
    // 00:00 EST to 03:30 EDT (the moved 02:30), then 03:30 to 05:00 EDT: 2.5 h + 1.5 h.
    expect(measureWorkingTime(at('2026-03-08T00:00:00Z'), at('2026-03-09T00:00:00Z'), s)).toBe(4 * HOUR);
  });

  it('starts a range beginning inside the repeated hour at its first occurrence', () => {
    const berlin = schedule('Europe/Berlin', 'Sun 02:30-04:00');
    expect(nextWorkingStart(at('2026-10-24T12:00:00Z'), berlin).toISOString()).toBe(
      '2026-10-25T00:30:00.000Z',
    );
    expect(measureWorkingTime(at('2026-10-24T12:00:00Z'), at('2026-10-26T00:00:00Z'), berlin)).toBe(
      2.5 * HOUR,
    );
    const newYork = schedule('America/New_York', 'Sun 01:30-02:00');
    expect(measureWorkingTime(at('2026-10-31T12:00:00Z'), at('2026-11-02T00:00:00Z'), newYork)).toBe(
      1.5 * HOUR,
    );
  });
});

describe('addDuration with business days', () => {
  it('lands at the same working time two working days later', () => {
    expect(deadline('2026-11-24T16:00:00.000Z', '2d business', sam)).toEqual({
      at: '2026-11-26T16:00:00.000Z',
      explanation: '2 business days in America/New_York, Mon–Fri 09:00–17:00',
    });
  });

  it('skips the weekend and keeps the local time across a DST change', () => {
    expect(deadline('2026-11-20T16:00:00.000Z', '1d business', sam).at).toBe('2026-11-23T16:00:00.000Z');
    expect(deadline('2026-03-06T16:00:00.000Z', '1d business', sam).at).toBe('2026-03-09T15:00:00.000Z');
  });

  it('ends a count begun at the start of a working day at that day’s close', () => {
    expect(deadline('2026-11-23T14:00:00.000Z', '1d business', sam).at).toBe('2026-11-23T22:00:00.000Z');
    expect(deadline('2026-11-21T15:00:00.000Z', '1d business', sam).at).toBe('2026-11-23T22:00:00.000Z');
    expect(deadline('2026-11-21T15:00:00.000Z', '2d business', sam).at).toBe('2026-11-24T22:00:00.000Z');
  });

  it('caps the offset at the end of a shorter working day', () => {
    expect(deadline('2026-11-26T15:00:00.000Z', '1d business', bob).at).toBe('2026-11-27T12:00:00.000Z');
  });

  it('skips a holiday and names it', () => {
    expect(deadline('2026-12-24T16:00:00.000Z', '1d business', sam)).toEqual({
      at: '2026-12-28T16:00:00.000Z',
      explanation: '1 business day in America/New_York, Mon–Fri 09:00–17:00, skipping 2026-12-25',
    });
  });

  it('measures the offset in working time, leaving out the lunch break', () => {
    // 13:30 is 3.5 working hours into the day: the next day's 3.5 h mark is 13:30 again, not 12:30.
    expect(deadline('2026-11-23T12:30:00.000Z', '1d business', berlinLunch).at).toBe(
      '2026-11-24T12:30:00.000Z',
    );
    expect(deadline('2026-11-23T11:30:00.000Z', '1d business', berlinLunch).at).toBe(
      '2026-11-24T11:00:00.000Z',
    );
  });
});

describe('isWorkingTime', () => {
  it('includes the start of a range and excludes its end', () => {
    expect(isWorkingTime(at('2026-11-23T14:00:00Z'), sam)).toBe(true);
    expect(isWorkingTime(at('2026-11-23T21:59:59.999Z'), sam)).toBe(true);
    expect(isWorkingTime(at('2026-11-23T22:00:00Z'), sam)).toBe(false);
  });

  it('is false on weekends, holidays and in a lunch break', () => {
    expect(isWorkingTime(at('2026-11-21T15:00:00Z'), sam)).toBe(false);
    expect(isWorkingTime(at('2026-12-25T15:00:00Z'), sam)).toBe(false);
    expect(isWorkingTime(at('2026-11-23T11:30:00Z'), berlinLunch)).toBe(false);
  });
});

describe('nextWorkingStart', () => {
  it('returns the instant itself inside working hours', () => {
    expect(nextWorkingStart(at('2026-11-23T15:17:00Z'), sam).toISOString()).toBe('2026-11-23T15:17:00.000Z');
  });

  it('returns the end of the lunch break', () => {
    expect(nextWorkingStart(at('2026-11-23T11:30:00Z'), berlinLunch).toISOString()).toBe(
      '2026-11-23T12:00:00.000Z',
    );
  });

  it('skips the weekend and a holiday', () => {
    expect(nextWorkingStart(at('2026-12-24T23:00:00Z'), sam).toISOString()).toBe('2026-12-28T14:00:00.000Z');
  });
});

describe('holdToWorkingHours', () => {
  it('holds a 02:00 lapse for a Tokyo manager to 09:00 local, saying so', () => {
    const lapse = {
      at: at('2026-11-24T17:00:00Z'),
      explanation: '4 business hours in America/New_York, Mon–Fri 09:00–17:00',
    };
    const held = holdToWorkingHours(lapse, dana);
    expect(held.at.toISOString()).toBe('2026-11-25T00:00:00.000Z');
    expect(held.explanation).toBe(
      "4 business hours in America/New_York, Mon–Fri 09:00–17:00; held to Wed 09:00 Asia/Tokyo, the recipient's next working start",
    );
  });

  it('leaves a deadline inside working hours unchanged', () => {
    const inside = { at: at('2026-11-25T01:00:00Z'), explanation: '1 hour (calendar)' };
    expect(holdToWorkingHours(inside, dana)).toEqual(inside);
  });

  it('holds a Friday-evening deadline to Monday morning', () => {
    const held = holdToWorkingHours(
      { at: at('2026-11-27T16:30:00Z'), explanation: '48 hours (calendar)' },
      bob,
    );
    expect(held).toEqual({
      at: at('2026-11-30T07:30:00Z'),
      heldFrom: at('2026-11-27T16:30:00Z'),
      explanation: "48 hours (calendar); held to Mon 08:30 Europe/Berlin, the recipient's next working start",
    });
  });

  it('holds a deadline at the very end of the working day to the next morning', () => {
    expect(
      holdToWorkingHours({ at: at('2026-11-23T22:00:00Z'), explanation: 'x' }, sam).at.toISOString(),
    ).toBe('2026-11-24T14:00:00.000Z');
  });
});

describe('endOfWorkingDay and startOfWorkingDay', () => {
  const day = (iso: string) => Temporal.PlainDate.from(iso);

  it('gives the bounds of a working day', () => {
    expect(startOfWorkingDay(day('2026-11-26'), bob).toISOString()).toBe('2026-11-26T07:30:00.000Z');
    expect(endOfWorkingDay(day('2026-11-26'), bob).toISOString()).toBe('2026-11-26T16:30:00.000Z');
    expect(endOfWorkingDay(day('2026-11-27'), bob).toISOString()).toBe('2026-11-27T12:00:00.000Z');
  });

  it('spans both ranges of a day with a lunch break', () => {
    expect(startOfWorkingDay(day('2026-11-23'), berlinLunch).toISOString()).toBe('2026-11-23T08:00:00.000Z');
    expect(endOfWorkingDay(day('2026-11-23'), berlinLunch).toISOString()).toBe('2026-11-23T16:00:00.000Z');
  });

  it('moves a weekend date to the next working day', () => {
    expect(startOfWorkingDay(day('2026-11-28'), bob).toISOString()).toBe('2026-11-30T07:30:00.000Z');
    expect(endOfWorkingDay(day('2026-11-28'), bob).toISOString()).toBe('2026-11-30T16:30:00.000Z');
  });

  it('moves a holiday to the next working day', () => {
    expect(endOfWorkingDay(day('2026-12-25'), sam).toISOString()).toBe('2026-12-28T22:00:00.000Z');
  });

  it('follows the zone’s offset on either side of a DST change', () => {
    expect(startOfWorkingDay(day('2026-03-06'), sam).toISOString()).toBe('2026-03-06T14:00:00.000Z');
    expect(startOfWorkingDay(day('2026-03-09'), sam).toISOString()).toBe('2026-03-09T13:00:00.000Z');
  });
});

describe('measureWorkingTime', () => {
  it('counts only working time, across a weekend and a DST change', () => {
    expect(measureWorkingTime(at('2026-03-06T20:00:00Z'), at('2026-03-09T15:00:00Z'), sam)).toBe(4 * HOUR);
  });

  it('leaves out holidays', () => {
    expect(measureWorkingTime(at('2026-12-24T20:00:00Z'), at('2026-12-28T16:00:00Z'), sam)).toBe(4 * HOUR);
  });

  it('is zero when the end is not after the start', () => {
    expect(measureWorkingTime(at('2026-11-23T16:00:00Z'), at('2026-11-23T15:00:00Z'), sam)).toBe(0);
  });
});

describe('localDate', () => {
  it('gives the date in the zone, not in UTC', () => {
    expect(localDate(at('2026-11-24T20:00:00Z'), 'Asia/Tokyo').toString()).toBe('2026-11-25');
    expect(localDate(at('2026-11-24T02:00:00Z'), 'America/New_York').toString()).toBe('2026-11-23');
  });
});

describe('formatLocal', () => {
  it.each([
    ['2026-11-24T14:00:00Z', 'Europe/Berlin', 'Tue 24 Nov 2026, 15:00 CET (Europe/Berlin)'],
    ['2026-07-01T12:00:00Z', 'Europe/Berlin', 'Wed 1 Jul 2026, 14:00 CEST (Europe/Berlin)'],
    ['2026-11-24T14:00:00Z', 'America/New_York', 'Tue 24 Nov 2026, 09:00 EST (America/New_York)'],
    ['2026-07-01T12:00:00Z', 'America/New_York', 'Wed 1 Jul 2026, 08:00 EDT (America/New_York)'],
    ['2026-11-24T14:00:00Z', 'Asia/Tokyo', 'Tue 24 Nov 2026, 23:00 GMT+9 (Asia/Tokyo)'],
    ['2026-11-24T14:00:00Z', 'Asia/Kolkata', 'Tue 24 Nov 2026, 19:30 GMT+5:30 (Asia/Kolkata)'],
    ['2026-11-24T14:00:00Z', 'Europe/London', 'Tue 24 Nov 2026, 14:00 GMT (Europe/London)'],
    ['2026-07-01T12:00:00Z', 'Europe/London', 'Wed 1 Jul 2026, 13:00 BST (Europe/London)'],
  ])('writes %s in %s as "%s"', (iso, zone, expected) => {
    expect(formatLocal(at(iso), zone)).toBe(expected);
  });
});

describe('isValidTimeZone', () => {
  it('accepts IANA zones', () => {
    expect(isValidTimeZone('Europe/Berlin')).toBe(true);
    expect(isValidTimeZone('America/New_York')).toBe(true);
    expect(isValidTimeZone('UTC')).toBe(true);
  });

  it('refuses unknown names, empty text and fixed offsets that ignore DST', () => {
    expect(isValidTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isValidTimeZone('')).toBe(false);
    expect(isValidTimeZone('+09:00')).toBe(false);
  });
});
