/*
 * Due times in reply text, read with chrono-node and turned into instants with Temporal.
 *
 * Rules (all relative to the reply's Date, read on the receiver's wall clock and working hours):
 * - A clock time with a date ("tomorrow at 10 AM", "Thursday 3pm") is that wall time on that date.
 * - A clock time alone ("at 10", "by noon", "15時に") is its next occurrence still ahead of the reply.
 * - An hour from 1 to 6 with no am/pm and no 24-hour form ("at 3", "a las 4") is read in the afternoon:
 *   nobody promises a call at 3 in the night.
 * - A date without an hour ("Thursday", "Monday the 4th", "demain", "本日中") is the end of the working
 *   day on that date; on a day without working hours, or once that end has passed, the end of the
 *   calendar day (23:59). "EOD"/"COB"/"end of day" is the same rule, today unless a date is named.
 * - A bare weekday names the next such day: "Thursday" written on a Thursday means a week later.
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
} from '../time/business-time.ts';
import type { IsoWeekday } from '../time/working-hours.ts';

export type DueLanguage = 'en' | 'de' | 'fr' | 'es' | 'pt' | 'ja' | 'nl' | 'it' | 'sv' | 'zh' | 'ru';

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
}

// Longest text handed to chrono in one call: a sentence or a few, never a whole email.
const MAX_CHRONO_INPUT = 2_000;

const TAG = {
  eod: 'baton/eod',
  firstThing: 'baton/first-thing',
  morning: 'baton/morning',
  afternoon: 'baton/afternoon',
  evening: 'baton/evening',
  noon: 'baton/noon',
  thisWeek: 'baton/this-week',
  nextWeek: 'baton/next-week',
  earlyNextWeek: 'baton/early-next-week',
  duration: 'baton/duration',
  dayOfMonth: 'baton/day-of-month',
} as const;

const L = '\\p{L}\\p{N}';
// Unicode-aware word edges: `\b` is ASCII-only and splits "às" or "früh".
const B = `(?<![${L}])`;
const E = `(?![${L}])`;

function re(source: string): RegExp {
  return new RegExp(`${B}(?:${source})${E}`, 'iu');
}

type Extract = (context: chrono.ParsingContext, match: RegExpMatchArray) => chrono.ParsingComponents | null;

function parser(pattern: RegExp, extract: Extract): chrono.Parser {
  return { pattern: () => pattern, extract };
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

function clock(hourGroup: number, minuteGroup: number): Extract {
  return (context, match) => {
    const hour = Number(match[hourGroup]);
    const minute = match[minuteGroup] ? Number(match[minuteGroup]) : 0;
    if (hour > 23 || minute > 59) return null;
    return context.createParsingComponents({ hour, minute });
  };
}

const NUMBER_WORDS: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  couple: 2,
  few: 3,
  ein: 1,
  eine: 1,
  einer: 1,
  einem: 1,
  zwei: 2,
  drei: 3,
  un: 1,
  une: 1,
  deux: 2,
  trois: 3,
  uno: 1,
  una: 1,
  dos: 2,
  tres: 3,
  um: 1,
  uma: 1,
  dois: 2,
  duas: 2,
  três: 3,
  een: 1,
  twee: 2,
  drie: 3,
  en: 1,
  ett: 1,
  två: 2,
  tre: 3,
  一: 1,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  十: 10,
};

const DURATION = new RegExp(
  `${B}(half an?|eine halbe|une demi|media|meia|半|\\d+(?:[.,]\\d+)?|${Object.keys(NUMBER_WORDS).join('|')})` +
    '(?:\\s+(?:of|de))?\\s*' +
    '(?:(hours?|hrs?|h|minutes?|mins?|stunden?|std|minuten?|heures?|horas?|minutos?|uur|timmar?|minuter|ore|minuti)' +
    `(?![${L}])|(時間|分))`,
  'iu',
);
const RELATIVE_WORD = re(
  "in|within|from now|later|dans|d'ici|en|em|dentro|daqui|innerhalb|binnen|om|tra|fra|inom|över|後|以内",
);
const WITHIN_THE_HOUR = re(
  'within the hour|innerhalb der (?:nächsten )?stunde|dans l.heure|en la próxima hora|na próxima hora',
);

/** Minutes of elapsed time named in an expression ("in 2 hours", "dans une heure", "2時間後"), else null. */
export function durationMinutes(text: string): number | null {
  if (WITHIN_THE_HOUR.test(text)) return 60;
  const match = DURATION.exec(text);
  if (!match) return null;
  const amount = match[1]!.toLowerCase();
  const unit = (match[2] ?? match[3]!).toLowerCase();
  const half = /^(half|eine halbe|une demi|media|meia|半)/.test(amount);
  const value = half ? 0.5 : (NUMBER_WORDS[amount] ?? Number(amount.replace(',', '.')));
  if (!Number.isFinite(value)) return null;
  const isMinutes = /^(min|分)/.test(unit);
  const minutes = isMinutes ? value : value * 60;
  // "2時間半後" / "2 and a half hours" add the half hour written after the unit.
  const tail = text.slice((match.index ?? 0) + match[0].length, (match.index ?? 0) + match[0].length + 12);
  const extra = !isMinutes && /^\s*(?:半|and a half|et demie|y media|e meia|einhalb)/i.test(tail) ? 30 : 0;
  return Math.round(minutes + extra);
}

