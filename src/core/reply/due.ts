/*
 * Due times in reply text, read with chrono-node and turned into instants with Temporal.
 *
 * Rules (all relative to the reply's Date, read on the receiver's wall clock and working hours):
 * - A clock time with a date ("tomorrow at 10 AM", "Thursday 3pm") is that wall time on that date.
 * - A clock time alone ("at 10", "by noon", "15時に") is its next occurrence still ahead of the reply.
 * - An hour from 1 to 7 with no am/pm and no 24-hour form ("at 3", "a las 4", "um 7") is read in the
 *   afternoon when that morning hour is outside the working hours of its day or, with no date, already
 *   past: nobody promises a call at 3 in the night. A clock-face phrase is its time by the same rule: Dutch
 *   "half drie" is half an hour before three (14:30), "kwart voor elf" 10:45; "alle 7 di sera" is 19:00.
 * - A date without an hour ("Thursday", "Monday the 4th", "demain", "本日中") is the end of the working
 *   day on that date; on a day without working hours, or once that end has passed, the end of the
 *   calendar day (23:59). "EOD"/"COB"/"end of day" is the same rule, today unless a date is named.
 * - A bare weekday names the next such day: "Thursday" written on a Thursday means a week later,
 *   unless it names an hour still ahead that day ("Thursday at 2pm" written Thursday morning is today).
 * - "the 4th" is the next 4th on or after today; "Monday the 4th" the next 4th that is a Monday.
 * - "in 2 hours", "dans une heure", "2時間後" add exact elapsed time to the reply's instant; "now" is it.
 * - "first thing (tomorrow)" is the start of the working day; without a date, the next working start
 *   that is not the current working day.
 * - Parts of a day are read as their end: morning 12:00, afternoon the end of the working day (17:00
 *   when the working day ends before noon or is absent), evening and tonight 21:00. Without a date, the
 *   next one whose end is still ahead.
 * - "this week"/"end of the week" is the end of the week's last working day; "next week" the end of
 *   next week's last working day (a promise for next week is kept by doing it any day of that week);
 *   "early next week" the end of next week's first working day.
 * - A zone named in the text ("2pm ET", "15:00 CET") wins over the receiver's zone.
 * - Wall times land on instants with Temporal's 'compatible' disambiguation: a skipped time moves
 *   forward by the gap, an ambiguous one takes its first occurrence.
 *
 * Process-zone independence: chrono computes dates with the process's local Date getters. It is given
 * a reference whose UTC fields are the receiver's wall date at 12:00 and `timezone: 0`, so every date it
 * derives is the receiver's calendar date (noon is hours away from any zone's DST change); clock times
 * are taken only from what the text states, and elapsed durations are computed here, never by chrono.
 */
import * as chrono from 'chrono-node';
import { Temporal } from 'temporal-polyfill';
import {
  endOfWorkingDay,
  nextWorkingStart,
  type Schedule,
  startOfWorkingDay,
  wallClockToInstant,
} from '../time/business-time.ts';
import { type Holiday, holidayDate, onOrAfter } from '../time/holidays.ts';
import type { IsoWeekday } from '../time/working-hours.ts';
import { LEXICONS } from './lexicon/index.ts';
import { OTHER_LANGUAGES } from './lexicon/other-languages.ts';
import type { ChronoLocale, DueMark, DueWords } from './lexicon/types.ts';

export type DueLanguage = ChronoLocale;

export type DueRule =
  | 'clock'
  | 'date'
  | 'end-of-day'
  | 'first-thing'
  | 'duration'
  | 'now'
  | 'part-of-day'
  | 'end-of-week';

export interface DueMention {
  /** Offset of the expression in the text that was read. */
  index: number;
  /** The expression as written. */
  text: string;
  due: Date;
  rule: DueRule;
  /** Whether the expression names its day ("Monday at 10"), not only a clock time ("at 10"). */
  dated: boolean;
}

// Longest text handed to chrono in one call: a sentence or a few, never a whole email.
const MAX_CHRONO_INPUT = 2_000;

const TAG = {
  duration: 'baton/duration',
  dayOfMonth: 'baton/day-of-month',
  // "nach Ostern": the first working day after the holiday, `baton/after-holiday:<holiday's date>`.
  afterHoliday: 'baton/after-holiday',
} as const;

const MARK_TAG: Record<DueMark, string> = {
  endOfDay: 'baton/eod',
  firstThing: 'baton/first-thing',
  morning: 'baton/morning',
  afternoon: 'baton/afternoon',
  evening: 'baton/evening',
  thisWeek: 'baton/this-week',
  nextWeek: 'baton/next-week',
  earlyNextWeek: 'baton/early-next-week',
};

// --- The words of every language ---------------------------------------------------------------------

// In the order languages are told apart (see detectLanguage).
const LANGUAGES: readonly [DueLanguage, DueWords][] = [
  ...LEXICONS.map((lexicon): [DueLanguage, DueWords] => [lexicon.code, lexicon.due]),
  ...OTHER_LANGUAGES.flatMap((language): [DueLanguage, DueWords][] =>
    language.due ? [[language.code as DueLanguage, language.due]] : [],
  ),
];
const WORDS = new Map(LANGUAGES);

function gather(pick: (words: DueWords) => readonly string[] | undefined): string[] {
  return [...new Set(LANGUAGES.flatMap(([, words]) => pick(words) ?? []))];
}

function anyOf(sources: readonly string[]): string {
  return sources.length > 0 ? sources.map((s) => `(?:${s})`).join('|') : '(?!)';
}

const L = '\\p{L}\\p{N}';
// Unicode-aware word edges: `\b` is ASCII-only and splits "às" or "früh".
const B = `(?<![${L}])`;
const E = `(?![${L}])`;
// Scripts written without spaces between words: their words are found inside a text.
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

function word(source: string): string {
  return UNSPACED.test(source) ? source : `${B}(?:${source})${E}`;
}

function re(source: string): RegExp {
  return new RegExp(word(source), 'iu');
}

