import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import {
  addDuration,
  isWorkingTime,
  measureWorkingTime,
  type Schedule,
} from '../../src/core/time/business-time.ts';
import type { Duration } from '../../src/core/time/duration.ts';
import type { IsoWeekday, TimeRange, WeeklyHours } from '../../src/core/time/working-hours.ts';

const MINUTE = 60_000;
const QUARTER = 15 * MINUTE;
const HOUR = 60 * MINUTE;
const FROM = Date.parse('2026-01-01T00:00:00Z');
const TO = Date.parse('2027-12-31T00:00:00Z');

// Zones with the DST changes the tests pin, plus 30-minute DST (Lord Howe), DST at midnight (Santiago,
// Havana) and a half-hour offset without DST (Kolkata).
const zones = fc.constantFrom(
  'Asia/Tokyo',
  'America/New_York',
  'Europe/Berlin',
  'Australia/Lord_Howe',
  'America/Santiago',
  'America/Havana',
  'Asia/Kolkata',
);

/** Ranges on a quarter-hour grid between `first` and `last` quarter, sorted and apart from each other. */
function dayRanges(first: number, last: number): fc.Arbitrary<TimeRange[]> {
  const range = fc
    .tuple(fc.integer({ min: first, max: last }), fc.integer({ min: first, max: last }))
    .filter(([a, b]) => a !== b)
    .map(([a, b]) => ({ start: Math.min(a, b) * 15, end: Math.max(a, b) * 15 }));
  return fc.array(range, { maxLength: 3 }).map((ranges) => {
    const kept: TimeRange[] = [];
    for (const r of [...ranges].sort((a, b) => a.start - b.start)) {
      if (kept.length === 0 || r.start > kept[kept.length - 1]!.end) kept.push(r);
    }
    return kept;
  });
}

function weeklyHours(first: number, last: number): fc.Arbitrary<WeeklyHours> {
  const day = dayRanges(first, last);
  return fc
    .tuple(day, day, day, day, day, day, day)
    .filter((days) => days.some((d) => d.length > 0))
    .map((days) => Object.fromEntries(days.map((d, i) => [i + 1, d])) as unknown as WeeklyHours);
}

const officeHours: WeeklyHours = {
  1: [{ start: 510, end: 1050 }],
  2: [{ start: 510, end: 1050 }],
  3: [{ start: 510, end: 1050 }],
  4: [{ start: 510, end: 1050 }],
  5: [{ start: 510, end: 780 }],
  6: [],
  7: [],
};

const holidays = fc.uniqueArray(
  fc
    .integer({ min: 0, max: 729 })
    .map((i) => Temporal.PlainDate.from('2026-01-01').add({ days: i }).toString()),
  { maxLength: 25 },
);

function schedules(hours: fc.Arbitrary<WeeklyHours>): fc.Arbitrary<Schedule> {
  return fc.record({ timeZone: zones, hours, holidays });
}

const anySchedule = schedules(fc.oneof(fc.constant(officeHours), weeklyHours(0, 96)));

function weeklyTotal(hours: WeeklyHours): number {
  return Object.values(hours)
    .flat()
    .reduce((sum, r) => sum + (r.end - r.start) * MINUTE, 0);
}

/**
 * Up to about three weeks of the schedule's working time, so sparse schedules stay quick. Whole quarter
 * hours half the time: with quarter-hour starts they use up working ranges exactly, the edge case.
 */
function businessMs(s: Schedule): fc.Arbitrary<number> {
  const max = Math.min(3 * weeklyTotal(s.hours), 200 * HOUR);
  return fc.oneof(
    fc.integer({ min: 1, max }),
    fc.integer({ min: 1, max: Math.max(1, Math.floor(max / QUARTER)) }).map((q) => q * QUARTER),
  );
}

const instant = fc.oneof(
  fc.integer({ min: FROM, max: TO }),
  fc.integer({ min: FROM / QUARTER, max: TO / QUARTER }).map((q) => q * QUARTER),
);
const business = (ms: number): Duration => ({ ms, clock: 'business' });