function duration(pattern: RegExp): chrono.Parser {
  return parser(pattern, (context, match) => {
    const minutes = durationMinutes(match[0]);
    return minutes === null ? null : bare(context, `${TAG.duration}:${minutes}`);
  });
}

const WEEKDAYS_EN: Record<string, IsoWeekday> = {
  mon: 1,
  monday: 1,
  tue: 2,
  tues: 2,
  tuesday: 2,
  wed: 3,
  wednesday: 3,
  thu: 4,
  thur: 4,
  thurs: 4,
  thursday: 4,
  fri: 5,
  friday: 5,
  sat: 6,
  saturday: 6,
  sun: 7,
  sunday: 7,
};

// "el 21", "no dia 21", "le 21": a bare day of the month is the next such date.
function bareDayOfMonth(pattern: RegExp): chrono.Parser {
  return parser(pattern, (context, match) => {
    const day = Number(match[1]);
    if (day < 1 || day > 31) return null;
    const date = nextDayOfMonth(referenceDate(context), day, undefined);
    if (!date) return null;
    const components = onDate(context, date);
    components.addTag(TAG.dayOfMonth);
    return components;
  });
}

// A bare day of the month in French, Spanish and Portuguese ("le 9 au plus tard", "el 13", "no dia 22,"):
// all three are tried whichever of them the text was detected as, since short replies are easily mistaken.
const FR_MONTHS = 'janv|févr|fevr|mars|avr|mai|juin|juil|août|aout|sept|oct|nov|déc|dec';
const ROMANCE_DAY_OF_MONTH: chrono.Parser[] = [
  bareDayOfMonth(
    re(
      `(?:le|pour le|avant le)\\s+(\\d{1,2})(?![\\d:]|[.,]\\d|\\s*(?:h(?![\\p{L}])|heures?|%|${FR_MONTHS}))`,
    ),
  ),
  bareDayOfMonth(
    re(
      '(?:el|para el|antes del)\\s+(?:día\\s+)?(\\d{1,2})(?![\\d:]|[.,]\\d|\\s*(?:de|h|hs|horas|%|am|pm|a\\.m|p\\.m))',
    ),
  ),
  bareDayOfMonth(re('(?:no\\s+)?dia\\s+(\\d{1,2})(?![\\d:]|[.,]\\d|\\s*(?:de|h|hs|horas|%))')),
];

// "tues", "weds": weekday abbreviations chrono does not know; the next such day after the reply.
function weekdayAbbreviation(): chrono.Parser {
  return parser(re('(tues|weds|thur)\\.?'), (context, match) => {
    const weekday =
      WEEKDAYS_EN[match[1]!.toLowerCase()] ?? (match[1]!.toLowerCase() === 'weds' ? 3 : undefined);
    if (!weekday) return null;
    const today = referenceDate(context);
    return onDate(context, today.add({ days: (weekday - today.dayOfWeek + 7) % 7 || 7 }));
  });
}

// "dans 2 heures", "dentro de 2 horas", "daqui a 2 horas": tried in all three languages, like the days above.
const ROMANCE_DURATIONS: chrono.Parser[] = [
  duration(
    re(
      "(?:dans|d'ici|ds)\\s+(?:une?|\\d+(?:[.,]\\d+)?|deux|trois|une demi)[\\s-]*(?:heures?|h|minutes?|min)",
    ),
  ),
  duration(
    re('(?:en|dentro\\s+de)\\s+(?:una?|\\d+(?:[.,]\\d+)?|dos|tres|media)\\s*(?:horas?|h|minutos?|min)'),
  ),
  duration(
    re(
      '(?:em|daqui\\s+a|dentro\\s+de)\\s+(?:uma?|\\d+(?:[.,]\\d+)?|duas|dois|três|meia)\\s*(?:horas?|h|minutos?|min)',
    ),
  ),
];