// A lexicon's source with its `{weekday}`, `{month}` and `{hourWord}` names filled in.
function expand(source: string, words: DueWords): string {
  return source
    .replace('{weekday}', longestFirst(Object.keys(words.weekdays ?? {})).join('|') || '(?!)')
    .replace('{holiday}', longestFirst(Object.values(words.holidays ?? {}).flat()).join('|') || '(?!)')
    .replace('{month}', words.months?.join('|') || '(?!)')
    .replace('{hourWord}', Object.keys(words.hourWords ?? {}).join('|') || '(?!)');
}

function longestFirst(names: readonly string[]): string[] {
  return [...names].sort((a, b) => b.length - a.length);
}

// --- Parsers -----------------------------------------------------------------------------------------

type Extract = (context: chrono.ParsingContext, match: RegExpMatchArray) => chrono.ParsingComponents | null;

// chrono retries a pattern on the text after a failed match's first letter, where a look-behind sees no
// letter before it ("(Quinta" refused, then "uinta"); a match that starts inside a spaced word is none.
const INSIDE_WORD = /[\p{L}\p{N}]/u;

function parser(pattern: RegExp, extract: Extract): chrono.Parser {
  return {
    pattern: () => pattern,
    extract: (context, match) => {
      const first = match[0]?.[0] ?? '';
      const before = context.text[(match.index ?? 0) - 1] ?? '';
      if (
        INSIDE_WORD.test(first) &&
        !UNSPACED.test(first) &&
        INSIDE_WORD.test(before) &&
        !UNSPACED.test(before)
      )
        return null;
      return extract(context, match);
    },
  };
}

function marker(pattern: RegExp, tag: string): chrono.Parser {
  return parser(pattern, (context) => bare(context, tag));
}

// A marker names no date or clock time. Its year is pinned so that chrono's date-time merger, which would
// take a component-less marker for the date side of "EOD Friday", leaves the pair to `adjacencyRefiner`.
function bare(context: chrono.ParsingContext, tag: string): chrono.ParsingComponents {
  const components = context.createParsingComponents({ year: referenceDate(context).year });
  components.addTag(tag);
  return components;
}

// The receiver's wall date of chrono's reference (its UTC fields, see the module comment).
function referenceDate(context: chrono.ParsingContext): Temporal.PlainDate {
  const instant = context.reference.instant;
  return new Temporal.PlainDate(instant.getUTCFullYear(), instant.getUTCMonth() + 1, instant.getUTCDate());
}

function onDate(context: chrono.ParsingContext, date: Temporal.PlainDate): chrono.ParsingComponents {
  return context.createParsingComponents({ year: date.year, month: date.month, day: date.day });
}

// A clock time from the named groups of its pattern (see DueWords.clocks).
function clock(pattern: RegExp, words: DueWords): chrono.Parser {
  const offsets = new Map(
    Object.entries(words.clockOffsets ?? {}).map(([name, minutes]) => [name.toLowerCase(), minutes]),
  );
  return parser(pattern, (context, match) => {
    const groups = match.groups ?? {};
    const written = groups.hour?.toLowerCase() ?? '';
    let hour = /^\d+$/.test(written) ? Number(written) : (words.hourWords?.[written] ?? Number.NaN);
    let minute = groups.minute ? Number(groups.minute) : 0;
    if (!(hour <= 23) || minute > 59) return null;
    if (groups.pm && hour < 12) hour += 12;
    if (groups.offset) {
      const offset = offsets.get(groups.offset.toLowerCase().replace(/\s+/g, ' '));
      if (offset === undefined) return null;
      // "half een", "kwart voor een": half past and quarter to twelve, never past midnight.
      const total = hour * 60 + minute + offset;
      const onClock = total < 60 ? total + 12 * 60 : total;
      hour = Math.floor(onClock / 60);
      minute = onClock % 60;
    }
    const components = context.createParsingComponents({ hour, minute });
    // As chrono's own clock times: a date it merges with ("morgen", implied afternoon) keeps the hour.
    components.imply('meridiem', hour >= 12 ? 1 : 0);
    // "mardi à 11 h 30": a weekday written with the time.
    const weekday = groups.weekday ? words.weekdays?.[groups.weekday.toLowerCase()] : undefined;
    if (weekday) onWeekday(components, referenceDate(context), weekday);
    return components;
  });
}

// A weekday as chrono gives it: the weekday certain, its next date (today included) implied.
function onWeekday(
  components: chrono.ParsingComponents,
  today: Temporal.PlainDate,
  weekday: IsoWeekday,
): chrono.ParsingComponents {
  const date = onOrAfter(today, weekday);
  components.assign('weekday', weekday % 7);
  components.imply('year', date.year);
  components.imply('month', date.month);
  components.imply('day', date.day);
  return components;
}

const fold = (text: string) =>
  text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();

// Edit distance with adjacent swaps counted once (optimal string alignment), capped at 2.
function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 1) return 2;
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i += 1) {
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = best;
    }
  }
  return Math.min(rows[a.length]![b.length]!, 2);
}

// "Wendesday", "Thrusday", "vrijdg": a weekday name of six letters or more with one letter wrong, missing,
// extra or swapped, or written without its accent ("miercoles"); exact names are chrono's.
function tolerantWeekday(words: DueWords): chrono.Parser {
  const names = Object.entries(words.weekdays ?? {}).filter(([name]) => [...name].length >= 6);
  const exact = new Set(Object.keys(words.weekdays ?? {}).map((name) => name.toLowerCase()));
  const excluded = new Set((words.notWeekdays ?? []).map(fold));
  const folded = names.map(([name, weekday]) => [fold(name), weekday] as const);
  return parser(/(?<![\p{L}\p{N}])\p{L}{5,}(?:-\p{L}+)?(?![\p{L}\p{N}])/u, (context, match) => {
    const written = match[0].toLowerCase();
    if (exact.has(written)) return null;
    const token = fold(written);
    if (excluded.has(token)) return null;
    const found = folded.find(([name]) => editDistance(token, name) <= 1);
    return found ? onWeekday(context.createParsingComponents(), referenceDate(context), found[1]) : null;
  });
}

