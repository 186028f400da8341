/**
 * The words of one language, as data. Every rule of reply reading that depends on a language reads
 * them from here: adding a language is one lexicon file (plus its tests) and one line in index.ts.
 */

import type { Holiday } from '../../time/holidays.ts';
export type LanguageCode = 'en' | 'de' | 'fr' | 'es' | 'pt' | 'ja' | 'it' | 'nl';

// ── intent words (classify.ts, automatic.ts) ──────────────────────────────────────────────────

/**
 * Words and phrases, each a regular-expression fragment: `(?:…)?` for an optional part, `[oa]` for
 * variants; no capture groups and no nested quantifiers. A rule joins every language's list with `|`.
 */
export type Words = readonly string[];

/**
 * A whole pattern, as a regular-expression source read case-insensitively over one sentence or clause:
 * `\b` is a word edge that knows accents ("für", "llamé"), `{name}` any word of the language's
 * `lists[name]`; reassign patterns name their target `{target}` (an address or a name in letters) or
 * `{kanjiTarget}` (an address or a name in kanji or katakana), after an optional `{colleague}` ("my
 * colleague", "Frau"). Every quantifier is bounded or over a single character class.
 */
export type Pattern = string;

/** One rule's patterns: its match is the leftmost match of any of them. */
export type Alternatives = readonly Pattern[];

export interface ReassignPattern {
  pattern: Pattern;
  /** A request only: after "I" or "I'll" it is the writer's own step ("I'll forward it to their CFO"). */
  requestOnly?: true;
  /** Letters are matched as written (a capitalised target). */
  caseSensitive?: true;
  /**
   * A suggestion asked of the giver ("Could Anjali take this?", "¿Podría encargarse Marta?"): a reassign
   * only with the colleague's address in the reply; without one, a decline when the reply also refuses
   * (a negated statement), else a question. Its target must read as a name.
   */
  suggestion?: true;
}

/** Languages whose verb ends the clause (Japanese): a promise is a verb ending, its object before it. */
export interface VerbFinalWords {
  /** The ending of a promised step and what may follow it: "します", "送るね". */
  promise: Pattern;
  /** Around the start of the ending, a past ending: the step is reported, not promised ("しました"). */
  past: Pattern;
  /** Just before the ending, a state rather than a step to come ("〜ています"). */
  state: Pattern;
  /** Concrete steps: "電話", "送付". */
  concrete: Words;
}

/**
 * What the intent rules (classify.ts) read in one language. Every field is optional: a language names the
 * words it has, and a rule reads the words of every language at once (a reply may mix them).
 */
export interface IntentWords {
  /** Written without spaces between words (Japanese): its words match as written, not between word edges. */
  unspaced?: true;
  /** Named lists that the patterns below use as `{name}`. */
  lists?: Readonly<Record<string, Words>>;

  // The text the rules read.
  /** Greetings that open a line or the first sentence, a name or not after them: "Hi", "Hallo". */
  greetings?: Words;
  /** Greetings that open a line of their own only: "Good morning", "Sehr geehrte". */
  greetingLines?: Words;
  /** Whole lines that greet (Japanese: "佐藤様、", "お疲れ様です。"). */
  greetingLinePatterns?: readonly Pattern[];
  /** A sign-off line, a name or nothing after it: "Best regards", "Viele Grüße". */
  signOffs?: Words;
  /** A mobile signature line, `{device}` where it names the device: "Sent from my {device}". */
  mobileSignatures?: Words;
  /** Abbreviations whose period ends no sentence ("e.g", "z.B"), the period escaped. */
  abbreviations?: Words;
  /** Words that open a new clause: "but", "aber". */
  contrasts?: Words;
  /** Clause breaks other than , ; : and dashes (Japanese "、", but not after a て-form). */
  clauseBreaks?: readonly Pattern[];
  /** Words that negate their clause: "not", "nicht". */
  negations?: Words;
  /** Words that open a question written without a question mark: "sai se", "weet je of". */
  questions?: Words;

  // commit: a promise and its step.
  /** A promise with a concrete step: "I'll call", "ich rufe … an", "je les appelle". */
  promises?: readonly Pattern[];
  /** A promise without a step, a commitment only with a time: "I'll take a look", "je regarde". */
  vaguePromises?: readonly Pattern[];
  verbFinal?: VerbFinalWords;
  /** Words after a verb that are no object: "back", "later", "mich". */
  fillers?: Words;
  /**
   * Times that name no moment: "later in the week", "when I get a moment", "dès que j'ai un moment". A
   * promise without a step that carries one stays vague, whatever other time the sentence names.
   */
  vagueTimes?: Words;
  /**
   * Words after a day that describe the day instead of timing a step: "(tomorrow) is a holiday",
   * "(domani) è festa", "(pinkstermaandag) ben ik vrij", "(19日)は海の日". Such a day is no due time
   * unless its clause promises a step ("明日は10時に電話します").
   */
  dayCopulas?: Words;
  /** Where a condition starts, the step's object has ended: "when", "sobald". */
  conditions?: Words;
  /** Before a promise, these make it a condition: "Before I reach out, …", "Avant que je …". */
  conditionsBefore?: Words;
  /**
   * Opening a promise that waits for an answer to the question before it ("… eine Durchwahl? Dann rufe
   * ich sie direkt an."): "then", "dann", "alors".
   */
  thenWords?: Words;