// "the 4th", "Monday the 4th": chrono reads the weekday and drops the day of the month.
function dayOfMonth(): chrono.Parser {
  return parser(
    new RegExp(
      `${B}(?:(${Object.keys(WEEKDAYS_EN).join('|')}),?\\s+)?the\\s+(\\d{1,2})(?:st|nd|rd|th)${E}` +
        '(?!\\s+(?:of\\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec))',
      'iu',
    ),
    (context, match) => {
      const day = Number(match[2]);
      if (day < 1 || day > 31) return null;
      const weekday = match[1] ? WEEKDAYS_EN[match[1].toLowerCase()] : undefined;
      const date = nextDayOfMonth(referenceDate(context), day, weekday);
      if (!date) return null;
      const components = onDate(context, date);
      components.addTag(TAG.dayOfMonth);
      return components;
    },
  );
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

function tomorrowIf(words: RegExp, tag: string): Extract {
  return (context, match) => {
    if (!words.test(match[0])) return bare(context, tag);
    const components = onDate(context, referenceDate(context).add({ days: 1 }));
    components.addTag(tag);
    return components;
  };
}

function daysAhead(pattern: RegExp, days: number): chrono.Parser {
  return parser(pattern, (context) => onDate(context, referenceDate(context).add({ days })));
}

const COMMON: chrono.Parser[] = [
  marker(re('eod|e\\.o\\.d\\.?|cob|c\\.o\\.b\\.?|eob'), TAG.eod),
  marker(re('eow|e\\.o\\.w\\.?'), TAG.thisWeek),
];

const EXTRA_PARSERS: Record<DueLanguage, chrono.Parser[]> = {
  en: [
    marker(
      re(
        '(?:the\\s+)?(?:end|close) of (?:the |my |your |our )?(?:business |work(?:ing)? )?(?:day|business|play)|(?:by|before) (?:the )?end of (?:the )?day',
      ),
      TAG.eod,
    ),
    marker(re('first thing(?: in the morning)?'), TAG.firstThing),
    weekdayAbbreviation(),
    // A short Portuguese or Spanish reply full of loanwords ("to numa call") can be detected as English.
    ...ROMANCE_DURATIONS,
    marker(re('after lunch'), TAG.afternoon),
    marker(re('before lunch'), TAG.morning),
    marker(re('early next week|(?:the )?(?:start|beginning) of next week'), TAG.earlyNextWeek),
    marker(re('(?:by |before )?(?:the )?end of next week|next week'), TAG.nextWeek),
    marker(re('(?:by |before )?(?:the )?end of (?:the |this )?week|(?:later )?this week'), TAG.thisWeek),
    dayOfMonth(),
    parser(re('by\\s+(\\d{1,2})(?::(\\d{2}))?(?!\\s*(?:[ap]\\.?m|%|[.,]\\d))'), clock(1, 2)),
    duration(
      re(
        'in (?:about |around |roughly )?(?:an?|one|two|three|a couple of|a few|half an?|\\d+(?:[.,]\\d+)?)\\s*(?:hours?|hrs?|h|minutes?|mins?)',
      ),
    ),
  ],
  de: [
    bareDayOfMonth(
      re(
        '(?:am|bis zum|zum)\\s+(\\d{1,2})\\.(?![\\d]|\\s*(?:\\d|jan|feb|mär|apr|mai|jun|jul|aug|sep|okt|nov|dez))',
      ),
    ),
    marker(
      re(
        '(?:bis\\s+)?(?:zum\\s+)?(?:feierabend|dienstschluss|geschäftsschluss|tagesende|ende des (?:arbeits)?tages)|im laufe des tages',
      ),
      TAG.eod,
    ),
    parser(
      re(
        '(?:gleich\\s+)?(?:morgen|heute)\\s+(?:früh|vormittag)(?:\\s+(?:gleich\\s+)?als\\s+(?:aller)?erstes)?',
      ),
      (context, match) => {
        const firstThing = /gleich|erstes/i.test(match[0]);
        return tomorrowIf(/morgen/i, firstThing ? TAG.firstThing : TAG.morning)(context, match);
      },
    ),
    marker(re('(?:gleich\\s+)?als\\s+(?:aller)?erstes'), TAG.firstThing),
    // "Montag früh": chrono's weekday abbreviations would read the "fr" of "früh" as Friday.
    marker(re('früh|frühmorgens|vormittags?'), TAG.morning),
    marker(re('nach dem mittag(?:essen)?'), TAG.afternoon),
    marker(re('vor dem mittag(?:essen)?'), TAG.morning),
    marker(re('anfang (?:der )?(?:nächsten|kommenden) woche'), TAG.earlyNextWeek),
    marker(
      re('(?:bis\\s+)?(?:(?:zum\\s+)?ende\\s+)?(?:der\\s+)?(?:nächste[nr]?|kommende[nr]?)\\s+woche'),
      TAG.nextWeek,
    ),
    marker(
      re(
        '(?:bis\\s+)?(?:zum\\s+)?ende\\s+(?:der|dieser)\\s+woche|diese\\s+woche|im\\s+laufe\\s+der\\s+woche',
      ),
      TAG.thisWeek,
    ),
    dottedDate(),
    duration(
      re(
        'in\\s+(?:einer|einem|eine|\\d+(?:[.,]\\d+)?|zwei|drei|einer halben|eine halbe)\\s*(?:stunden?|std\\.?|minuten?|min\\.?)',
      ),
    ),
  ],
  fr: [
    ...ROMANCE_DAY_OF_MONTH,
    daysAhead(re('après-demain|apres-demain'), 2),
    marker(re('après\\s+le\\s+(?:déjeuner|repas)'), TAG.afternoon),
    marker(
      re("(?:d'ici\\s+(?:la\\s+)?|avant\\s+(?:la\\s+)?|en\\s+)?fin\\s+de\\s+(?:la\\s+)?journée"),
      TAG.eod,
    ),
    marker(
      re(
        '(?:d[èe]s\\s+)?(?:[àa]\\s+)?(?:la\\s+)?premi[èe]re\\s+heure|(?:d[èe]s\\s+)?le\\s+matin\\s+[àa]\\s+la\\s+premi[èe]re\\s+heure',
      ),
      TAG.firstThing,
    ),
    parser(/(?<![\p{L}\p{N}-])(?:avant\s+|d'ici\s+|vers\s+)?midi(?![\p{L}\p{N}])/iu, (context) =>
      context.createParsingComponents({ hour: 12, minute: 0 }),
    ),
    marker(re('(?:au\\s+)?début\\s+de\\s+la\\s+semaine\\s+prochaine'), TAG.earlyNextWeek),
    marker(re('(?:d.ici\\s+)?(?:la\\s+)?(?:fin\\s+de\\s+(?:la\\s+)?)?semaine\\s+prochaine'), TAG.nextWeek),
    marker(
      re("(?:d'ici\\s+(?:la\\s+)?)?fin\\s+de\\s+(?:la\\s+|cette\\s+)?semaine|cette\\s+semaine"),
      TAG.thisWeek,
    ),
    dottedDate(),
    ...ROMANCE_DURATIONS,
  ],
  es: [
    daysAhead(re('pasado\\s+mañana'), 2),
    ...ROMANCE_DAY_OF_MONTH,
    marker(
      re(
        '(?:antes\\s+del?\\s+|para\\s+el\\s+|al\\s+)?(?:final|fin)\\s+del\\s+día|antes\\s+de\\s+que\\s+(?:acabe|termine)\\s+el\\s+día',
      ),
      TAG.eod,
    ),
    marker(re('(?:a\\s+)?primera\\s+hora(?:\\s+de\\s+la\\s+mañana)?'), TAG.firstThing),
    marker(re('por\\s+la\\s+mañana'), TAG.morning),
    marker(re('por\\s+la\\s+tarde|después\\s+de\\s+(?:comer|almorzar|la comida)'), TAG.afternoon),
    marker(
      re('(?:a\\s+)?principios\\s+de\\s+la\\s+(?:próxima\\s+semana|semana\\s+que\\s+viene)'),
      TAG.earlyNextWeek,
    ),
    marker(re('(?:la\\s+)?(?:próxima\\s+semana|semana\\s+que\\s+viene)'), TAG.nextWeek),
    marker(
      re('(?:a\\s+|para\\s+)?(?:finales|fin)\\s+de\\s+(?:esta\\s+)?semana|esta\\s+semana'),
      TAG.thisWeek,
    ),
    dottedDate(),
    ...ROMANCE_DURATIONS,
  ],
  pt: [
    daysAhead(re('depois\\s+de\\s+amanhã'), 2),
    ...ROMANCE_DAY_OF_MONTH,
    parser(
      re(
        '(?:às|as|até\\s+às|até\\s+as|pelas|a\\s+partir\\s+das)\\s+(\\d{1,2})(?:[:h](\\d{2}))?\\s*(?:h|hs|horas)?',
      ),
      (context, match) =>
        /^as\s/i.test(match[0]) && !/h|:/i.test(match[0].slice(3)) ? null : clock(1, 2)(context, match),
    ),
    parser(re('(\\d{1,2})h(\\d{2})?'), clock(1, 2)),
    marker(re('(?:até\\s+o\\s+|antes\\s+do\\s+|no\\s+)?(?:fim|final)\\s+do\\s+(?:dia|expediente)'), TAG.eod),
    marker(re('(?:logo\\s+|bem\\s+)?cedo|logo\\s+de\\s+manhã|(?:à|na)\\s+primeira\\s+hora'), TAG.firstThing),
    marker(re('(?:de|pela)\\s+manhã'), TAG.morning),
    marker(re('(?:à|pela)\\s+tarde|depois\\s+do\\s+almoço'), TAG.afternoon),
    marker(
      re('(?:no\\s+)?(?:começo|início)\\s+da\\s+(?:próxima\\s+semana|semana\\s+que\\s+vem)'),
      TAG.earlyNextWeek,
    ),
    marker(re('(?:na\\s+)?(?:próxima\\s+semana|semana\\s+que\\s+vem)'), TAG.nextWeek),
    marker(re('(?:até\\s+o\\s+)?(?:fim|final)\\s+da\\s+semana|esta\\s+semana|essa\\s+semana'), TAG.thisWeek),
    dottedDate(),
    ...ROMANCE_DURATIONS,
  ],
  ja: [
    daysAhead(/明後日|あさって/u, 2),
    duration(/(?:\d+|[一二三四五十]+)\s*(?:時間半?|分)(?:後|以内)/u),
    // "20日に": a day of the month without its month ("12月20日" is chrono's).
    bareDayOfMonth(/(?<![\d０-９月/])(\d{1,2})日(?!間|後|以内|前|ぶり)/u),
    marker(/朝一番?|朝イチ|始業(?:時|直後)?/u, TAG.firstThing),
    marker(/午前中?(?![\d０-９])/u, TAG.morning),
    marker(/午後(?![\d０-９])|昼過ぎ|午後一/u, TAG.afternoon),
    marker(/夕方|今晩/u, TAG.evening),
    marker(/終業(?:時間)?(?:まで)?|定時(?:まで)?|業務終了(?:まで)?|本日中|今日中/u, TAG.eod),
    parser(/正午|お昼/u, (context) => context.createParsingComponents({ hour: 12, minute: 0 })),
    marker(/週明け/u, TAG.earlyNextWeek),
    marker(/来週中?/u, TAG.nextWeek),
    marker(/今週中?|週内/u, TAG.thisWeek),
  ],
  sv: [parser(re('kl\\.?\\s*(\\d{1,2})(?:[:.](\\d{2}))?'), clock(1, 2)), dottedDate()],
  nl: [dottedDate()],
  it: [dottedDate()],
  zh: [],
  ru: [dottedDate()],
};

const CONNECTOR =
  /^[\s,]*(?:(?:at|by|on|around|about|before|until|from|um|am|gegen|bis|ab|vor|à|a|às|as|a las|de|en|el|la|le|na|no|dia|the|antes|avant|até|ate|hasta|\d{1,2}\.?|の|に|、)\s*){0,2}[\s,]*$/iu;

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
          between.length <= 12 && CONNECTOR.test(between) ? mergeAdjacent(context, previous, result) : null;
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

// "来週の水曜日", "Mittwoch nächste Woche": the weekday inside next week, not the coming one.
function weekdayNextWeek(
  context: chrono.ParsingContext,
  weekday: chrono.ParsingResult,
  week: chrono.ParsingResult,
): ((first: chrono.ParsingResult, second: chrono.ParsingResult) => chrono.ParsingResult) | null {
  if (!weekday.start.isOnlyWeekdayComponent() || !week.tags().has(TAG.nextWeek)) return null;
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

function build(base: chrono.Chrono, language: DueLanguage): chrono.Chrono {
  const instance = base.clone();
  // Ahead of the bundled parsers so that an equally long match of ours wins chrono's overlap removal.
  instance.parsers.unshift(...EXTRA_PARSERS[language], ...COMMON);
  instance.refiners.push(adjacencyRefiner);
  return instance;
}

const CHRONO: Record<DueLanguage, chrono.Chrono> = {
  en: build(chrono.casual, 'en'),
  de: build(chrono.de.casual, 'de'),
  fr: build(chrono.fr.casual, 'fr'),
  es: build(chrono.es.casual, 'es'),
  pt: build(chrono.pt.casual, 'pt'),
  ja: build(chrono.ja.casual, 'ja'),
  nl: build(chrono.nl.casual, 'nl'),
  it: build(chrono.it.casual, 'it'),
  sv: build(chrono.sv.casual, 'sv'),
  zh: build(chrono.zh.casual, 'zh'),
  ru: build(chrono.ru.casual, 'ru'),
};

function words(list: string): RegExp {
  return new RegExp(`(?<![\\p{L}'])(?:${list})(?![\\p{L}])`, 'giu');
}

// Frequent short words and letters peculiar to each language; the most hits wins, English on a tie.
const LANGUAGE_HINTS: [DueLanguage, RegExp, RegExp | null][] = [
  [
    'de',
    words(
      'ich|und|nicht|bitte|danke|morgen|heute|uhr|bis|mit|der|die|das|dem|den|ist|wir|sie|ihn|ihm|ihr|schicke|rufe|melde|woche|gerne|leider|kann|habe|mich|es|ab|wieder|auf|auch|noch|ein|eine|für|im|am|um|zum|zur|vom|erreichbar',
    ),
    /[äöüß]/giu,
  ],
  [
    'fr',
    words(
      "je|les|le|la|et|pas|demain|merci|vous|avec|pour|est|c'est|une|des|lui|leur|semaine|aujourd'hui|ce|cet|cette|ne|suis|fait|dans|lundi|mardi|mercredi|jeudi|vendredi|envoie|appelle|rappelle",
    ),
    /(?<![\p{L}])(?:[jldcnmts]|qu)['’](?=\p{L})|[èêëîïôœùû]/giu,
  ],
  [
    'es',
    words(
      'los|las|el|y|mañana|gracias|por|para|con|lo|le|les|está|estoy|hoy|semana|una|llamo|envío|del|puedo|tengo|ya|las|pero|esta|tarde|mando|hablo|propuesta|presupuesto|lunes|martes|miércoles|jueves|viernes|perfecto|dentro|horas|reunión|saludos|vale|su',
    ),
    /[ñ¿¡]/giu,
  ],
  [
    'pt',
    words(
      'eles|amanhã|obrigad[oa]|pra|pro|não|com|você|hoje|já|estou|uma|ligo|envio|mando|semana|pela|pelo|às|até|ao|do|da|em|vou|isso|esse|tudo|segunda|terça|quarta|quinta|sexta|proposta|falo',
    ),
    /[ãõ]/giu,
  ],
  [
    'nl',
    words(
      'ik|het|een|niet|morgen|bedankt|dank|vandaag|wij|zij|hem|haar|bel|stuur|week|uur|graag|morgenochtend',
    ),
    null,
  ],
  ['it', words('io|il|non|domani|grazie|oggi|sono|della|per|chiamo|invio|settimana|alle|lo|gli'), null],
  ['sv', words('jag|och|inte|imorgon|tack|idag|vi|honom|henne|ringer|skickar|vecka|kl|det|är'), /[å]/giu],
  [
    'en',
    words(
      "i|i'll|i'm|will|the|and|to|them|him|her|tomorrow|today|thanks|call|send|at|on|by|this|next|week|it|you",
    ),
    null,
  ],
];

/** The language whose chrono parsers read the text first: by script, then by the commonest words. */
export function detectLanguage(text: string): DueLanguage {
  const sample = text.slice(0, 1_000);
  if (/[\p{Script=Hiragana}\p{Script=Katakana}]/u.test(sample)) return 'ja';
  if (/\p{Script=Han}/u.test(sample)) return 'zh';
  if (/\p{Script=Cyrillic}/u.test(sample)) return 'ru';
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
  const zoned = date
    .toPlainDateTime({ hour, minute })
    .toZonedDateTime(timeZone, { disambiguation: 'compatible' });
  return new Date(zoned.epochMilliseconds);
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
  if (sameWeekday && !/^(?:this|diese[nmr]?|ce|cette|este|esta|esse|essa|今週)/iu.test(text.trim())) {
    return date.add({ days: 7 });
  }
  return date;
}

// The next wall time h:m on or after the reply (today, else tomorrow).
function nextClock(hour: number, minute: number, frame: Frame, timeZone: string): Date {
  const today = at(frame.today, hour, minute, timeZone);
  return today > frame.sentAt ? today : at(frame.today.add({ days: 1 }), hour, minute, timeZone);
}

const TODAY_WORD = /^(?:this|heute|ce|cet|cette|esta|este|hoje|今日|本日|今朝)/iu;

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
  const date = namedDate(result.start, frame, result.text);

  const durationTag = tags.find((t) => t.startsWith(`${TAG.duration}:`));
  if (durationTag) {
    return {
      due: new Date(frame.sentAt.getTime() + Number(durationTag.split(':')[1]) * 60_000),
      rule: 'duration',
    };
  }
  if (has('result/relativeDateAndTime')) {
    // Chrono also reads a bare "15h" as fifteen hours from now; only a written "in"/"within" makes a duration.
    const minutes = RELATIVE_WORD.test(result.text) ? durationMinutes(result.text) : null;
    return minutes === null
      ? null
      : { due: new Date(frame.sentAt.getTime() + minutes * 60_000), rule: 'duration' };
  }
  if (has('casualReference/now')) return { due: frame.sentAt, rule: 'now' };
  if (has(TAG.firstThing)) {
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
    if (!components.isCertain('meridiem') && hour >= 1 && hour <= 6 && !/(?<![\d:.])0\d/.test(result.text))
      hour += 12;
    const zone = namedZone(result, components) ?? tz;
    const due = date ? at(date, hour, minute, zone) : nextClock(hour, minute, frame, zone);
    return { due, rule: 'clock' };
  }
  if (has(TAG.noon) || has('casualReference/noon')) {
    return { due: date ? at(date, 12, 0, tz) : nextClock(12, 0, frame, tz), rule: 'clock' };
  }
  if (has(TAG.eod)) return { due: endOfDate(date ?? frame.today, frame), rule: 'end-of-day' };
  const monday = frame.today.subtract({ days: frame.today.dayOfWeek - 1 });
  if (has(TAG.thisWeek)) return { due: weekEnd(monday, frame, false), rule: 'end-of-week' };
  if (has(TAG.nextWeek)) return { due: weekEnd(monday.add({ days: 7 }), frame, false), rule: 'end-of-week' };
  if (has(TAG.earlyNextWeek))
    return { due: weekEnd(monday.add({ days: 7 }), frame, true), rule: 'end-of-week' };
  if (has(TAG.morning) || has('casualReference/morning')) {
    return { due: dayPart(date, (d) => at(d, 12, 0, tz), frame, result.text), rule: 'part-of-day' };
  }
  if (has(TAG.afternoon) || has('casualReference/afternoon')) {
    return { due: dayPart(date, (d) => afternoonEnd(d, frame), frame, result.text), rule: 'part-of-day' };
  }
  if (has(TAG.evening) || has('casualReference/evening') || has('casualReference/tonight')) {
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
  return CHRONO[language].parse(text, reference, { forwardDate: true });
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

function collect(language: DueLanguage, text: string, frame: Frame): DueMention[] {
  const mentions: DueMention[] = [];
  for (const result of parseWith(language, text, frame) as chrono.ParsingResult[]) {
    const resolved = resolve(result, frame);
    if (!resolved) continue;
    // A step promised more than a year out is a misreading ("el 21 y …" as a year), not a commitment.
    if (resolved.due.getTime() - frame.sentAt.getTime() > 366 * 86_400_000) continue;
    if (
      resolved.due < frame.sentAt ||
      (resolved.rule !== 'now' && resolved.due.getTime() === frame.sentAt.getTime())
    )
      continue;
    mentions.push({ index: result.index, text: result.text, due: resolved.due, rule: resolved.rule });
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
