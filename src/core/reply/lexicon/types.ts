/**
 * The words of one language, as data. Every rule of reply reading that depends on a language reads
 * them from here: adding a language is one lexicon file (plus its tests) and one line in index.ts.
 */
export type LanguageCode = 'en' | 'de' | 'fr' | 'es' | 'pt' | 'ja' | 'it' | 'nl';

// ── intent words (classify.ts, automatic.ts) ──────────────────────────────────────────────────
export type IntentWords = {};

export type AutoReplyWords = {};

// ── quoted history and due times (strip.ts, forwarded.ts, due.ts) ─────────────────────────────
// Plain phrases match case-insensitively, a space matching any run of whitespace; fields that say
// "RegExp sources" hold patterns, compiled with the `iu` flags. Words in scripts written without spaces
// (Han, kana, Hangul) match inside a line; all others only as whole words.

/** The fields of a quoted message's header block. */
export type HeaderField = 'from' | 'date' | 'to' | 'cc' | 'subject' | 'replyTo';

/** How one language's mail clients mark quoted history, forwards, footers and disclaimers (strip.ts). */
export interface QuoteWords {
  /** Words that open an attribution before its date: "On" (… wrote:), "Am", "Le", "No dia", "Op". */
  attributionOpeners: readonly string[];
  /** Verbs that close an attribution: "wrote", "schrieb", "a écrit", "ha scritto", "のメッセージ". */
  attributionVerbs: readonly string[];
  /** Verbs that make an attribution only after an opener and a date ("On Mon, 5 Jan, Dana sent:"). */
  looseAttributionVerbs?: readonly string[];
  /** Verbs an attribution may end with when its client left out the colon ("…, Dana wrote"). */
  colonlessAttributionVerbs?: readonly string[];
  /** A verb followed by the word that opens its date: "wrote on" ("Dana wrote on 5 Jan 2026:"). */
  verbsBeforeDate?: readonly string[];
  /** Gmail on the web glues its attribution to the reply's last line: its opener and verbs, as cased. */
  inlineAttribution?: { opener: string; verbs: readonly string[] };
  /** Labels of a quoted message's header lines ("From:", "Von:", "De :", "Oggetto:"), by field. */
  headerLabels: Readonly<Partial<Record<HeaderField, readonly string[]>>>;
  /** What dashed forward separators say ("---------- Forwarded message ---------"). */
  forwardSeparators: readonly string[];
  /** What dashed separators above a replied-to message say ("-----Original Message-----"). */
  originalSeparators: readonly string[];
  /** Apple Mail's forward line, a whole line before an optional colon ("Begin forwarded message:"). */
  forwardIntroductions?: readonly string[];
  /** Help desks' "reply above this line"; with `verbs`, the phrase counts only beside one of them. */
  aboveThisLine?: { phrases: readonly string[]; verbs?: readonly string[] };
  /**
   * Mail apps' automatic footers ("Von meinem iPhone gesendet"), as RegExp sources tested against the
   * footer line with its links and brackets removed. Every footer begins with one of `starts` or ends
   * with one of `ends` (RegExp sources too), a cheap test made first.
   */
  footers: { starts: readonly string[]; ends?: readonly string[]; patterns: readonly string[] };
  /**
   * "Sent from my Galaxy": the words after which a device or app is named (a RegExp source), and the
   * words that may follow it. Such a footer counts when it names a possessive ("my …"), a known device
   * word after an article, or a capitalised name, and adds at most an excuse for typos.
   */
  sentFromDevice?: {
    lead: string;
    articles: readonly string[];
    deviceWords: readonly string[];
  };
  /** Possessives that may open the device of a "Sent from …" footer ("my", "mi", "mein"). */
  devicePossessives?: readonly string[];
  /** Words of the excuse a footer may add ("excuse typos", "kurz", "fautes"), matched inside words. */
  footerExcuses?: readonly string[];
  /** Headings that open a legal disclaimer ("Confidentiality notice"), as RegExp sources. */
  disclaimerHeadings?: readonly string[];
  /** Openings of a disclaimer's first sentence ("This e-mail … confidential"), as RegExp sources. */
  disclaimerSentences?: readonly string[];
  /** Labels of a signature's contact lines ("Tel:", "M."), whole words before "." or ":". */
  contactLabels?: readonly string[];
}

/** The chrono-node locales due times are read with. */
export type ChronoLocale = 'en' | 'de' | 'fr' | 'es' | 'pt' | 'ja' | 'nl' | 'it' | 'sv' | 'zh' | 'ru';