// "Dienstag nach Ostern", "after Easter", "le lendemain du 14 juillet" (see DueWords.holidayPhrases): the
// next occurrence of the holiday whose reading is not before the reply's day.
function holidayPhrase(pattern: RegExp, words: DueWords, dayAfter: boolean): chrono.Parser {
  const names = Object.entries(words.holidays ?? {}).flatMap(([holiday, sources]) =>
    (sources ?? []).map((source) => [new RegExp(`^(?:${source})$`, 'iu'), holiday as Holiday] as const),
  );
  const weekdays = new Map(
    Object.entries(words.weekdays ?? {}).map(([name, day]) => [name.toLowerCase(), day]),
  );
  return parser(pattern, (context, match) => {
    const written = match.groups?.holiday ?? '';
    const holiday = names.find(([name]) => name.test(written))?.[1];
    if (!holiday) return null;
    const weekday = match.groups?.weekday ? weekdays.get(match.groups.weekday.toLowerCase()) : undefined;
    const today = referenceDate(context);
    for (const year of [today.year - 1, today.year, today.year + 1]) {
      const day = holidayDate(holiday, year);
      const next = day.add({ days: 1 });
      const date = weekday ? onOrAfter(next, weekday) : next;
      if (Temporal.PlainDate.compare(date, today) < 0) continue;
      const components = onDate(context, date);
      if (!weekday && !dayAfter) components.addTag(`${TAG.afterHoliday}:${day.toString()}`);
      return components;
    }
    return null;
  });
}

const NUMBER_WORDS: Record<string, number> = Object.assign(
  {},
  ...LANGUAGES.map(([, words]) => words.numbers ?? {}),
);
const HOUR_UNITS = gather((w) => w.hourUnits);
const MINUTE_UNITS = gather((w) => w.minuteUnits);
const UNITS = [...HOUR_UNITS, ...MINUTE_UNITS];
const DURATION = new RegExp(
  `${B}(${anyOf([...gather((w) => w.halves), '\\d+(?:[.,]\\d+)?', ...Object.keys(NUMBER_WORDS)])})` +
    `(?:\\s+(?:${anyOf(gather((w) => w.countLinks))}))?\\s*` +
    `(?:(${anyOf(UNITS.filter((u) => !UNSPACED.test(u)))})(?![${L}])` +
    `|(${anyOf(UNITS.filter((u) => UNSPACED.test(u)))}))`,
  'iu',
);
const HALF = new RegExp(`^(?:${anyOf(gather((w) => w.halves))})`, 'iu');
const HALF_AFTER = new RegExp(`^\\s*(?:${anyOf(gather((w) => w.halfAfter))})`, 'iu');
const MINUTE_UNIT = new RegExp(`^(?:${anyOf(MINUTE_UNITS)})$`, 'iu');
const RELATIVE_WORD = new RegExp(anyOf(gather((w) => w.relativeWords).map(word)), 'iu');
const FIXED_DURATIONS = LANGUAGES.flatMap(([, words]) =>
  (words.fixedDurations ?? []).map(({ minutes, words: sources }) => ({
    minutes,
    pattern: new RegExp(anyOf(sources.map(word)), 'iu'),
  })),
);

/** Minutes of elapsed time named in an expression ("in 2 hours", "dans une heure", "2時間後"), else null. */
export function durationMinutes(text: string): number | null {
  for (const fixed of FIXED_DURATIONS) if (fixed.pattern.test(text)) return fixed.minutes;
  const match = DURATION.exec(text);
  if (!match) return null;
  const amount = match[1]!.toLowerCase();
  const unit = (match[2] ?? match[3]!).toLowerCase();
  const value = HALF.test(amount) ? 0.5 : (NUMBER_WORDS[amount] ?? Number(amount.replace(',', '.')));
  if (!Number.isFinite(value)) return null;
  const isMinutes = MINUTE_UNIT.test(unit);
  const minutes = isMinutes ? value : value * 60;
  // "2時間半後" / "2 and a half hours" add the half hour written after the unit.
  const tail = text.slice((match.index ?? 0) + match[0].length, (match.index ?? 0) + match[0].length + 12);
  const extra = !isMinutes && HALF_AFTER.test(tail) ? 30 : 0;
  return Math.round(minutes + extra);
}

function duration(pattern: RegExp): chrono.Parser {
  return parser(pattern, (context, match) => {
    const minutes = durationMinutes(match[0]);
    return minutes === null ? null : bare(context, `${TAG.duration}:${minutes}`);
  });
}

// "the 4th", "Monday the 4th", "el 21", "20日": the next such day of the month (that is that weekday).
function dayOfMonth(pattern: RegExp, weekdays: Readonly<Record<string, IsoWeekday>>): chrono.Parser {
  return parser(pattern, (context, match) => {
    const day = Number(match.groups?.day);
    if (day < 1 || day > 31) return null;
    const named = match.groups?.weekday;
    const weekday = named ? weekdays[named.toLowerCase()] : undefined;
    const date = nextDayOfMonth(referenceDate(context), day, weekday);
    if (!date) return null;
    const components = onDate(context, date);
    components.addTag(TAG.dayOfMonth);
    return components;
  });
}

function nextDayOfMonth(
  from: Temporal.PlainDate,
  day: number,
  weekday?: IsoWeekday,
): Temporal.PlainDate | null {
  let fallback: Temporal.PlainDate | null = null;
  for (let i = 0; i < 13; i += 1) {
    const month = from.toPlainYearMonth().add({ months: i });
    if (day > month.daysInMonth) continue;
    const date = month.toPlainDate({ day });
    if (Temporal.PlainDate.compare(date, from) < 0) continue;
    if (weekday === undefined || date.dayOfWeek === weekday) return date;
    fallback ??= date;
  }
  return fallback;
}

// "tues", "weds": weekday abbreviations chrono does not know; the next such day after the reply.
function weekdayAbbreviation(names: Readonly<Record<string, IsoWeekday>>): chrono.Parser {
  const table = new Map(Object.entries(names).map(([name, day]) => [name.toLowerCase(), day]));
  return parser(re(`(?<name>${[...table.keys()].join('|')})\\.?`), (context, match) => {
    const weekday = table.get(match.groups!.name!.toLowerCase());
    if (!weekday) return null;
    const today = referenceDate(context);
    // Never today: the next such day after the reply.
    return onDate(context, onOrAfter(today.add({ days: 1 }), weekday));
  });
}

