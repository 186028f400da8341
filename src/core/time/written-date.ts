import { LEXICONS } from '../reply/lexicon/index.ts';
import { OTHER_LANGUAGES } from '../reply/lexicon/other-languages.ts';
import type { DateWords } from '../reply/lexicon/types.ts';

/** A date as a mail client wrote it: its wall-clock fields, and its UTC offset when it shows one. */
export interface WrittenDate {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  /** Minutes east of UTC the text names ("+0100", "GMT-5", "CET"), or null: the writer's zone. */
  offset: number | null;
}

const LANGUAGES: readonly { code: string; dates: DateWords }[] = [
  ...LEXICONS,
  ...OTHER_LANGUAGES.flatMap((l) => (l.dates ? [{ code: l.code, dates: l.dates }] : [])),
];

const lower = (s: string) => s.normalize('NFC').toLowerCase();

interface MonthForm {
  month: number;
  language: string;
}
// Every form of every month, and every weekday form, lower-case: looked up whole, then as abbreviations.
const MONTH_FORMS = new Map<string, MonthForm[]>();
const WEEKDAY_FORMS = new Set<string>();
for (const { code, dates } of LANGUAGES) {
  dates.months.forEach((forms, index) => {
    for (const form of forms) {
      const key = lower(form);
      MONTH_FORMS.set(key, [...(MONTH_FORMS.get(key) ?? []), { month: index + 1, language: code }]);
    }
  });
  for (const forms of dates.weekdays) for (const form of forms) WEEKDAY_FORMS.add(lower(form));
}
const ALL_MONTH_FORMS = [...MONTH_FORMS.keys()];
const ALL_WEEKDAY_FORMS = [...WEEKDAY_FORMS];

const wordsSource = (pick: (d: DateWords) => readonly string[] | undefined) =>
  LANGUAGES.flatMap((l) => pick(l.dates) ?? []).join('|');
const PM = new RegExp(`^\\s*(?:${wordsSource((d) => d.pm)})(?![\\p{L}])`, 'iu');
const AM = new RegExp(`^\\s*(?:${wordsSource((d) => d.am)})(?![\\p{L}])`, 'iu');
const PM_BEFORE = new RegExp(`(?:${wordsSource((d) => d.pm)})\\s*$`, 'iu');
const AM_BEFORE = new RegExp(`(?:${wordsSource((d) => d.am)})\\s*$`, 'iu');
const MONTH_FIRST = new Set(LANGUAGES.filter((l) => l.dates.monthFirst).map((l) => l.code));

// Zone abbreviations mail clients print after a time, as minutes east of UTC (each language's `zones`).
const ZONES: Readonly<Record<string, number>> = Object.assign(
  {},
  ...LANGUAGES.map((l) =>
    Object.fromEntries(Object.entries(l.dates.zones ?? {}).map(([k, v]) => [lower(k), v])),
  ),
);