/** What a due-time word stands for, when it names no clock time (see due.ts for the instants). */
export type DueMark =
  | 'endOfDay'
  | 'firstThing'
  | 'morning'
  | 'afternoon'
  | 'evening'
  | 'thisWeek'
  | 'nextWeek'
  | 'earlyNextWeek';

/**
 * How one language writes due times (due.ts), as RegExp sources, for what chrono-node's locale misses.
 * In a source, `{weekday}` stands for the names of `weekdays`, `{month}` for the starts in `months` and
 * `{hourWord}` for the names in `hourWords`.
 */
export interface DueWords {
  /** The chrono-node locale that reads the language first. */
  chrono: ChronoLocale;
  /** How the language is told apart: its script, else its frequent short words and peculiar letters. */
  hints: { scripts?: readonly string[]; words?: readonly string[]; letters?: string };
  /** Weekday names the rules below refer to as `{weekday}`, with their ISO number (1 = Monday). */
  weekdays?: Readonly<Record<string, 1 | 2 | 3 | 4 | 5 | 6 | 7>>;
  /** Weekday abbreviations chrono-node does not know ("tues", "weds"); each is the next such day. */
  weekdayAbbreviations?: Readonly<Record<string, 1 | 2 | 3 | 4 | 5 | 6 | 7>>;
  /** Starts of month names, `{month}` in the rules ("jan", "févr"). */
  months?: readonly string[];
  /** Words of a small count of hours or minutes ("two", "zwei", "deux"). */
  numbers?: Readonly<Record<string, number>>;
  /** Words for half a unit before it ("half an", "eine halbe", "meia"). */
  halves?: readonly string[];
  /** Words adding half a unit after it ("two and a half hours", "2 Stunden einhalb"). */
  halfAfter?: readonly string[];
  /** Words between a count and its unit ("a couple of hours"). */
  countLinks?: readonly string[];
  hourUnits?: readonly string[];
  minuteUnits?: readonly string[];
  /** Words that make a span elapsed time from the reply ("in", "within", "dans", "binnen"). */
  relativeWords?: readonly string[];
  /** Spans of a set length, wherever an elapsed time names them: "within the hour", "een kwartier". */
  fixedDurations?: readonly { minutes: number; words: readonly string[] }[];
  /** Whole expressions of elapsed time ("in 2 hours"); the count and unit are read as above. */
  durations?: readonly string[];
  /** A day of the month without its month, the `(?<day>…)` group, maybe after a `(?<weekday>…)`. */
  daysOfMonth?: readonly string[];
  /**
   * Clock times chrono-node misses: an `(?<hour>…)` group (digits, or a name of `hourWords`, `{hourWord}`
   * in the source), maybe `(?<minute>…)` digits, an `(?<offset>…)` of `clockOffsets` ("kwart over tien")
   * and a `(?<pm>…)` group that puts the hour after noon ("alle 7 di sera").
   */
  clocks?: readonly string[];
  /** Names of the hours on a clock face ("tien" = 10). */
  hourWords?: Readonly<Record<string, number>>;
  /** Minutes an offset word adds to its hour: "kwart over" 15, "half" -30 ("half drie" is 2:30). */
  clockOffsets?: Readonly<Record<string, number>>;
  /** Words for noon, 12:00 ("midi", "正午"). */
  noon?: readonly string[];
  /** Words standing for a day's end, its first hour, a part of it or a week. */
  marks?: Readonly<Partial<Record<DueMark, readonly string[]>>>;
  /** Marks read in every language ("EOD", "COB"): abbreviations that travel. */
  sharedMarks?: Readonly<Partial<Record<DueMark, readonly string[]>>>;
  /** Words naming a day a number of days after the reply ("après-demain"), maybe with a mark. */
  daysAhead?: readonly { days: number; mark?: DueMark; words: readonly string[] }[];
  /** Whether day-first dotted dates ("13.04.", "10.04.2026") are read. */
  dottedDates?: boolean;
  /** Short words that may stand between a date and a time that belong together ("at", "um", "a las"). */
  connectors?: readonly string[];
  /** Starts of an expression that keep a bare weekday in the current week ("this Thursday"). */
  thisWords?: readonly string[];
  /** Starts of an expression that keep a part of the day on today ("this morning", "heute"). */
  todayWords?: readonly string[];
  /** Other languages whose elapsed times and days of month are also tried: short texts are misread. */
  alsoRead?: { durations?: readonly LanguageCode[]; daysOfMonth?: readonly LanguageCode[] };
}

export interface Lexicon {
  code: LanguageCode;
  intent: IntentWords;
  autoReply: AutoReplyWords;
  quote: QuoteWords;
  due: DueWords;
}