// "13.04." / "10.04.2026" (day first): chrono's German and Romance parsers skip a date without year.
function dottedDate(): chrono.Parser {
  return parser(
    /(?<![\p{L}\p{N}.])(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2}(?!\d))?(?![\p{N}])/u,
    (context, match) => {
      const day = Number(match[1]);
      const month = Number(match[2]);
      if (month < 1 || month > 12 || day < 1 || day > 31) return null;
      if (match[3]) {
        const year = match[3].length === 2 ? 2000 + Number(match[3]) : Number(match[3]);
        return context.createParsingComponents({ year, month, day });
      }
      const from = referenceDate(context);
      for (const year of [from.year, from.year + 1]) {
        const date = Temporal.PlainDate.from({ year, month, day }, { overflow: 'constrain' });
        if (date.day === day && Temporal.PlainDate.compare(date, from) >= 0) return onDate(context, date);
      }
      return null;
    },
  );
}

// "après-demain", "morgen früh": a day after the reply's, maybe with a mark.
function daysAhead(pattern: RegExp, days: number, mark: DueMark | undefined): chrono.Parser {
  return parser(pattern, (context) => {
    const components = onDate(context, referenceDate(context).add({ days }));
    if (mark) components.addTag(MARK_TAG[mark]);
    return components;
  });
}

function noon(pattern: RegExp): chrono.Parser {
  return parser(pattern, (context) => context.createParsingComponents({ hour: 12, minute: 0 }));
}

function markers(marks: DueWords['marks']): chrono.Parser[] {
  return Object.entries(marks ?? {}).flatMap(([mark, sources]) =>
    sources.map((source) => marker(re(source), MARK_TAG[mark as DueMark])),
  );
}

// The languages whose days of month and elapsed times a language also tries, itself first.
function readAlso(language: DueLanguage, kind: 'durations' | 'daysOfMonth'): DueWords[] {
  const own = WORDS.get(language)!;
  return [own, ...(own.alsoRead?.[kind] ?? []).map((other) => WORDS.get(other)!)];
}

// Our parsers for a language: what its chrono locale misses, from its words.
function parsersOf(language: DueLanguage): chrono.Parser[] {
  const words = WORDS.get(language)!;
  return [
    ...(words.daysAhead ?? []).flatMap(({ days, mark, words: sources }) =>
      sources.map((source) => daysAhead(re(source), days, mark)),
    ),
    ...readAlso(language, 'daysOfMonth').flatMap((other) =>
      (other.daysOfMonth ?? []).map((source) => dayOfMonth(re(expand(source, other)), other.weekdays ?? {})),
    ),
    ...(words.holidayPhrases?.dayAfter ?? []).map((source) =>
      holidayPhrase(re(expand(source, words)), words, true),
    ),
    ...(words.holidayPhrases?.after ?? []).map((source) =>
      holidayPhrase(re(expand(source, words)), words, false),
    ),
    ...(words.weekdayAbbreviations ? [weekdayAbbreviation(words.weekdayAbbreviations)] : []),
    ...(words.weekdays ? [tolerantWeekday(words)] : []),
    ...(words.clocks ?? []).map((source) => clock(re(expand(source, words)), words)),
    ...(words.noon ?? []).map((source) => noon(re(source))),
    ...markers(words.marks),
    ...(words.dottedDates ? [dottedDate()] : []),
    ...readAlso(language, 'durations').flatMap((other) =>
      (other.durations ?? []).map((source) => duration(re(source))),
    ),
  ];
}

// Abbreviations read in every language ("EOD Friday" in a German reply).
const SHARED: chrono.Parser[] = LANGUAGES.flatMap(([, words]) => markers(words.sharedMarks));

// The period of an abbreviation may come first ("am Di. um halb drei").
const CONNECTOR = new RegExp(
  `^\\.?[\\s,]*(?:(?:${anyOf([...gather((w) => w.connectors), '\\d{1,2}\\.?'])})\\s*){0,2}[\\s,]*$`,
  'iu',
);

function certainDate(components: chrono.ParsingComponents): boolean {
  return components.isCertain('day') || components.isCertain('weekday') || components.isCertain('month');
}

function isMarker(result: chrono.ParsingResult): boolean {
  return (
    !certainDate(result.start) &&
    !result.start.isCertain('hour') &&
    [...result.tags()].some(
      (t) => t.startsWith('baton/') || /^casualReference\/(morning|afternoon|evening|noon)/.test(t),
    )
  );
}

function isTimeOnly(result: chrono.ParsingResult): boolean {
  return result.start.isCertain('hour') && !certainDate(result.start);
}

function isDateOnly(result: chrono.ParsingResult): boolean {
  return certainDate(result.start) && !result.start.isCertain('hour');
}

// Joins a date with a time or a day-part marker written next to it ("tomorrow by noon", "mañana por la
// mañana", "segunda, dia 4 de maio") when chrono's own merge refiners did not.
const adjacencyRefiner: chrono.Refiner = {
  refine(context, results) {
    const out: chrono.ParsingResult[] = [];
    for (const result of results) {
      const previous = out[out.length - 1];
      if (previous) {
        const between = context.text.slice(previous.index + previous.text.length, result.index);
        const merged =
          (between.length <= 12 && CONNECTOR.test(between)
            ? mergeAdjacent(context, previous, result)
            : null) ??
          (between.length <= 24 && !/[.!?;\n]/u.test(between)
            ? weekdayAfterHoliday(context, previous, result)
            : null);
        if (merged) {
          out[out.length - 1] = merged;
          continue;
        }
      }
      out.push(result);
    }
    return out;
  },
};