describe('business time properties', () => {
  it('a positive business duration lands inside a working range or exactly at its end', () => {
    fc.assert(
      fc.property(
        anySchedule.chain((s) => fc.tuple(fc.constant(s), instant, businessMs(s))),
        ([s, start, ms]) => {
          const landed = addDuration(new Date(start), business(ms), s).at.getTime();
          expect(landed).toBeGreaterThan(start);
          expect(isWorkingTime(new Date(landed - 1), s)).toBe(true);
        },
      ),
    );
  });

  it('exactly the requested working time lies between the start and the deadline', () => {
    fc.assert(
      fc.property(
        anySchedule.chain((s) => fc.tuple(fc.constant(s), instant, businessMs(s))),
        ([s, start, ms]) => {
          const landed = addDuration(new Date(start), business(ms), s).at;
          expect(measureWorkingTime(new Date(start), landed, s)).toBe(ms);
        },
      ),
    );
  });

  it('adding a then b equals adding a + b', () => {
    fc.assert(
      fc.property(
        anySchedule.chain((s) => fc.tuple(fc.constant(s), instant, businessMs(s), businessMs(s))),
        ([s, start, a, b]) => {
          const first = addDuration(new Date(start), business(a), s).at;
          const stepwise = addDuration(first, business(b), s).at;
          expect(stepwise.getTime()).toBe(addDuration(new Date(start), business(a + b), s).at.getTime());
        },
      ),
    );
  });

  it('a longer duration never gives an earlier deadline', () => {
    fc.assert(
      fc.property(
        anySchedule.chain((s) => fc.tuple(fc.constant(s), instant, businessMs(s), businessMs(s))),
        ([s, start, a, b]) => {
          const [shorter, longer] = a <= b ? [a, b] : [b, a];
          const early = addDuration(new Date(start), business(shorter), s).at.getTime();
          const late = addDuration(new Date(start), business(longer), s).at.getTime();
          expect(early).toBeLessThanOrEqual(late);
        },
      ),
    );
  });

  it('calendar addition is plain millisecond addition', () => {
    fc.assert(
      fc.property(anySchedule, instant, fc.integer({ min: 0, max: 366 * 24 * HOUR }), (s, start, ms) => {
        const landed = addDuration(new Date(start), { ms, clock: 'calendar' }, s).at;
        expect(landed.getTime()).toBe(start + ms);
      }),
    );
  });

  it('business days land inside or at the end of a working range, later for more days', () => {
    fc.assert(
      fc.property(anySchedule, instant, fc.integer({ min: 1, max: 10 }), (s, start, n) => {
        const days = (count: number): Duration => ({ ms: count * 24 * HOUR, clock: 'business', unit: 'd' });
        const landed = addDuration(new Date(start), days(n), s).at.getTime();
        expect(landed).toBeGreaterThan(start);
        expect(isWorkingTime(new Date(landed - 1), s)).toBe(true);
        expect(addDuration(new Date(start), days(n + 1), s).at.getTime()).toBeGreaterThan(landed);
      }),
    );
  });

  it('agrees with counting wall-clock quarter hours one by one, away from DST transition hours', () => {
    // Ranges between 05:00 and 23:00 never touch a DST change in these zones, so wall-clock membership is
    // an independent definition of working time to check the instant arithmetic against.
    const quietSchedule = schedules(weeklyHours(20, 92));
    const quarterStart = fc.integer({ min: FROM / QUARTER, max: TO / QUARTER }).map((q) => q * QUARTER);
    fc.assert(
      fc.property(quietSchedule, quarterStart, (s, start) => {
        const end = start + 14 * 24 * HOUR;
        expect(measureWorkingTime(new Date(start), new Date(end), s)).toBe(
          countQuarters(s, start, end) * QUARTER,
        );
      }),
      { numRuns: 40 },
    );
  });
});

function countQuarters(s: Schedule, start: number, end: number): number {
  const holidaySet = new Set(s.holidays);
  let count = 0;
  for (let t = start; t < end; t += QUARTER) {
    const local = Temporal.Instant.fromEpochMilliseconds(t).toZonedDateTimeISO(s.timeZone);
    if (holidaySet.has(local.toPlainDate().toString())) continue;
    const minute = local.hour * 60 + local.minute;
    if (s.hours[local.dayOfWeek as IsoWeekday].some((r) => r.start <= minute && minute < r.end)) count += 1;
  }
  return count;
}