  // done
  /** A completed step: "Called them", "Erledigt", "déjà envoyé". */
  done?: readonly Pattern[];
  /** A clause with these completes nothing: "not", "noch nicht". */
  notYet?: Words;

  // decline, tried in this order: firm refusals, attention, "I'd love to, but", someone else, declines.
  /** Refusals read before any other: a conflict of interest, "sorry, aber das geht nicht". */
  firmRefusals?: Words;
  /** "can't … give it the attention it deserves": the refusing words, then the attention words. */
  cannot?: Words;
  attention?: Words;
  /** "I'd love to, but", "würde gerne, aber". */
  wouldLoveTo?: Words;
  /** "Can someone else take it", "jemand anderes", "他の担当". */
  someoneElse?: Words;
  /** Refusals, one rule per entry, tried in order. */
  declines?: readonly Alternatives[];
  /**
   * Naming a colleague better placed for the lead ("Laura is better placed for this one", "の方が適任"):
   * a decline when the reply gives no address and promises nothing, a reassign to the one address it gives.
   */
  betterPlaced?: readonly Pattern[];
  /**
   * Handing the lead on without a request verb: copying a colleague in, saying it was forwarded, whose
   * account it is, or asking whether they can take it ("Marcus owns that account, looping him in",
   * "betreut Katrin … in CC gesetzt", "é que acompanha"): a reassign to the one address the reply
   * gives, when the reply promises no step of the writer's own.
   */
  handsOver?: readonly Pattern[];
  /**
   * Forwarding the email to the colleague it is handed to ("Le reenvío el correo", "Le giro la mail",
   * "Reencaminho-lhe o email"): a step of the handover, not a step on the lead (see handsOver).
   */
  forwardsMail?: readonly Pattern[];
  /**
   * Saying one is too busy ("sono sommerso", "zit vol"): a refusal only in a reply that promises nothing
   * ("ci guardo appena ho un attimo, sono sommerso" is vague).
   */
  busy?: readonly Pattern[];
  /**
   * Being away ("sono in ferie", "ik ben met verlof"): a refusal unless the reply promises a concrete step
   * ("sono in ferie fino al 20, quindi chiamo il dott. Bianchi lunedì 23 alle 10" commits).
   */
  away?: readonly Pattern[];
  /**
   * Having set up the step itself ("Agendei visita … para quinta às 14h30", "I've booked a call with Dana
   * for Thursday at 2pm"): with a clock time still ahead, a commitment to it rather than a report.
   */
  scheduled?: Words;
  /** Apologies, no reason themselves: "sorry", "leider". */
  apologies?: Words;
  /** Conjunctions and subject pronouns that tie a reason to the refusal after it: "and", "daher", "ich". */
  reasonLinks?: Words;

  // reassign
  /** Requests to move the handoff to someone named, tried in order. */
  reassigns?: readonly ReassignPattern[];
  /** Words before a colleague's name: "colleague", "Kollegin", "Frau"; and what may precede them: "my". */
  colleagues?: Words;
  colleagueDeterminers?: Words;
  /** Words a target may be that name nobody: "them", "someone", "jemand". */
  notNames?: Words;
  /** The writer, two words or fewer before a request-only verb: "I", "I'll", "ich", "j'". */
  firstPerson?: Words;

  // vague
  /** Acknowledgments: "Got it", "Alles klar", "了解". */
  acknowledgments?: Words;

  // confirming
  /** Short affirmations, a whole reply to "Did you mean …?": "yes", "genau", "c'est ça", "はい". */
  affirmations?: Words;
}

/**
 * What the auto-reply and bounce rules (automatic.ts) read in one language; every field optional. Words
 * match anywhere (write `\b` for a word edge), case-insensitively.
 */
export interface AutoReplyWords {
  /** A subject that reports a failed delivery: "Undelivered Mail Returned to Sender", "Unzustellbar". */
  failureSubjects?: Words;
  /** Anywhere in a subject, an out-of-office: "Automatic reply", "Abwesenheitsnotiz". */
  outOfOfficeSubjects?: Words;
  /** At the start of a subject only, an absence: "Vacation", "Urlaub bis 12.4.". */
  absenceSubjects?: Words;
  /** In a body, a failed delivery, in words rather than status codes: "user unknown", "unzustellbar". */
  failureBodies?: Words;
  /** In a body, an automatic reply said outright: "This is an automated reply". */
  automaticReplies?: Words;