function mergeAdjacent(
  context: chrono.ParsingContext,
  first: chrono.ParsingResult,
  second: chrono.ParsingResult,
): chrono.ParsingResult | null {
  const inNextWeek = weekdayNextWeek(context, first, second) ?? weekdayNextWeek(context, second, first);
  if (inNextWeek) return inNextWeek(first, second);
  let base: chrono.ParsingResult;
  let other: chrono.ParsingResult;
  if (isDateOnly(first) && (isMarker(second) || isTimeOnly(second))) [base, other] = [first, second];
  else if (isDateOnly(second) && (isMarker(first) || isTimeOnly(first))) [base, other] = [second, first];
  else if (first.start.isOnlyWeekdayComponent() && second.start.isCertain('day'))
    [base, other] = [second, first];
  else if (isTimeOnly(first) && isMarker(second)) [base, other] = [first, second];
  else return null;
  const merged = base.clone();
  merged.index = first.index;
  merged.text = context.text.slice(first.index, second.index + second.text.length);
  if (other.start.isCertain('hour') && !merged.start.isCertain('hour')) {
    merged.start.assign('hour', other.start.get('hour') ?? 0);
    merged.start.assign('minute', other.start.get('minute') ?? 0);
    if (other.start.isCertain('meridiem')) merged.start.assign('meridiem', other.start.get('meridiem') ?? 0);
    if (other.start.isCertain('timezoneOffset')) {
      merged.start.assign('timezoneOffset', other.start.get('timezoneOffset') ?? 0);
    }
  }
  merged.start.addTags(other.tags());
  return merged;
}

// "mardi, après la Toussaint", "nach Ostern an, also am Di.": the first such weekday after the holiday, with
// the weekday's clock time if it has one.
function weekdayAfterHoliday(
  context: chrono.ParsingContext,
  first: chrono.ParsingResult,
  second: chrono.ParsingResult,
): chrono.ParsingResult | null {
  const holidayOf = (r: chrono.ParsingResult) =>
    [...r.tags()].find((t) => t.startsWith(`${TAG.afterHoliday}:`))?.slice(TAG.afterHoliday.length + 1);
  const pair = holidayOf(first)
    ? ([first, second] as const)
    : holidayOf(second)
      ? ([second, first] as const)
      : null;
  if (!pair) return null;
  const [holiday, weekday] = pair;
  // "ゴールデンウィーク明けの5月6日", "mar. 30, dopo Pasquetta": the date written wins.
  // The weekday's reading, spanning both phrases.
  const merged = weekday.clone();
  merged.index = first.index;
  merged.text = context.text.slice(first.index, second.index + second.text.length);
  if (certainDay(weekday.start)) return merged;
  if (!weekday.start.isCertain('weekday')) return null;
  const next = Temporal.PlainDate.from(holidayOf(holiday)!).add({ days: 1 });
  const date = onOrAfter(next, weekday.start.get('weekday') || 7);
  merged.start.assign('year', date.year);
  merged.start.assign('month', date.month);
  merged.start.assign('day', date.day);
  return merged;
}

function certainDay(components: chrono.ParsingComponents): boolean {
  return components.isCertain('day') || components.isCertain('month');
}

// "来週の水曜日", "Mittwoch nächste Woche": the weekday inside next week, not the coming one.
function weekdayNextWeek(
  context: chrono.ParsingContext,
  weekday: chrono.ParsingResult,
  week: chrono.ParsingResult,
): ((first: chrono.ParsingResult, second: chrono.ParsingResult) => chrono.ParsingResult) | null {
  if (!weekday.start.isOnlyWeekdayComponent() || !week.tags().has(MARK_TAG.nextWeek)) return null;
  return (first, second) => {
    const today = referenceDate(context);
    const isoWeekday = weekday.start.get('weekday') || 7; // chrono counts Sunday as 0
    const date = today.subtract({ days: today.dayOfWeek - 1 }).add({ days: 7 + isoWeekday - 1 });
    const merged = weekday.clone();
    merged.index = first.index;
    merged.text = context.text.slice(first.index, second.index + second.text.length);
    merged.start.assign('year', date.year);
    merged.start.assign('month', date.month);
    merged.start.assign('day', date.day);
    return merged;
  };
}

// "Fr. Dr. Weber": a weekday abbreviation that addresses someone is dropped before chrono merges it.
function addressRefiner(words: DueWords): chrono.Refiner | null {
  if (!words.notWeekdayPhrases?.length) return null;
  // Sticky on the whole text, so that a source may look behind the abbreviation ("die fr. yilmaz").
  const phrase = new RegExp(`(?:${words.notWeekdayPhrases.join('|')})`, 'uy');
  const addresses = (text: string, index: number) => {
    phrase.lastIndex = index;
    return phrase.test(text);
  };
  return {
    refine: (context, results) =>
      results.filter(
        (result) => !(result.start.isOnlyWeekdayComponent() && addresses(context.text, result.index)),
      ),
  };
}

// "venerdì 8 ottobre, prima devo …": a month and, after a comma, a word chrono reads as an ordinal day
// ("prima", the first) is the start of the next clause; dropped before it displaces "8 ottobre".
const wordAfterCommaRefiner: chrono.Refiner = {
  refine: (_context, results) =>
    results.filter((result) => !/^[\p{L}.]+,\s*\p{L}+$/u.test(result.text) || !result.start.isCertain('day')),
};

function build(language: DueLanguage): chrono.Chrono {
  const instance = CHRONO_LOCALES[WORDS.get(language)!.chrono].clone();
  const address = addressRefiner(WORDS.get(language)!);
  instance.refiners.unshift(wordAfterCommaRefiner);
  if (address) instance.refiners.unshift(address);
  // Ahead of the bundled parsers so that an equally long match of ours wins chrono's overlap removal.
  instance.parsers.unshift(...parsersOf(language), ...SHARED);
  instance.refiners.push(adjacencyRefiner);
  return instance;
}

const CHRONO_LOCALES: Record<ChronoLocale, chrono.Chrono> = {
  en: chrono.casual,
  de: chrono.de.casual,
  fr: chrono.fr.casual,
  es: chrono.es.casual,
  pt: chrono.pt.casual,
  ja: chrono.ja.casual,
  nl: chrono.nl.casual,
  it: chrono.it.casual,
  sv: chrono.sv.casual,
  zh: chrono.zh.casual,
  ru: chrono.ru.casual,
};

const CHRONO = new Map(LANGUAGES.map(([language]) => [language, build(language)]));

