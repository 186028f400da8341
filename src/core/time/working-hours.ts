export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7; // 1 = Monday
export interface TimeRange {
  start: number;
  end: number;
} // minutes since local midnight, 0 <= start < end <= 1440
export type WeeklyHours = Record<IsoWeekday, TimeRange[]>; // ranges sorted, non-overlapping

export const DEFAULT_WORKING_HOURS = 'Mon-Fri 09:00-17:00';

const WEEKDAYS: readonly IsoWeekday[] = [1, 2, 3, 4, 5, 6, 7];
const SHORT_NAMES: Record<IsoWeekday, string> = {
  1: 'Mon',
  2: 'Tue',
  3: 'Wed',
  4: 'Thu',
  5: 'Fri',
  6: 'Sat',
  7: 'Sun',
};
const DAY_BY_NAME: ReadonlyMap<string, IsoWeekday> = new Map([
  ['mon', 1],
  ['monday', 1],
  ['tue', 2],
  ['tues', 2],
  ['tuesday', 2],
  ['wed', 3],
  ['wednesday', 3],
  ['thu', 4],
  ['thur', 4],
  ['thurs', 4],
  ['thursday', 4],
  ['fri', 5],
  ['friday', 5],
  ['sat', 6],
  ['saturday', 6],
  ['sun', 7],
  ['sunday', 7],
]);

type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

/** Accepts e.g. "Mon-Fri 09:00-17:00", "Mon-Thu 08:30-17:30, Fri 08:30-13:00", "Mon-Fri 09:00-12:00 13:00-17:00" (several ranges a day), "Sat 10:00-14:00", "Mon,Wed,Fri 09:00-17:00", "Sun-Thu 08:00-16:00"; en dashes accepted too. Errors say exactly what is wrong ("unknown weekday 'Mun'", "range 18:00-09:00 ends before it starts", "overlapping ranges on Mon"). At least one working range overall is required. */
export function parseWorkingHours(text: string): Parsed<WeeklyHours> {
  const normalized = text
    .trim()
    .replace(/[\u2012-\u2015\u2212]/g, '-')
    .replace(/\s*-\s*/g, '-')
    .replace(/([a-z])\s*:/gi, '$1 ');
  if (normalized === '') {
    return { ok: false, message: `no working hours given (expected e.g. "${DEFAULT_WORKING_HOURS}")` };
  }
  // Commas both list days ("Mon,Wed,Fri") and separate groups ("…, Fri 08:30-13:00"), so the text is read
  // as a stream of tokens instead: one or more day tokens, then one or more time ranges, repeated.
  const tokens = normalized.split(/[\s,]+/).filter((t) => t !== '');
  const hours = emptyWeek();
  let days: IsoWeekday[] = [];
  let daysText: string[] = [];
  let rangesInGroup = 0;
  for (const token of tokens) {
    if (/\d/.test(token)) {
      if (days.length === 0) return { ok: false, message: `time range ${token} has no weekday before it` };
      const range = parseRange(token);
      if (!range.ok) return range;
      for (const day of days) hours[day].push(range.value);
      rangesInGroup += 1;
      continue;
    }
    if (rangesInGroup > 0) {
      days = [];
      daysText = [];
      rangesInGroup = 0;
    }
    const parsedDays = parseDays(token);
    if (!parsedDays.ok) return parsedDays;
    days.push(...parsedDays.value);
    daysText.push(token);
  }
  if (rangesInGroup === 0) return { ok: false, message: `no time range after '${daysText.join(',')}'` };

  for (const day of WEEKDAYS) {
    const merged = mergeDay(hours[day]);
    if (!merged) return { ok: false, message: `overlapping ranges on ${SHORT_NAMES[day]}` };
    hours[day] = merged;
  }
  return { ok: true, value: hours };
}

