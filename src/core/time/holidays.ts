/*
 * The dates of the holidays a reply may name ("the Tuesday after Easter", "nach Pfingsten", "après la
 * Toussaint"): Easter by the Gregorian computus, the movable feasts as days from Easter, the fixed ones
 * by month and day, and the few defined by a weekday of a month. Pure; the names in every language live
 * in the lexicons (DueWords.holidays).
 */
import { Temporal } from 'temporal-polyfill';

type HolidayRule =
  | { easter: number }
  | { month: number; day: number; sundayShift?: number }
  | { month: number; weekday: number; nth: number };

// Each holiday once, by its rule. A holiday of several days is its last day (Golden Week ends 5 May).
const RULES = {
  newYear: { month: 1, day: 1 },
  // The Japanese New Year holidays (正月, 年末年始) end on 3 January.
  newYearHolidays: { month: 1, day: 3 },
  epiphany: { month: 1, day: 6 },
  carnival: { easter: -47 },
  goodFriday: { easter: -2 },
  easter: { easter: 0 },
  easterMonday: { easter: 1 },
  // Koningsdag is 27 April, kept on the Saturday before when the 27th is a Sunday.
  tiradentes: { month: 4, day: 21 },
  kingsDay: { month: 4, day: 27, sundayShift: -1 },
  labourDay: { month: 5, day: 1 },
  goldenWeek: { month: 5, day: 5 },
  ascension: { easter: 39 },
  pentecost: { easter: 49 },
  whitMonday: { easter: 50 },
  corpusChristi: { easter: 60 },
  independenceDay: { month: 7, day: 4 },
  bastilleDay: { month: 7, day: 14 },
  // お盆 ends on 16 August.
  obon: { month: 8, day: 16 },
  assumption: { month: 8, day: 15 },
  germanUnity: { month: 10, day: 3 },
  allSaints: { month: 11, day: 1 },
  thanksgiving: { month: 11, weekday: 4, nth: 4 },
  christmasEve: { month: 12, day: 24 },
  christmas: { month: 12, day: 25 },
  boxingDay: { month: 12, day: 26 },
  newYearsEve: { month: 12, day: 31 },
} as const satisfies Record<string, HolidayRule>;

export type Holiday = keyof typeof RULES;

export const HOLIDAYS = Object.keys(RULES) as Holiday[];

/** Easter Sunday of a Gregorian year (the anonymous Gregorian algorithm of Meeus/Jones/Butcher). */
export function easterSunday(year: number): Temporal.PlainDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return new Temporal.PlainDate(year, month, day);
}

/** The first date on or after `date` that falls on `weekday` (ISO: Monday 1 … Sunday 7). */
export function onOrAfter(date: Temporal.PlainDate, weekday: number): Temporal.PlainDate {
  return date.add({ days: (weekday - date.dayOfWeek + 7) % 7 });
}

/** The date of a holiday in a year. */
export function holidayDate(holiday: Holiday, year: number): Temporal.PlainDate {
  const rule: HolidayRule = RULES[holiday];
  if ('easter' in rule) return easterSunday(year).add({ days: rule.easter });
  if ('nth' in rule) {
    return onOrAfter(new Temporal.PlainDate(year, rule.month, 1), rule.weekday).add({ weeks: rule.nth - 1 });
  }
  const date = new Temporal.PlainDate(year, rule.month, rule.day);
  return date.dayOfWeek === 7 && rule.sundayShift ? date.add({ days: rule.sundayShift }) : date;
}
