import { Temporal } from 'temporal-polyfill';
import { type Duration, formatDuration } from './duration.ts';
import { formatWorkingHours, type IsoWeekday, type WeeklyHours } from './working-hours.ts';

export interface Schedule {
  timeZone: string;
  hours: WeeklyHours;
  holidays: readonly string[];
} // holidays: 'YYYY-MM-DD' dates in the member's own zone

export interface Deadline {
  at: Date;
  explanation: string;
  /** When it would have fallen had it not been held to the recipient's working hours. */
  heldFrom?: Date;
}

/** A schedule without working time this long is a configuration bug, not a long weekend. */
const MAX_DAYS_WITHOUT_WORK = 400;
const DAY_MS = 86_400_000;
const WEEKDAY_NAMES = ['', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;
const MONTH_NAMES = [
  '',
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
] as const;

/** Epoch milliseconds, half-open: [start, end). */
interface Interval {
  start: number;
  end: number;
}

interface LocalDay {
  date: Temporal.PlainDate;
  holiday: boolean;
  /** Ascending, disjoint, non-empty. On a holiday: the time that would have been worked. */
  intervals: Interval[];
}

interface Reached {
  at: number;
  skipped: string[];
}

/** True for an IANA zone name; false for unknown names and for fixed offsets ("+09:00"), which never follow DST. */
/** Whether "YYYY-MM-DD" names a day that exists (not 2026-13-45, not 2026-02-30). */
export function isCalendarDate(text: string): boolean {
  try {
    Temporal.PlainDate.from(text, { overflow: 'reject' });
    return true;
  } catch {
    return false;
  }
}

export function isValidTimeZone(tz: string): boolean {
  if (tz.trim() === '' || /^[+-]/.test(tz)) return false;
  try {
    Temporal.Instant.fromEpochMilliseconds(0).toZonedDateTimeISO(tz);
    return true;
  } catch {
    return false;
  }
}

/**
 * Adds a duration on the schedule's clock. Calendar: plain elapsed time ("15 seconds", explanation
 * "24 hours (calendar)"). Business: counts only working time in the schedule's zone, skipping weekends,
 * non-working days and holidays; a start outside working hours begins counting at the next working start,
 * and a deadline that uses up a working range exactly lands at its end, not at the next range's start.
 * Explanation, one line: "4 business hours in Europe/Berlin, Mon–Thu 08:30–17:30, Fri 08:30–13:00", plus
 * ", skipping 2026-12-25" naming each holiday that would otherwise have been counted. A zero duration
 * returns start.
 *
 * Business days ('d' on the business clock, `unit: 'd'`) count working days, not 24-hour blocks of working
 * time: the deadline is the same working-time offset into the n-th following working day (capped at that
 * day's end when it is shorter), so Tue 11:00 + 2 business days = Thu 11:00 on a Mon–Fri schedule. A
 * count that starts at the very beginning of a working day (including a start outside working hours)
 * ends at the close of the (n−1)-th following working day: Sat 10:00 + 1 business day = Mon 17:00.
 */
export function addDuration(start: Date, duration: Duration, schedule: Schedule): Deadline {
  if (!Number.isFinite(duration.ms) || duration.ms < 0) {
    throw new Error(`cannot add a negative or non-finite duration (${duration.ms} ms)`);
  }
  if (duration.clock === 'calendar') {
    return {
      at: new Date(start.getTime() + duration.ms),
      explanation: `${formatDuration(duration)} (calendar)`,
    };
  }
  let reached: Reached;
  if (duration.ms === 0) {
    reached = { at: start.getTime(), skipped: [] };
  } else if (duration.unit === 'd') {
    const days = duration.ms / DAY_MS;
    if (!Number.isInteger(days)) throw new Error(`business days must be whole, got ${days}`);
    reached = addWorkingDays(start.getTime(), days, schedule);
  } else {
    reached = addWorkingTime(start.getTime(), duration.ms, schedule);
  }
  const skipping = reached.skipped.length > 0 ? `, skipping ${reached.skipped.join(', ')}` : '';
  return {
    at: new Date(reached.at),
    explanation: `${formatDuration(duration)} in ${schedule.timeZone}, ${formatWorkingHours(schedule.hours)}${skipping}`,
  };
}

/** Working time, in milliseconds, between two instants on the schedule; 0 when `to` is not after `from`. */
export function measureWorkingTime(from: Date, to: Date, schedule: Schedule): number {
  const [begin, finish] = [from.getTime(), to.getTime()];
  if (finish <= begin) return 0;
  const lastDate = localDate(to, schedule.timeZone);
  const days = localDays(localDate(from, schedule.timeZone), schedule);
  let total = 0;
  for (;;) {
    const day = days.next().value;
    if (Temporal.PlainDate.compare(day.date, lastDate) > 0) return total;
    if (day.holiday) continue;
    for (const interval of day.intervals) {
      total += Math.max(0, Math.min(interval.end, finish) - Math.max(interval.start, begin));
    }
  }
}

export function isWorkingTime(at: Date, schedule: Schedule): boolean {
  const t = at.getTime();
  const day = localDays(localDate(at, schedule.timeZone), schedule).next().value;
  return !day.holiday && day.intervals.some((i) => i.start <= t && t < i.end);
}

/** `at` itself when inside working hours, else the start of the next working range (skipping holidays). */
export function nextWorkingStart(at: Date, schedule: Schedule): Date {
  const t = at.getTime();
  const days = localDays(localDate(at, schedule.timeZone), schedule);
  for (;;) {
    const day = days.next().value;
    if (day.holiday) continue;
    const open = day.intervals.find((i) => i.end > t);
    if (open) return new Date(Math.max(open.start, t));
  }
}

/** If deadline.at falls outside the recipient's working hours, moves it to their next working start and appends to the explanation "; held to Wed 09:00 Asia/Tokyo, the recipient's next working start". Unchanged otherwise. */
export function holdToWorkingHours(deadline: Deadline, schedule: Schedule): Deadline {
  if (isWorkingTime(deadline.at, schedule)) return deadline;
  const held = nextWorkingStart(deadline.at, schedule);
  const local = zoned(held, schedule.timeZone);
  return {
    at: held,
    heldFrom: deadline.at,
    explanation: `${deadline.explanation}; held to ${WEEKDAY_NAMES[local.dayOfWeek]} ${clockTime(local)} ${schedule.timeZone}, the recipient's next working start`,
  };
}

/** End of the last working range on that local date; if the date is not a working day (weekend/holiday), the end of the next working day after it. */
export function endOfWorkingDay(date: Temporal.PlainDate, schedule: Schedule): Date {
  const day = firstWorkingDay(date, schedule);
  return new Date(day.intervals[day.intervals.length - 1]!.end);
}

/** Start of the first working range on that local date (or the next working day's if not a working day). */
export function startOfWorkingDay(date: Temporal.PlainDate, schedule: Schedule): Date {
  return new Date(firstWorkingDay(date, schedule).intervals[0]!.start);
}

/** The first time a wall-clock time of day (minutes after midnight) comes round on a working day, strictly after `after`: daily digests at 09:00 local. */
export function nextDailyTime(after: Date, minutes: number, schedule: Schedule): Date {
  const days = localDays(localDate(after, schedule.timeZone), schedule);
  for (;;) {
    const day = days.next().value;
    if (day.holiday || day.intervals.length === 0) continue;
    const at = wallClockToInstant(day.date, minutes, schedule.timeZone);
    if (at > after.getTime()) return new Date(at);
  }
}

/** The local calendar date of an instant in a zone. */
export function localDate(at: Date, timeZone: string): Temporal.PlainDate {
  return zoned(at, timeZone).toPlainDate();
}

/** A calendar date for prose: "Tue 24 Nov 2026". */
export function formatLocalDate(at: Date, timeZone: string): string {
  const z = zoned(at, timeZone);
  return `${WEEKDAY_NAMES[z.dayOfWeek]} ${z.day} ${MONTH_NAMES[z.month]} ${z.year}`;
}

/** For emails: "Tue 24 Nov 2026, 15:00 CET (Europe/Berlin)" — weekday, date, 24h time, short zone name as Intl gives it (en-US / en-GB abbreviation; fall back to GMT+9 style), IANA zone in parentheses. */
export function formatLocal(at: Date, timeZone: string): string {
  const z = zoned(at, timeZone);
  return `${formatLocalDate(at, timeZone)}, ${clockTime(z)} ${shortZoneName(at, timeZone)} (${timeZone})`;
}

function addWorkingTime(start: number, ms: number, schedule: Schedule): Reached {
  const skipped: string[] = [];
  const days = localDays(localDate(new Date(start), schedule.timeZone), schedule);
  let remaining = ms;
  let cursor = start;
  for (;;) {
    const day = days.next().value;
    const open = day.intervals.filter((i) => i.end > cursor);
    if (day.holiday) {
      if (open.length > 0) skipped.push(day.date.toString());
      continue;
    }
    for (const interval of open) {
      const from = Math.max(interval.start, cursor);
      if (remaining <= interval.end - from) return { at: from + remaining, skipped };
      remaining -= interval.end - from;
      cursor = interval.end;
    }
  }
}

function addWorkingDays(start: number, count: number, schedule: Schedule): Reached {
  const skipped: string[] = [];
  const days = localDays(localDate(new Date(start), schedule.timeZone), schedule);
  let first: LocalDay;
  for (;;) {
    const day = days.next().value;
    if (!day.intervals.some((i) => i.end > start)) continue;
    if (!day.holiday) {
      first = day;
      break;
    }
    skipped.push(day.date.toString());
  }
  const offset = first.intervals.reduce((sum, i) => sum + Math.max(0, Math.min(i.end, start) - i.start), 0);
  // A count from the very start of a working day has used none of it, so that day is the first one counted.
  let remainingDays = offset === 0 ? count - 1 : count;
  let last = first;
  while (remainingDays > 0) {
    const day = days.next().value;
    if (day.intervals.length === 0) continue;
    if (day.holiday) {
      skipped.push(day.date.toString());
      continue;
    }
    last = day;
    remainingDays -= 1;
  }
  if (offset === 0) return { at: last.intervals[last.intervals.length - 1]!.end, skipped };
  let remaining = offset;
  for (const interval of last.intervals) {
    if (remaining <= interval.end - interval.start) return { at: interval.start + remaining, skipped };
    remaining -= interval.end - interval.start;
  }
  return { at: last.intervals[last.intervals.length - 1]!.end, skipped };
}

function firstWorkingDay(date: Temporal.PlainDate, schedule: Schedule): LocalDay {
  const days = localDays(date, schedule);
  for (;;) {
    const day = days.next().value;
    if (!day.holiday && day.intervals.length > 0) return day;
  }
}

/**
 * Local dates from `from` on, each with its working ranges as instants. Walks day by day and throws once
 * MAX_DAYS_WITHOUT_WORK dates in a row had no working time, so every caller's loop is bounded.
 */
function* localDays(from: Temporal.PlainDate, schedule: Schedule): Generator<LocalDay, never, undefined> {
  const holidays = new Set(schedule.holidays);
  let daysWithoutWork = 0;
  for (let date = from; ; date = date.add({ days: 1 })) {
    const intervals: Interval[] = [];
    for (const range of schedule.hours[date.dayOfWeek as IsoWeekday] ?? []) {
      // A wall time inside a DST gap moves forward by the gap, past later wall times of the same day:
      // "02:30-03:15" on a spring-forward day becomes empty, and a range ending at 02:30 swallows the
      // start of one beginning at 03:00. Clipping to the previous end keeps intervals disjoint, so no
      // instant is counted twice.
      const previousEnd = intervals[intervals.length - 1]?.end ?? Number.NEGATIVE_INFINITY;
      const start = Math.max(wallClockToInstant(date, range.start, schedule.timeZone), previousEnd);
      const end = wallClockToInstant(date, range.end, schedule.timeZone);
      if (end > start) intervals.push({ start, end });
    }
    const holiday = holidays.has(date.toString());
    if (intervals.length > 0 && !holiday) daysWithoutWork = 0;
    else if (++daysWithoutWork >= MAX_DAYS_WITHOUT_WORK) {
      throw new Error(
        `no working time in the ${MAX_DAYS_WITHOUT_WORK} days from ${from.toString()} in ${schedule.timeZone} ` +
          `(${formatWorkingHours(schedule.hours) || 'no working hours'}, ${schedule.holidays.length} holidays): the schedule is misconfigured`,
      );
    }
    yield { date, holiday, intervals };
  }
}

/**
 * The one conversion from wall-clock working hours to instants. DST policy 'compatible': an ambiguous wall
 * time (clocks set back) takes its first occurrence, a skipped one (clocks set forward) moves forward by
 * the gap. 24:00 is midnight at the start of the next date.
 */
export function wallClockToInstant(date: Temporal.PlainDate, minutes: number, timeZone: string): number {
  const day = minutes >= 1440 ? date.add({ days: 1 }) : date;
  const minuteOfDay = minutes % 1440;
  return day
    .toPlainDateTime({ hour: Math.floor(minuteOfDay / 60), minute: minuteOfDay % 60 })
    .toZonedDateTime(timeZone, { disambiguation: 'compatible' }).epochMilliseconds;
}

function zoned(at: Date, timeZone: string): Temporal.ZonedDateTime {
  return Temporal.Instant.fromEpochMilliseconds(at.getTime()).toZonedDateTimeISO(timeZone);
}

function clockTime(z: Temporal.ZonedDateTime): string {
  return `${String(z.hour).padStart(2, '0')}:${String(z.minute).padStart(2, '0')}`;
}

// Building an Intl.DateTimeFormat costs about as much as a whole deadline computation; the few zones
// and two locales in use are kept.
const zoneNameFormats = new Map<string, Intl.DateTimeFormat>();

function zoneNameFormat(locale: string, timeZone: string): Intl.DateTimeFormat {
  const key = `${locale} ${timeZone}`;
  let format = zoneNameFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: 'short' });
    zoneNameFormats.set(key, format);
  }
  return format;
}

/** en-US knows EST/PST, en-GB knows CET/BST; zones neither names (Asia/Tokyo) get "GMT+9". */
function shortZoneName(at: Date, timeZone: string): string {
  const names = ['en-US', 'en-GB'].map(
    (locale) =>
      zoneNameFormat(locale, timeZone)
        .formatToParts(at)
        .find((part) => part.type === 'timeZoneName')?.value ?? '',
  );
  return names.find((name) => /^[A-Z]{2,5}$/.test(name)) ?? names[0] ?? timeZone;
}