/** Compact human form with en dashes: "Mon–Thu 08:30–17:30, Fri 08:30–13:00". */
export function formatWorkingHours(h: WeeklyHours): string {
  const groups = new Map<string, IsoWeekday[]>();
  for (const day of WEEKDAYS) {
    if (h[day].length === 0) continue;
    const key = h[day].map((r) => `${formatTime(r.start)}–${formatTime(r.end)}`).join(' ');
    groups.set(key, [...(groups.get(key) ?? []), day]);
  }
  return [...groups.entries()].map(([ranges, days]) => `${formatDays(days)} ${ranges}`).join(', ');
}

function emptyWeek(): WeeklyHours {
  return { 1: [], 2: [], 3: [], 4: [], 5: [], 6: [], 7: [] };
}

function parseDays(token: string): Parsed<IsoWeekday[]> {
  const parts = token.split('-');
  if (parts.length > 2)
    return { ok: false, message: `cannot read weekdays '${token}' (expected e.g. Mon-Fri)` };
  const named: IsoWeekday[] = [];
  for (const part of parts) {
    const day = DAY_BY_NAME.get(part.toLowerCase());
    if (day === undefined) return { ok: false, message: `unknown weekday '${part}'` };
    named.push(day);
  }
  const [first, last] = named as [IsoWeekday, IsoWeekday | undefined];
  if (last === undefined) return { ok: true, value: [first] };
  // Day ranges wrap around the week end: "Sun-Thu" and "Fri-Mon" are common outside Europe and America.
  const days: IsoWeekday[] = [first];
  for (let d = first; d !== last; ) {
    d = ((d % 7) + 1) as IsoWeekday;
    days.push(d);
  }
  return { ok: true, value: days };
}

function parseRange(token: string): Parsed<TimeRange> {
  const match = /^(\d{1,2}:\d{2})-(\d{1,2}:\d{2})$/.exec(token);
  if (!match)
    return {
      ok: false,
      message: `cannot read time range '${token}' (expected HH:MM-HH:MM, e.g. 09:00-17:00)`,
    };
  const [, startText, endText] = match as unknown as [string, string, string];
  const start = parseTime(startText);
  if (start === null) return { ok: false, message: `invalid time '${startText}' in range ${token}` };
  const end = parseTime(endText);
  if (end === null) return { ok: false, message: `invalid time '${endText}' in range ${token}` };
  if (end < start) {
    return {
      ok: false,
      message: `range ${token} ends before it starts (split a night shift at midnight, e.g. "Mon 22:00-24:00, Tue 00:00-06:00")`,
    };
  }
  if (end === start) return { ok: false, message: `range ${token} is empty` };
  return { ok: true, value: { start, end } };
}

function parseTime(text: string): number | null {
  const [h, m] = text.split(':').map(Number) as [number, number];
  if (m > 59 || h > 24 || (h === 24 && m !== 0)) return null;
  return h * 60 + m;
}

/** Sorted ranges with touching ones joined, or null when two overlap. */
function mergeDay(ranges: readonly TimeRange[]): TimeRange[] | null {
  const sorted = [...ranges].sort((a, b) => a.start - b.start);
  const merged: TimeRange[] = [];
  for (const range of sorted) {
    const previous = merged[merged.length - 1];
    if (previous && range.start < previous.end) return null;
    if (previous && range.start === previous.end) previous.end = range.end;
    else merged.push({ ...range });
  }
  return merged;
}

function formatTime(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** Runs of consecutive days, wrapping around Sunday, so "Sun–Thu" reads as one run. */
function formatDays(days: readonly IsoWeekday[]): string {
  if (days.length === 7) return 'Mon–Sun';
  const set = new Set(days);
  const previous = (d: IsoWeekday) => (((d + 5) % 7) + 1) as IsoWeekday;
  const next = (d: IsoWeekday) => ((d % 7) + 1) as IsoWeekday;
  const runs: string[] = [];
  for (const day of WEEKDAYS) {
    if (!set.has(day) || set.has(previous(day))) continue;
    let last = day;
    while (set.has(next(last))) last = next(last);
    runs.push(last === day ? SHORT_NAMES[day] : `${SHORT_NAMES[day]}–${SHORT_NAMES[last]}`);
  }
  return runs.join(', ');
}