// Frequent short words and letters peculiar to each language; the most hits wins, English on a tie.
const LANGUAGE_HINTS: [DueLanguage, RegExp, RegExp | null][] = LANGUAGES.flatMap(([language, { hints }]) =>
  hints.words
    ? [
        [
          language,
          new RegExp(`(?<![\\p{L}'])(?:${hints.words.join('|')})(?![\\p{L}])`, 'giu'),
          hints.letters ? new RegExp(hints.letters, 'giu') : null,
        ] as [DueLanguage, RegExp, RegExp | null],
      ]
    : [],
);

// Languages told by their script alone, in order: kana before Han, since Japanese uses both.
const SCRIPTS: [DueLanguage, RegExp][] = LANGUAGES.flatMap(([language, { hints }]) =>
  hints.scripts
    ? [[language, new RegExp(`[${hints.scripts.map((s) => `\\p{Script=${s}}`).join('')}]`, 'u')]]
    : [],
);

/** The language whose chrono parsers read the text first: by script, then by the commonest words. */
export function detectLanguage(text: string): DueLanguage {
  const sample = text.slice(0, 1_000);
  for (const [language, script] of SCRIPTS) if (script.test(sample)) return language;
  const score = ([, hints, letters]: (typeof LANGUAGE_HINTS)[number]) =>
    (sample.match(hints)?.length ?? 0) + (letters ? (sample.match(letters)?.length ?? 0) : 0);
  // English wins ties: its chrono parser is the most complete, and the other languages fall back to it.
  let best: DueLanguage = 'en';
  let bestScore = score(LANGUAGE_HINTS.find(([language]) => language === 'en')!);
  for (const hint of LANGUAGE_HINTS) {
    const value = score(hint);
    if (value > bestScore) [best, bestScore] = [hint[0], value];
  }
  return best;
}

const TIME_ZONE_ABBREVIATIONS: Record<string, string> = {
  et: 'America/New_York',
  est: 'America/New_York',
  edt: 'America/New_York',
  ct: 'America/Chicago',
  cst: 'America/Chicago',
  cdt: 'America/Chicago',
  mt: 'America/Denver',
  mst: 'America/Denver',
  mdt: 'America/Denver',
  pt: 'America/Los_Angeles',
  pst: 'America/Los_Angeles',
  pdt: 'America/Los_Angeles',
  gmt: 'UTC',
  utc: 'UTC',
  bst: 'Europe/London',
  cet: 'Europe/Berlin',
  cest: 'Europe/Berlin',
  mez: 'Europe/Berlin',
  mesz: 'Europe/Berlin',
  jst: 'Asia/Tokyo',
  ist: 'Asia/Kolkata',
  aest: 'Australia/Sydney',
  aedt: 'Australia/Sydney',
  sgt: 'Asia/Singapore',
  brt: 'America/Sao_Paulo',
};

// The zone an expression names: a zone abbreviation becomes its region's IANA zone, so "2pm ET" follows New
// York's DST on the date meant, whatever the season of the reply; an abbreviation chrono knows but the
// table does not keeps chrono's fixed offset.
function namedZone(result: chrono.ParsingResult, components: chrono.ParsingComponents): string | null {
  if (!components.isCertain('timezoneOffset')) return null;
  const written = /([A-Za-z]{2,5})\)?\s*$/.exec(result.text)?.[1];
  // A zone is written in capitals ("2pm ET"); lower-case "et", "pt", "y" are words ("à 15h et je…").
  if (written && written !== written.toUpperCase()) return null;
  const abbreviation = written?.toLowerCase();
  if (abbreviation && TIME_ZONE_ABBREVIATIONS[abbreviation]) return TIME_ZONE_ABBREVIATIONS[abbreviation];
  const offset = components.get('timezoneOffset');
  if (offset === null) return null;
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

interface Frame {
  sentAt: Date;
  schedule: Schedule;
  wall: Temporal.ZonedDateTime;
  today: Temporal.PlainDate;
}

function at(date: Temporal.PlainDate, hour: number, minute: number, timeZone: string): Date {
  return new Date(wallClockToInstant(date, hour * 60 + minute, timeZone));
}

function isWorkingDay(date: Temporal.PlainDate, schedule: Schedule): boolean {
  return (
    (schedule.hours[date.dayOfWeek as IsoWeekday]?.length ?? 0) > 0 &&
    !schedule.holidays.includes(date.toString())
  );
}

// End of the working day on a date; the end of the calendar day when there is none or it has passed.
function endOfDate(date: Temporal.PlainDate, frame: Frame): Date {
  if (isWorkingDay(date, frame.schedule)) {
    const end = endOfWorkingDay(date, frame.schedule);
    if (end > frame.sentAt) return end;
  }
  return at(date, 23, 59, frame.schedule.timeZone);
}

function weekEnd(monday: Temporal.PlainDate, frame: Frame, first: boolean): Date {
  const days = Array.from({ length: 7 }, (_, i) => monday.add({ days: i }));
  const working = days.filter((d) => isWorkingDay(d, frame.schedule));
  const day = (first ? working[0] : working[working.length - 1]) ?? days[6]!;
  const due = endOfDate(day, frame);
  return due > frame.sentAt ? due : endOfDate(frame.today, frame);
}

const THIS_WORD = new RegExp(`^(?:${anyOf(gather((w) => w.thisWords))})`, 'iu');

// Chrono's date for a result that names one, as the receiver's calendar date.
function namedDate(
  components: chrono.ParsingComponents,
  frame: Frame,
  text: string,
): Temporal.PlainDate | null {
  if (!certainDate(components)) return null;
  const date = Temporal.PlainDate.from(
    {
      year: components.get('year') ?? frame.today.year,
      month: components.get('month') ?? 1,
      day: components.get('day') ?? 1,
    },
    { overflow: 'constrain' },
  );
  const sameWeekday = components.isOnlyWeekdayComponent() && date.equals(frame.today);
  if (sameWeekday && !THIS_WORD.test(text.trim()) && !clockStillAhead(components, date, frame)) {
    return date.add({ days: 7 });
  }
  return date;
}

// "Thursday at 2pm" written on Thursday morning: the hour is still ahead today, so it is today.
function clockStillAhead(
  components: chrono.ParsingComponents,
  date: Temporal.PlainDate,
  frame: Frame,
): boolean {
  if (!components.isCertain('hour')) return false;
  const hour = components.get('hour') ?? 0;
  const minute = components.get('minute') ?? 0;
  return at(date, hour, minute, frame.schedule.timeZone) > frame.sentAt;
}