  // Out-of-office evidence in a body, by kind: a notice shows two kinds.
  /** "out of office", "nicht im Büro". */
  absence?: Words;
  /** Leave or travel: "on leave", "Urlaub". */
  leave?: Words;
  /** "limited email access", "eingeschränkt erreichbar". */
  limitedEmail?: Words;
  /** A return: "I will be back", "wieder erreichbar". */
  returning?: Words;
  /** An urgent-contact line: "for urgent matters", "in dringenden Fällen". */
  urgent?: Words;

  // The return date.
  /** Before a date: the writer is back that day ("back on", "ab dem"). */
  backBefore?: Words;
  /** After a date: back from that day ("… wieder erreichbar", "…より対応"). */
  backAfter?: Words;
  /** Before a date: away until then ("until", "bis"). */
  untilBefore?: Words;
  /** After a date: away until then (Japanese "まで"). */
  untilAfter?: Words;
  /** The absence includes the date named: "einschließlich", "inclusive". */
  inclusive?: Words;

  // Bounces.
  /** Labels of the line that names the failed recipient: "Recipient", "Empfänger". */
  recipientLabels?: Words;
  /** Mailer phrases just before the failed address: "delivery to", "sent to". */
  deliveryTo?: Words;
  /** After such a phrase, a heading whose next line is the address: "the following recipients". */
  recipientsHeadings?: Words;
  /** Display names of mail systems: "Mail Delivery System". */
  daemonNames?: Words;
}

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

// ── dates in headers and forward blocks (time/date-text.ts) ──────────────────────────────────────

/**
 * How a language's mail clients write a date ("mar. 9 févr. 2027 à 09:00", "9. února 2027 9:00"):
 * words, lower-case, matched whole or, from three letters on, as an abbreviation of a listed form.
 */
export interface DateWords {
  /** The twelve months, January first: each month's forms (name, genitive, usual abbreviation). */
  months: readonly (readonly string[])[];
  /** The seven weekdays, Monday first: a date's weekday is skipped, never read as a month. */
  weekdays: readonly (readonly string[])[];
  /** Words that put a 12-hour clock after noon ("PM", "午後") or before it ("AM", "午前"). */
  pm?: Words;
  am?: Words;
  /** Zone names its clients print after a time ("MEZ", "PST"), as minutes east of UTC. */
  zones?: Readonly<Record<string, number>>;
  /** Day and month written as numbers are month first ("2/9/2027" is 9 February): US English only. */
  monthFirst?: true;
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
  /**
   * Weekday names and their usual abbreviations, with their ISO number (1 = Monday): `{weekday}` in the
   * rules below. A name of six letters or more is also read with one letter wrong, missing, extra or
   * swapped ("Wendesday", "vrijdg"); after a name of five letters or fewer a period followed by
   * a lower-case word or a number ends no sentence ("am Di. um halb drei", "el mié. 3 de noviembre").
   */
  weekdays?: Readonly<Record<string, 1 | 2 | 3 | 4 | 5 | 6 | 7>>;
  /**
   * Where a weekday abbreviation is no weekday, case-sensitive sources read at the abbreviation (they may
   * look behind it): German "Fr. Dr. Weber", "Fr. Müller", "die fr. yilmaz" (Frau), not "Fr. Vormittag";
   * "so gegen halb drei" (about); Portuguese "Quinta da Ribeira" (an estate).
   */
  notWeekdayPhrases?: readonly string[];
  /** Words a letter away from a weekday name that are no weekday ("Montage"). */
  notWeekdays?: readonly string[];
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
  /**
   * Names of holidays (see time/holidays.ts), `{holiday}` in the phrases below: "easter": ["easter"].
   * A holiday of several days is named for its last day ("ゴールデンウィーク").
   */
  holidays?: Readonly<Partial<Record<Holiday, readonly string[]>>>;
  /**
   * Phrases around a holiday, each with a `(?<holiday>{holiday})` group: `after` is the first working day
   * after it, or the first `(?<weekday>{weekday})` after it when the phrase names one ("Dienstag nach
   * Ostern"); `dayAfter` is the next day ("the day after Thanksgiving").
   */
  holidayPhrases?: { after?: readonly string[]; dayAfter?: readonly string[] };
  /**
   * Words of a line that gives hours of availability ("office hours", "erreichbar", "horario"): a range
   * of clock times on such a line is no promised time.
   */
  officeHours?: readonly string[];
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

/**
 * A language Baton reads without intent words of its own: its mail clients' quote words (a reply in any
 * language may quote a message from a client in this one), its dates and, for some, its due times.
 */
export interface PartialLexicon {
  code: string;
  quote: Partial<QuoteWords>;
  dates?: DateWords;
  due?: DueWords;
}

export interface Lexicon {
  code: LanguageCode;
  intent: IntentWords;
  autoReply: AutoReplyWords;
  quote: QuoteWords;
  dates: DateWords;
  due: DueWords;
}