// hh:mm[:ss], or hh.mm / hhhmm where no colon time is written ("klo 9.00", "9h00").
const COLON_TIME = /(?<![\d:])(\d{1,2})[:：](\d{2})(?::\d{2})?(?![\d:])/u;
const DOTTED_TIME = /(?<![\d.])(\d{1,2})(?:\.|\s?h\s?)(\d{2})(?![\d.])(?!\s*\.\s*\d)/iu;
// "kl. 18.45.07", "klo 10.30.25": a dotted time with seconds, where the text also writes a four-digit year.
const DOTTED_TIME_SECONDS = /(?<![\d.])(\d{1,2})\.(\d{2})\.\d{2}(?![.\d])/u;
const OFFSET =
  /^\s*\(?\s*(?:(?:gmt|utc|ut)\s*)?([+\-−])\s*(\d{1,2})(?::?(\d{2}))?\)?|^\s*\(?\s*(?:\(?(\p{L}{1,5})\)?)(?![\p{L}])/iu;
const YEAR = /(?<!\d)((?:19|20)\d{2})(?!\d)/u;
// Dates written in numbers: year first (ISO, "2027/2/9", "2027年2月9日", "2027년 2월 9일", "2027. 02. 09."), or day and month first.
const YEAR_FIRST =
  /(?<!\d)((?:19|20)\d{2})\s*(?:[-/.年년]|\.\s)\s*(\d{1,2})\s*(?:[-/.月월]|\.\s)\s*(\d{1,2})(?!\d)/u;
const DAY_MONTH_YEAR = /(?<![\d.])(\d{1,2})\s?([./-])\s?(\d{1,2})\s?\2\s?((?:19|20)?\d{2})(?![\d])/u;
const TOKEN = /[\p{L}\p{M}'ʼ]+|\d+/gu;

interface Time {
  /** Written with AM/PM words (a 12-hour clock): how US English writes its dates too. */
  twelveHour: boolean;
  hour: number;
  minute: number;
  offset: number | null;
  start: number;
  end: number;
}

function readTime(text: string): Time | null {
  const m =
    COLON_TIME.exec(text) ??
    (YEAR.test(text) ? DOTTED_TIME_SECONDS.exec(text) : null) ??
    DOTTED_TIME.exec(text);
  if (!m) return null;
  let hour = Number(m[1]);
  const minute = Number(m[2]);
  if (hour > 23 || minute > 59) return null;
  const start = m.index;
  let end = m.index + m[0].length;
  const after = text.slice(end);
  const before = text.slice(Math.max(0, start - 12), start);
  const pm = PM.exec(after) ?? (PM_BEFORE.test(before) ? [''] : null);
  const am = pm ? null : (AM.exec(after) ?? (AM_BEFORE.test(before) ? [''] : null));
  if (pm && hour < 12) hour += 12;
  if (am && hour === 12) hour = 0;
  end += (pm ?? am)?.[0]?.length ?? 0;
  const zone = OFFSET.exec(text.slice(end));
  let offset: number | null = null;
  if (zone?.[2] !== undefined) {
    const sign = zone[1] === '+' ? 1 : -1;
    // "+0100" is hours and minutes; "+1" or "+01" hours alone.
    const digits = zone[2];
    offset = sign * (Number(digits) * 60 + Number(zone[3] ?? 0));
  } else if (zone?.[4] !== undefined) {
    offset = ZONES[zone[4].toLowerCase()] ?? null;
  }
  return { twelveHour: Boolean(pm ?? am), hour, minute, offset, start, end };
}

const isWeekday = (token: string) =>
  WEEKDAY_FORMS.has(token) || (token.length >= 2 && ALL_WEEKDAY_FORMS.some((w) => w.startsWith(token)));

/** The month a word names, in the given languages first: whole forms, then abbreviations of three letters or more. */
function monthOf(token: string, languages: readonly string[]): { month: number; exact: boolean } | null {
  const pick = (forms: MonthForm[]) => forms.find((f) => languages.includes(f.language)) ?? forms[0];
  const exact = MONTH_FORMS.get(token);
  if (exact) return { month: pick(exact)!.month, exact: true };
  if (token.length < 3) return null;
  const prefixed = ALL_MONTH_FORMS.filter(
    (form) => form.startsWith(token) || (form.length >= 4 && token.startsWith(form)),
  ).flatMap((form) => MONTH_FORMS.get(form)!);
  if (prefixed.length === 0) return null;
  const inLanguage = prefixed.filter((f) => languages.includes(f.language));
  const months = new Set((inLanguage.length > 0 ? inLanguage : prefixed).map((f) => f.month));
  return months.size === 1 ? { month: [...months][0]!, exact: false } : null;
}

interface DayMonthYear {
  year: number;
  month: number;
  day: number;
}

function numericDate(text: string, monthFirst: boolean): DayMonthYear | null {
  const ymd = YEAR_FIRST.exec(text);
  if (ymd) return { year: Number(ymd[1]), month: Number(ymd[2]), day: Number(ymd[3]) };
  const dmy = DAY_MONTH_YEAR.exec(text);
  if (!dmy) return null;
  let a = Number(dmy[1]);
  let b = Number(dmy[3]);
  const year = dmy[4]!.length === 2 ? 2000 + Number(dmy[4]) : Number(dmy[4]);
  // Slashes are month first in US English, unless the first number cannot be a month.
  if (dmy[2] === '/' && monthFirst && a <= 12) [a, b] = [b, a];
  else if (a <= 12 && b > 12) [a, b] = [b, a];
  return { year, month: b, day: a };
}

function wordDate(text: string, languages: readonly string[]): DayMonthYear | null {
  const year = YEAR.exec(text);
  const tokens = [...text.matchAll(TOKEN)].map((m) => ({ text: lower(m[0]), index: m.index }));
  const months = tokens.flatMap((t, i) => {
    if (/\d/.test(t.text)) return [];
    const month = monthOf(t.text, languages);
    return month ? [{ ...month, i, weekday: isWeekday(t.text) }] : [];
  });
  if (months.length === 0) return null;
  // A word that is also a weekday ("mar." is Tuesday in French) gives way to one that is not.
  const ranked = [...months].sort(
    (a, b) => Number(a.weekday) - Number(b.weekday) || Number(b.exact) - Number(a.exact),
  );
  const chosen = ranked[0]!;
  // The day is the number nearest the month word that is no year (and, read in the caller, no time).
  let day: number | null = null;
  for (let distance = 1; distance <= 3 && day === null; distance++)
    for (const j of [chosen.i - distance, chosen.i + distance]) {
      const t = tokens[j];
      if (t && /^\d{1,2}$/.test(t.text) && Number(t.text) >= 1 && Number(t.text) <= 31) {
        day = Number(t.text);
        break;
      }
    }
  if (day === null || !year) return null;
  return { year: Number(year[1]), month: chosen.month, day };
}

/**
 * Reads a date the way mail clients print it in a forward block or header, in any language with date
 * words: "Mon, Nov 23, 2026 at 2:03 PM", "mar. 9 févr. 2027 à 09:00", "9. února 2027 9:00",
 * "2027年2月9日(火) 9:00", "09.02.2027 09:00", "Tuesday, February 9, 2027 9:00 AM (GMT+01:00)".
 * `languages` (codes) decide a month word two languages read differently ("listopad"). null when the
 * text holds no whole date. A date with no time is that day's midnight.
 */
export function readWrittenDate(input: string, languages: readonly string[] = []): WrittenDate | null {
  if (input.length > 300) return null;
  const text = input.normalize('NFC').replace(/\u00a0|\u202f/g, ' ');
  const time = readTime(text);
  // The date is read from the text with the time taken out, so its numbers are never a day.
  const rest = time ? `${text.slice(0, time.start)} ${text.slice(time.end)}` : text;
  // "2/9/2027 9:00 AM" is 9 February: month first only beside a 12-hour clock, in the block's own
  // language (the one most of its labels are written in), never because English shares a label.
  const monthFirst = Boolean(time?.twelveHour) && (languages.length === 0 || MONTH_FIRST.has(languages[0]!));
  const date = numericDate(rest, monthFirst) ?? wordDate(rest, languages);
  if (!date || date.month < 1 || date.month > 12 || date.day < 1 || date.day > 31) return null;
  return { ...date, hour: time?.hour ?? 0, minute: time?.minute ?? 0, offset: time?.offset ?? null };
}