// The next wall time h:m on or after the reply (today, else tomorrow).
function nextClock(hour: number, minute: number, frame: Frame, timeZone: string): Date {
  const today = at(frame.today, hour, minute, timeZone);
  return today > frame.sentAt ? today : at(frame.today.add({ days: 1 }), hour, minute, timeZone);
}

const TODAY_WORD = new RegExp(`^(?:${anyOf(gather((w) => w.todayWords))})`, 'iu');

// Next part-of-day end still ahead when no date is named; "this morning" stays today even when over.
function dayPart(
  date: Temporal.PlainDate | null,
  end: (d: Temporal.PlainDate) => Date,
  frame: Frame,
  text: string,
): Date {
  if (date) return end(date);
  if (TODAY_WORD.test(text.trim())) return end(frame.today);
  const today = end(frame.today);
  return today > frame.sentAt ? today : end(frame.today.add({ days: 1 }));
}

// "at 3", "um 7": the afternoon hour unless the morning one is ahead and within working hours.
function afternoonMeant(date: Temporal.PlainDate | null, minutes: number, frame: Frame): boolean {
  const day = date ?? frame.today;
  if (!date && at(day, 0, minutes, frame.schedule.timeZone) <= frame.sentAt) return true;
  if (!isWorkingDay(day, frame.schedule)) return true;
  const ranges = frame.schedule.hours[day.dayOfWeek as IsoWeekday] ?? [];
  return !ranges.some((range) => range.start <= minutes && minutes < range.end);
}

// The first working day on or after a date (a week on at most).
function workingDayFrom(date: Temporal.PlainDate, frame: Frame): Temporal.PlainDate {
  for (let i = 0; i < 7; i += 1) {
    const day = date.add({ days: i });
    if (isWorkingDay(day, frame.schedule)) return day;
  }
  return date;
}

function afternoonEnd(date: Temporal.PlainDate, frame: Frame): Date {
  if (isWorkingDay(date, frame.schedule)) {
    const end = endOfWorkingDay(date, frame.schedule);
    if (end > at(date, 12, 0, frame.schedule.timeZone)) return end;
  }
  return at(date, 17, 0, frame.schedule.timeZone);
}

function resolve(result: chrono.ParsingResult, frame: Frame): { due: Date; rule: DueRule } | null {
  const tags = [...result.tags()];
  const has = (tag: string) => tags.includes(tag);
  const components = result.end?.isCertain('hour') ? result.end : result.start;
  const tz = frame.schedule.timeZone;
  const named = namedDate(result.start, frame, result.text);
  const date =
    tags.some((t) => t.startsWith(`${TAG.afterHoliday}:`)) && named ? workingDayFrom(named, frame) : named;

  const durationTag = tags.find((t) => t.startsWith(`${TAG.duration}:`));
  if (durationTag) {
    return {
      due: new Date(frame.sentAt.getTime() + Number(durationTag.split(':')[1]) * 60_000),
      rule: 'duration',
    };
  }
  if (has('result/relativeDateAndTime')) {
    // Chrono also reads a bare "15h" as fifteen hours from now; only a written "in"/"within" makes a
    // duration.
    const minutes = RELATIVE_WORD.test(result.text) ? durationMinutes(result.text) : null;
    return minutes === null
      ? null
      : { due: new Date(frame.sentAt.getTime() + minutes * 60_000), rule: 'duration' };
  }
  if (has('casualReference/now')) return { due: frame.sentAt, rule: 'now' };
  if (has(MARK_TAG.firstThing)) {
    if (date) return { due: startOfWorkingDay(date, frame.schedule), rule: 'first-thing' };
    const next = nextWorkingStart(frame.sentAt, frame.schedule);
    const due =
      next.getTime() === frame.sentAt.getTime()
        ? startOfWorkingDay(frame.today.add({ days: 1 }), frame.schedule)
        : next;
    return { due, rule: 'first-thing' };
  }
  if (components.isCertain('hour')) {
    let hour = components.get('hour') ?? 0;
    const minute = components.get('minute') ?? 0;
    if (
      !components.isCertain('meridiem') &&
      hour >= 1 &&
      hour <= 7 &&
      !/(?<![\d:.])0\d/.test(result.text) &&
      afternoonMeant(date, hour * 60 + minute, frame)
    )
      hour += 12;
    const zone = namedZone(result, components) ?? tz;
    const due = date ? at(date, hour, minute, zone) : nextClock(hour, minute, frame, zone);
    return { due, rule: 'clock' };
  }
  if (has('casualReference/noon')) {
    return { due: date ? at(date, 12, 0, tz) : nextClock(12, 0, frame, tz), rule: 'clock' };
  }
  if (has(MARK_TAG.endOfDay)) return { due: endOfDate(date ?? frame.today, frame), rule: 'end-of-day' };
  const monday = frame.today.subtract({ days: frame.today.dayOfWeek - 1 });
  if (has(MARK_TAG.thisWeek)) return { due: weekEnd(monday, frame, false), rule: 'end-of-week' };
  if (has(MARK_TAG.nextWeek))
    return { due: weekEnd(monday.add({ days: 7 }), frame, false), rule: 'end-of-week' };
  if (has(MARK_TAG.earlyNextWeek))
    return { due: weekEnd(monday.add({ days: 7 }), frame, true), rule: 'end-of-week' };
  if (has(MARK_TAG.morning) || has('casualReference/morning')) {
    return { due: dayPart(date, (d) => at(d, 12, 0, tz), frame, result.text), rule: 'part-of-day' };
  }
  if (has(MARK_TAG.afternoon) || has('casualReference/afternoon')) {
    return { due: dayPart(date, (d) => afternoonEnd(d, frame), frame, result.text), rule: 'part-of-day' };
  }
  if (has(MARK_TAG.evening) || has('casualReference/evening') || has('casualReference/tonight')) {
    return { due: dayPart(date, (d) => at(d, 21, 0, tz), frame, result.text), rule: 'part-of-day' };
  }
  if (date) return { due: endOfDate(date, frame), rule: 'date' };
  if (has('result/relativeDate')) {
    const relative = Temporal.PlainDate.from({
      year: result.start.get('year') ?? frame.today.year,
      month: result.start.get('month') ?? 1,
      day: result.start.get('day') ?? 1,
    });
    return { due: endOfDate(relative, frame), rule: 'date' };
  }
  return null;
}

function frameFor(sentAt: Date, schedule: Schedule): Frame {
  const wall = Temporal.Instant.fromEpochMilliseconds(sentAt.getTime()).toZonedDateTimeISO(schedule.timeZone);
  return { sentAt, schedule, wall, today: wall.toPlainDate() };
}

function parseWith(language: DueLanguage, text: string, frame: Frame): chrono.ParsedResult[] {
  const { year, month, day } = frame.today;
  const reference = { instant: new Date(Date.UTC(year, month - 1, day, 12, 0, 0)), timezone: 0 };
  return CHRONO.get(language)!.parse(text, reference, { forwardDate: true });
}

/**
 * Every time expression in `text`, in order of appearance, each resolved to the instant it promises
 * (see the module comment for the rules). Expressions that resolve to an instant before the reply
 * ("this morning" written in the afternoon) are left out. Reads the text in `language` (detected when
 * omitted) and falls back to English for English expressions in other languages ("EOD Friday").
 */
export function findDueMentions(
  text: string,
  sentAt: Date,
  schedule: Schedule,
  language?: DueLanguage,
): DueMention[] {
  const input = text.slice(0, MAX_CHRONO_INPUT);
  const frame = frameFor(sentAt, schedule);
  const primary = language ?? detectLanguage(input);
  const mentions = collect(primary, input, frame);
  if (mentions.length > 0 || primary === 'en') return mentions;
  return collect('en', input, frame);
}

// A line giving hours of availability: a range of clock times ("9–18 Uhr", "08:30-17:30") with a word of
// office hours ("erreichbar", "Horario:") or a range of weekdays ("Mo–Fr", "L–J").
const CLOCK_RANGE =
  /(?<![\p{N}])\d{1,2}(?:[:.h]\d{2})?\s*(?:(?:h|uhr)\s*)?[-–—〜~]\s*\d{1,2}(?:[:.h]\d{2})?(?![\p{N}])/iu;
const WEEKDAY_NAMES = longestFirst(gather((w) => Object.keys(w.weekdays ?? {}))).join('|');
const OFFICE_HOURS = new RegExp(
  `${anyOf(gather((w) => w.officeHours).map(word))}|` +
    `${B}(?:${WEEKDAY_NAMES}|\\p{Lu})\\.?\\s*[-–—]\\s*(?:${WEEKDAY_NAMES}|\\p{Lu})\\.?${E}`,
  'iu',
);
// Phone numbers: "+44 20 7946 0930", "(11) 3045-0930", "02 8736 1145".
const PHONE = /(?:\+\d|\(\d)[\d\s()./-]{6,}\d|(?<![\p{L}\p{N}.:])0\d{1,4}[\s/-]\d[\d\s/-]{4,}\d/gu;

// Spans of a text whose times promise nothing: office-hours lines, phone numbers and quoted lines ("> …").
function silentSpans(text: string): [number, number][] {
  const spans: [number, number][] = [];
  let start = 0;
  for (const line of text.split('\n')) {
    const end = start + line.length;
    if (/^\s*>/u.test(line) || (CLOCK_RANGE.test(line) && OFFICE_HOURS.test(line))) spans.push([start, end]);
    start = end + 1;
  }
  for (const match of text.matchAll(PHONE)) spans.push([match.index, match.index + match[0].length]);
  return spans;
}

/**
 * "mardi avant 10h, lundi c'est Pentecôte": chrono joins a clock time and the day after a comma; a time
 * before the comma and a day after it are two expressions ("Monday, 10am" stays one).
 */
function splitClockBeforeDay(
  language: DueLanguage,
  results: chrono.ParsingResult[],
  frame: Frame,
): chrono.ParsingResult[] {
  return results.flatMap((result) => {
    const comma = /,\s*/u.exec(result.text);
    if (!comma || !certainDate(result.start) || !result.start.isCertain('hour')) return [result];
    const head = result.text.slice(0, comma.index);
    const tailStart = comma.index + comma[0].length;
    const parts = [
      ...(parseWith(language, head, frame) as chrono.ParsingResult[]).map((r) => ({ r, at: 0 })),
      ...(parseWith(language, result.text.slice(tailStart), frame) as chrono.ParsingResult[]).map((r) => ({
        r,
        at: tailStart,
      })),
    ];
    const [first, second] = parts;
    if (parts.length !== 2 || !first || !second || first.at !== 0 || second.at === 0) return [result];
    if (!isTimeOnly(first.r) || !isDateOnly(second.r)) return [result];
    for (const { r, at } of parts) r.index += result.index + at;
    return [first.r, second.r];
  });
}

function collect(language: DueLanguage, text: string, frame: Frame): DueMention[] {
  const mentions: DueMention[] = [];
  const silent = silentSpans(text);
  const results = splitClockBeforeDay(
    language,
    parseWith(language, text, frame) as chrono.ParsingResult[],
    frame,
  );
  for (const result of results) {
    if (silent.some(([start, end]) => result.index < end && result.index + result.text.length > start))
      continue;
    const resolved = resolve(result, frame);
    if (!resolved) continue;
    // A step promised more than a year out is a misreading ("el 21 y …" as a year), not a commitment.
    if (resolved.due.getTime() - frame.sentAt.getTime() > 366 * 86_400_000) continue;
    if (
      resolved.due < frame.sentAt ||
      (resolved.rule !== 'now' && resolved.due.getTime() === frame.sentAt.getTime())
    )
      continue;
    mentions.push({
      index: result.index,
      text: result.text,
      due: resolved.due,
      rule: resolved.rule,
      dated: certainDate(result.start),
    });
  }
  return mentions;
}

/** The first time expression in `text` resolved to an instant, or null. */
export function readDue(
  text: string,
  sentAt: Date,
  schedule: Schedule,
  language?: DueLanguage,
): DueMention | null {
  return findDueMentions(text, sentAt, schedule, language)[0] ?? null;
}
