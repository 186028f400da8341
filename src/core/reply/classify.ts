/*
 * The intent of a reply's new text, by ordered, explainable rules. Every pattern is linear (no nested
 * quantifiers over the same characters) and runs over at most MAX_TEXT characters, sentence by sentence.
 *
 * Order, first match wins:
 * 1. reassign  — a request to move the handoff to someone named ("Please reassign to claire@…",
 *                "forward this to Marcus", "an Markus weiterleiten", "高橋さんに引き継いでください"); a
 *                colleague suggested in a question ("Could Anjali take this?") or named as better placed
 *                only with their address.
 * 2. decline   — refusing the handoff ("Can't take this one", "Kann ich nicht übernehmen", "対応できません"),
 *                sending it back to the team or pool ("Ich gebe es an den Pool zurück"); naming a colleague
 *                better placed or being too busy, when the reply promises nothing; a colleague suggested
 *                without an address beside a refusal. A mention of someone else inside a question
 *                refuses nothing ("weiß Jane, dass jemand anderes sich meldet?").
 * 3. commit    — a specific next step: a promise (future or first-person present: "I'll", "Sending",
 *                "Je les appelle", "Ligo", "電話します") with a concrete action verb and its object, or any
 *                promise with a time ("I'll take a look tomorrow"), but not a time that names no moment
 *                ("I'll take a look later in the week", "dès que j'ai un moment").
 * 4. done      — a completed step ("Called them, demo booked", "Erledigt", "対応済みです"). A promise outranks
 *                it: nothing is closed while a step is still promised.
 * 5. question  — a question and nothing above.
 * 6. vague     — everything else: acknowledgments ("Got it", "👍"), promises without a step ("I'll take a
 *                look"), and empty text.
 *
 * The reassign target is the email address written in the sentence (lower-cased) or, failing that, the
 * name as written ("Claire", "高橋"): resolving a name to a member is the caller's job, since only the
 * application knows the directory.
 */
import { ADDRESS_SOURCE } from './address-pattern.ts';
import type { DueMention } from './due.ts';
import type { ReplyIntent } from './intent.ts';
import { type IntentModel, replyFeatures, voteIntent } from './intent-model.ts';
import { LEXICONS, lexiconSource } from './lexicon/index.ts';
import type { IntentWords, VerbFinalWords, Words } from './lexicon/types.ts';

export type { ReplyIntent } from './intent.ts';

export interface TextSpan {
  start: number;
  end: number;
  text: string;
}

export interface Classification {
  intent: ReplyIntent;
  /** The rule that decided, e.g. 'commit:verb+time', 'reassign:address', 'vague:ack'. */
  rule: string;
  /** commit/done: the sentence with the first promised (or completed) step, without a leading greeting. */
  action: TextSpan | null;
  /** commit: the time expression of the first promised step, when one is written. */
  due: DueMention | null;
  reassignTo: string | null;
  /** decline: the reason given, else the declining sentence. */
  reason: string | null;
  /** The text the rules read: greeting lines, sign-offs and mobile signatures removed. */
  text: string;
}

export interface ClassifyOptions {
  /** Time expressions in a piece of text, offsets relative to that piece (see due.ts). */
  times: (text: string) => DueMention[];
  /**
   * Consulted when no rule finds a step, refusal, request or completion (see intent-model.ts); null: the
   * rules only.
   */
  model: IntentModel | null;
}

// Below this posterior probability the words model leaves the rules' "vague" standing.
const MODEL_CONFIDENCE = 0.7;

// Longest text the rules read; a reply's new text is a few lines, and the first promise counts.
const MAX_TEXT = 16 * 1024;
const MAX_SENTENCES = 40;
const MAX_PROMISES = 8;

const W = '\\p{L}\\p{N}';
// Unicode-aware word edges (`\b` is ASCII-only: it splits "às", "für", "llamé").
const B = `(?<![${W}])`;
const E = `(?![${W}])`;

// Swedish greets and signs off in replies Baton meets, though it reads no Swedish intent.
const SWEDISH: IntentWords = {
  greetings: ['hej'],
  signOffs: ['hälsningar', 'mvh'],
  mobileSignatures: ['skickat från min {device}'],
};
const LANGUAGES: readonly IntentWords[] = [...LEXICONS.map((l) => l.intent), SWEDISH];

type Pick = (language: IntentWords) => Words | undefined;

// The device a mobile signature names ("Sent from my {device}").
const DEVICE = '[\\p{L}\\p{N} ]{2,30}';

/** Every language's words of one kind as RegExp sources, in the order of the lexicons. */
function listed(pick: Pick, languages = LANGUAGES): string[] {
  return languages.flatMap((l) => (pick(l) ?? []).map((w) => lexiconSource(w, {}, { device: DEVICE })));
}

/** Any word of one kind, whatever the language. */
const anyOf = (pick: Pick): string => listed(pick).join('|');

const SPACED = LANGUAGES.filter((l) => !l.unspaced);
const UNSPACED = LANGUAGES.filter((l) => l.unspaced);

/** Any word of one kind between word edges; words of languages written without spaces as written. */
function edged(pick: Pick): string {
  const spaced = listed(pick, SPACED);
  const bounded = spaced.length > 0 ? [`${B}(?:${spaced.join('|')})${E}`] : [];
  return [...bounded, ...listed(pick, UNSPACED)].join('|');
}

const words = (pick: Pick, flags = 'iu'): RegExp => new RegExp(edged(pick), flags);

// ---------------------------------------------------------------- preparation

// A greeting word and up to three names: "Hi Dana,", "Sehr geehrte Frau Weber".
const GREETING_WORD = `(?:${anyOf((w) => w.greetings)}|${anyOf((w) => w.greetingLines)})${E}`;
const GREETING = `${GREETING_WORD}(?:\\s+[\\p{L}][\\p{L}'’.-]*){0,3}`;
const GREETING_LINE = new RegExp(
  `^\\s*(?:${GREETING}\\s*[,!:—–-]?|${anyOf((w) => w.greetingLinePatterns)})\\s*$`,
  'iu',
);
const INLINE_GREETING = new RegExp(
  `^(?:${anyOf((w) => w.greetings)})${E}(?:\\s+[\\p{L}][\\p{L}'’-]*){0,2}?\\s*[,!:—–-]+\\s*`,
  'iu',
);
const SIGN_OFF = new RegExp(`^\\s*(?:${anyOf((w) => w.signOffs)})[\\s,.!。]*$`, 'iu');
const MOBILE_SIGNATURE = new RegExp(`^\\s*(?:${anyOf((w) => w.mobileSignatures)})\\s*$`, 'iu');
// A name on its own line after the text: "Sam", "— Jonas", "佐藤", "mevr. drs. Ilse Mulder", "dott.ssa Rita Neri".
const NAME_LINE =
  /^\s*[-–—]?\s*(?:(?:\p{Ll}{1,5}\.(?:\p{Ll}{1,4})?\s+){0,3}[\p{Lu}][\p{L}'’.-]*(?:\s+[\p{Lu}][\p{L}'’.-]*){0,2}|[\p{Script=Han}\p{Script=Katakana}ー]{1,6})\s*$/u;

/** The reply text without greeting lines, sign-offs, mobile signatures and a trailing name. */
export function cleanReplyText(text: string): string {
  const lines = text.slice(0, MAX_TEXT).replace(/\r\n?/g, '\n').replace(/[’‘]/g, "'").split('\n');
  let first = 0;
  let last = lines.length - 1;
  const blank = (i: number) => lines[i]!.trim() === '';
  while (first <= last && blank(first)) first += 1;
  while (last >= first && blank(last)) last -= 1;
  while (first < last && GREETING_LINE.test(lines[first]!)) {
    first += 1;
    while (first <= last && blank(first)) first += 1;
  }
  for (let i = last; i > first; i -= 1) {
    if (MOBILE_SIGNATURE.test(lines[i]!)) last = i - 1;
  }
  while (last >= first && blank(last)) last -= 1;
  // A sign-off ends the text when only a name (or nothing) follows it.
  for (let i = Math.max(first + 1, last - 3); i <= last; i += 1) {
    if (!SIGN_OFF.test(lines[i]!)) continue;
    const rest = lines.slice(i + 1, last + 1).filter((l) => l.trim() !== '');
    if (rest.every((l) => NAME_LINE.test(l) && l.trim().length <= 40)) {
      last = i - 1;
      break;
    }
  }
  while (last >= first && blank(last)) last -= 1;
  if (last > first && NAME_LINE.test(lines[last]!) && lines[last]!.trim().length <= 30 && blank(last - 1)) {
    last -= 1;
    while (last >= first && blank(last)) last -= 1;
  }
  return lines
    .slice(first, last + 1)
    .join('\n')
    .trim();
}

// ---------------------------------------------------------------- sentences and clauses

interface Sentence extends TextSpan {
  clauses: Clause[];
}

interface Clause extends TextSpan {
  question: boolean;
  negated: boolean;
}

// Sentence ends: .!? followed by space and not after a lone number ("7. Dezember", "10.04.") or an
// abbreviation; 。！？; an emoji before a capital ("… lundi de Pâques 😅 Elle attend"); line breaks.
const KANA = /[\p{Script=Hiragana}\p{Script=Katakana}]/u;
const SENTENCE_END =
  /[.!?…]+(?=\s|$)|[。！？]+|(?:\p{Extended_Pictographic}|\u{FE0F}|\u{200D}|\p{Emoji_Modifier})+(?=\s+\p{Lu})|\n+/gu;
const NO_SENTENCE_END = new RegExp(
  `(?:^|[\\s('’])(?:\\d{1,2}|[a-z]|${anyOf((w) => w.abbreviations)})$`,
  'iu',
);
// "am Di. um halb drei", "el mié. 3 de noviembre": a weekday abbreviation's period before a lower-case
// word or a number ends no sentence.
const WEEKDAY_ABBREVIATION = new RegExp(
  `(?:^|[\\s('’])(?:${[
    ...new Set(
      LEXICONS.flatMap((l) => Object.keys(l.due.weekdays ?? {}))
        .filter((name) => name.length <= 5)
        .map((name) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')),
    ),
  ].join('|')})$`,
  'iu',
);
const LOWER_OR_NUMBER_NEXT = /^\s+[\p{Ll}\p{N}]/u;
// Not the colon of a clock time ("a las 17:30 llamo") nor the comma of a decimal.
const CLAUSE_BREAK = `(?<!\\d)[,:]|[,:](?!\\d)|;|\\s[-–—]+\\s|${anyOf((w) => w.clauseBreaks)}`;
const CLAUSE_SPLIT = new RegExp(
  `\\s*(?:${CLAUSE_BREAK})\\s*|\\s+(?=(?:${anyOf((w) => w.contrasts)})${E})`,
  'giu',
);
const NEGATION = words((w) => w.negations);
// A question without a question mark: "sai se hanno un budget", "weet je of ze al klant zijn".
const QUESTION_WORDS = anyOf((w) => w.questions);
const QUESTION_START = QUESTION_WORDS ? new RegExp(`^(?:${QUESTION_WORDS})${E}`, 'iu') : null;

function splitSentences(text: string): Sentence[] {
  const sentences: Sentence[] = [];
  let start = 0;
  const push = (end: number) => {
    const raw = text.slice(start, end);
    const lead = raw.length - raw.trimStart().length;
    const body = raw.trim();
    if (body) sentences.push(makeSentence(start + lead, body));
  };
  for (const match of text.matchAll(SENTENCE_END)) {
    const end = match.index + match[0].length;
    if (
      match[0].startsWith('.') &&
      match[0].length === 1 &&
      (NO_SENTENCE_END.test(text.slice(Math.max(0, match.index - 6), match.index)) ||
        (WEEKDAY_ABBREVIATION.test(text.slice(Math.max(0, match.index - 6), match.index)) &&
          LOWER_OR_NUMBER_NEXT.test(text.slice(end, end + 3))))
    ) {
      continue;
    }
    push(end);
    start = end;
    if (sentences.length >= MAX_SENTENCES) return sentences;
  }
  push(text.length);
  return sentences;
}

function makeSentence(offset: number, text: string): Sentence {
  const clauses: Clause[] = [];
  let start = 0;
  const add = (end: number) => {
    const raw = text.slice(start, end);
    const body = raw.trim();
    if (!body) return;
    const lead = raw.length - raw.trimStart().length;
    clauses.push({
      start: offset + start + lead,
      end: offset + start + lead + body.length,
      text: body,
      question: false,
      negated: false,
    });
  };
  for (const match of text.matchAll(CLAUSE_SPLIT)) {
    add(match.index);
    start = match.index + match[0].length;
  }
  add(text.length);
  const questionMark = /[?？]\s*$/u.test(text);
  clauses.forEach((clause, i) => {
    clause.question =
      (questionMark && i === clauses.length - 1) ||
      /^[¿]/u.test(clause.text) ||
      QUESTION_START?.test(clause.text) === true;
    clause.negated = NEGATION.test(clause.text);
  });
  return { start: offset, end: offset + text.length, text, clauses };
}

// ---------------------------------------------------------------- rule tables

// Words after a verb that are no object: "I'll call back later", "Ich melde mich bei dir".
const FILLER = words((w) => w.fillers, 'giu');

// Where a condition starts ("… once she accepts", "… wenn er zurückruft"), the step's object has ended.
const SUBORDINATE = words((w) => w.conditions);

function hasObject(after: string): boolean {
  const stop = SUBORDINATE.exec(after);
  const rest = (stop ? after.slice(0, stop.index) : after)
    .replace(FILLER, ' ')
    .replace(/[^\p{L}\p{N}@]+/gu, ' ')
    .trim();
  return /[\p{L}\p{N}]{2,}|[\p{Script=Han}\p{Script=Katakana}]/u.test(rest);
}

/** One language's pattern, compiled. */
function compile(
  language: IntentWords,
  pattern: string,
  flags = 'iu',
  slots: Record<string, string> = {},
): RegExp {
  return new RegExp(lexiconSource(pattern, language.lists, slots), flags);
}

interface PromiseMatch {
  index: number;
  end: number;
  concrete: boolean;
}

type PromiseMatcher = (clause: string) => PromiseMatch | null;

function matcher(pattern: RegExp, concrete: boolean): PromiseMatcher {
  return (clause) => {
    const m = pattern.exec(clause);
    return m ? { index: m.index, end: m.index + m[0].length, concrete } : null;
  };
}

// A verb-final language promises with a non-past verb ending ("電話します"); the step is the concrete word
// before it, if any.
function verbFinalMatcher(verbFinal: VerbFinalWords): PromiseMatcher {
  const ending = new RegExp(lexiconSource(verbFinal.promise), 'u');
  const past = new RegExp(lexiconSource(verbFinal.past), 'u');
  const state = new RegExp(lexiconSource(verbFinal.state), 'u');
  const concreteStep = new RegExp(`(?:${verbFinal.concrete.join('|')})`, 'u');
  return (clause) => {
    const end = ending.exec(clause);
    if (!end || past.test(clause.slice(Math.max(0, end.index - 1), end.index + 3))) return null;
    if (state.test(clause.slice(0, end.index))) return null;
    const concrete = concreteStep.exec(clause);
    if (concrete) return { index: concrete.index, end: end.index + end[0].length, concrete: true };
    return { index: 0, end: end.index + end[0].length, concrete: false };
  };
}

// Concrete promises first, then the verb-final endings, then promises without a step: the first match
// wins only among equals (see firstPromise).
const PROMISES: PromiseMatcher[] = [
  ...LANGUAGES.flatMap((l) => (l.promises ?? []).map((p) => matcher(compile(l, p), true))),
  ...LANGUAGES.flatMap((l) => (l.verbFinal ? [verbFinalMatcher(l.verbFinal)] : [])),
  ...LANGUAGES.flatMap((l) => (l.vaguePromises ?? []).map((p) => matcher(compile(l, p), false))),
];

const DONE: RegExp[] = LANGUAGES.flatMap((l) => (l.done ?? []).map((p) => compile(l, p)));
// JavaScript's own ASCII `\b` here: beside kana ("まだ") it never finds an edge.
const NOT_YET = new RegExp(`\\b(?:${anyOf((w) => w.notYet)})\\b`, 'iu');

const SOMEONE_ELSE = words((w) => w.someoneElse);

// A decline rule; `inQuestion: false` leaves a sentence asked as a question alone ("weiß Jane schon, dass
// jemand anderes als du sich meldet?" asks, it does not refuse).
const DECLINE: { pattern: RegExp; inQuestion: boolean }[] = [
  // "conflict of interest", "sorry, aber das geht nicht".
  words((w) => w.firmRefusals),
  // "can't give this the attention it deserves", "no le daría la atención que merece".
  new RegExp(
    `${B}(?:${anyOf((w) => w.cannot)})${E}[^.!?]{0,60}?${B}(?:${anyOf((w) => w.attention)})${E}`,
    'iu',
  ),
  // "I'd love to but …", "würde gerne, aber …".
  words((w) => w.wouldLoveTo),
  // "Can someone else take it?", "jemand anderes", "他の担当".
  SOMEONE_ELSE,
  ...LANGUAGES.flatMap((l) => (l.declines ?? []).map((alternatives) => compile(l, alternatives.join('|')))),
].map((pattern) => ({ pattern, inQuestion: pattern !== SOMEONE_ELSE }));

// "I think Laura is better placed for this one": a refusal when the reply promises nothing (with her
// address, a reassign: see findReassign).
const BETTER_PLACED: RegExp[] = LANGUAGES.flatMap((l) => (l.betterPlaced ?? []).map((p) => compile(l, p)));
// "Marcus owns that account, looping him in", "betreut Katrin … in CC": handed on to the one address given.
const HANDS_OVER: RegExp[] = LANGUAGES.flatMap((l) => (l.handsOver ?? []).map((p) => compile(l, p)));
const FORWARDS_MAIL: RegExp[] = LANGUAGES.flatMap((l) => (l.forwardsMail ?? []).map((p) => compile(l, p)));
// "sono sommerso questa settimana": a refusal only when the reply promises nothing.
const BUSY: RegExp[] = LANGUAGES.flatMap((l) => (l.busy ?? []).map((p) => compile(l, p)));
// "sono in ferie fino al 20": a refusal only when the reply promises no concrete step.
const AWAY = LANGUAGES.flatMap((l) =>
  (l.away ?? []).map((p) => ({ pattern: compile(l, p), inQuestion: false })),
);
// Refusals that a promise in the same reply takes back.
const UNLESS_PROMISED = [...BETTER_PLACED, ...BUSY].map((pattern) => ({ pattern, inQuestion: true }));
// "dès que j'ai un moment", "later in the week": no moment at all.
const VAGUE_TIME = words((w) => w.vagueTimes);

const ACK = new RegExp(`^(?:${anyOf((w) => w.acknowledgments)})`, 'iu');

const EMAIL = new RegExp(ADDRESS_SOURCE, 'u');
const EMAIL_ALL = new RegExp(ADDRESS_SOURCE, 'gu');
// "my colleague Tom", "den Kollegen Müller", "mon collègue Paul": words before a colleague's name.
const DETERMINER = `(?:${anyOf((w) => w.colleagueDeterminers)})\\s+`;
const COLLEAGUE_WORD = `(?:${DETERMINER})?(?:${anyOf((w) => w.colleagues)})`;
// A name in letters is a word or two; in kanji or katakana, up to eight characters.
const NAME = `(?<![\\p{L}'.-])[\\p{L}][\\p{L}'.-]{0,40}(?:\\s+[\\p{L}][\\p{L}'.-]{0,40})?`;
const TARGETS = {
  colleague: `(?:${COLLEAGUE_WORD}\\s+)?`,
  target: `(?<target>${ADDRESS_SOURCE}|${NAME})`,
  kanjiTarget: `(?<target>${ADDRESS_SOURCE}|[\\p{Script=Han}\\p{Script=Katakana}ー]{1,8})`,
};
const NOT_A_NAME = words((w) => w.notNames);

interface Reassign {
  pattern: RegExp;
  /** After "I" or "I'll" ("I'll forward the deck to their CFO") the verb is a commitment, not a reassign. */
  requestOnly: boolean;
  /** A suggestion asked of the giver: a reassign only with an address (see ReassignPattern). */
  suggestion: boolean;
}

const REASSIGN: Reassign[] = LANGUAGES.flatMap((l) =>
  (l.reassigns ?? []).map((r) => ({
    pattern: compile(l, r.pattern, r.caseSensitive ? 'u' : 'iu', TARGETS),
    requestOnly: r.requestOnly === true,
    suggestion: r.suggestion === true,
  })),
);

// The writer, two words or fewer before the verb; an elided pronoun ("j'") runs into the next word.
const FIRST_PERSON_BEFORE = new RegExp(
  `${B}(?:${anyOf((w) => w.firstPerson)})(?:${E}|(?<='))\\s*(?:\\S+\\s+){0,2}$`,
  'iu',
);
const APOLOGY = words((w) => w.apologies);

// ---------------------------------------------------------------- the rules

function findReassign(sentences: Sentence[]): { target: string; rule: string } | null {
  for (const sentence of sentences) {
    for (const { pattern, requestOnly, suggestion } of REASSIGN) {
      const match = pattern.exec(sentence.text);
      if (!match?.groups?.target) continue;
      const before = sentence.text.slice(0, match.index);
      if (requestOnly && FIRST_PERSON_BEFORE.test(before)) continue;
      if (suggestion && !EMAIL.test(match.groups.target) && !readName(match.groups.target)) continue;
      // The address may sit in the next sentence ("Can you give it to Diego? diego@…").
      const email =
        EMAIL.exec(sentence.text)?.[0] ??
        addressFor(match.groups.target, sentences) ??
        onlyAddress(sentences);
      if (email) return { target: email.toLowerCase(), rule: 'reassign:address' };
      // "Could Jonas take this?" without his address asks; see suggestsColleague.
      if (suggestion) continue;
      // "I'll put a deck together and send it to Luis": a step of mine, not a request to move the handoff.
      if (firstPromise(before)?.concrete) continue;
      const name = readName(match.groups.target);
      if (name) return { target: name, rule: 'reassign:name' };
    }
  }
  // "I think Laura is better placed for this one — laura@…": her address makes it a reassign.
  const address = onlyAddress(sentences);
  if (address && sentences.some((s) => BETTER_PLACED.some((p) => p.test(s.text)))) {
    return { target: address, rule: 'reassign:address' };
  }
  // "Katrin Vogel (katrin.vogel@…) betreut Hansa seit dem Frühjahr, ich habe sie in CC gesetzt": the lead
  // handed on, unless the writer also promises a step ("I'll call them at 3, cc'ing anna@…") other than
  // forwarding the mail to her ("Le giro la mail").
  if (
    address &&
    sentences.some((s) => HANDS_OVER.some((p) => p.test(s.text))) &&
    !sentences.some((s) => firstPromise(s.text)?.concrete && !FORWARDS_MAIL.some((p) => p.test(s.text)))
  ) {
    return { target: address, rule: 'reassign:handed-over' };
  }
  return null;
}

/** A colleague suggested by name in a question to the giver ("Vielleicht kann Jonas übernehmen?"). */
function suggestsColleague(sentences: Sentence[]): boolean {
  return sentences.some((sentence) =>
    REASSIGN.some(({ pattern, suggestion }) => {
      if (!suggestion) return false;
      const target = pattern.exec(sentence.text)?.groups?.target;
      return target !== undefined && readName(target) !== null;
    }),
  );
}

/** The one address a reply names, when it names exactly one ("岡田さん … okada.k@… に振り直して"). */
function onlyAddress(sentences: Sentence[]): string | null {
  const found = new Set<string>();
  for (const sentence of sentences) {
    for (const m of sentence.text.matchAll(EMAIL_ALL)) found.add(m[0].toLowerCase());
  }
  return found.size === 1 ? [...found][0]! : null;
}

/** An address elsewhere in the reply whose local part starts with the name given ("Inès" → ines@…). */
function addressFor(name: string, sentences: Sentence[]): string | null {
  const fold = (t: string) => t.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  const first = fold(name.split(/\s+/)[0] ?? '');
  if (!first) return null;
  for (const sentence of sentences) {
    const email = EMAIL.exec(sentence.text)?.[0];
    if (email && fold(email).startsWith(first)) return email;
  }
  return null;
}

function readName(raw: string): string | null {
  if (/[\p{Script=Han}\p{Script=Katakana}]/u.test(raw)) return raw;
  const parts = raw.split(/\s+/).filter((p) => /^\p{Lu}/u.test(p));
  const first = raw.split(/\s+/)[0] ?? '';
  if (!/^\p{Lu}/u.test(first) || NOT_A_NAME.test(first)) return null;
  const name = raw.split(/\s+/).length > 1 && parts.length === 2 ? parts.join(' ') : first;
  return name.replace(/[.'-]+$/u, '');
}

// The period after a title or an abbreviation ("der Fr. Dr. Keller", "ca."), which patterns that do not
// cross a sentence's end would stop at; a space in its place keeps every offset.
const ABBREVIATION_DOT = new RegExp(`((?:^|[\\s('’])(?:${anyOf((w) => w.abbreviations)}))\\.`, 'giu');
const withoutAbbreviationDots = (text: string) => text.replace(ABBREVIATION_DOT, '$1 ');

function findDecline(sentences: Sentence[]): { reason: string } | null {
  // Being busy or naming someone better placed refuses only in a reply that promises nothing ("ci guardo
  // appena ho un attimo, sono sommerso"; "Laura knows them better, but I'll call them tomorrow").
  const promised = sentences.flatMap((s) =>
    s.clauses.filter((c) => !c.question).map((c) => promiseIn(c.text)),
  );
  const rules = [
    ...DECLINE,
    ...(promised.some((p) => p) ? [] : UNLESS_PROMISED),
    // Away, but "quindi chiamo il dott. Bianchi lunedì": the step is promised.
    ...(promised.some((p) => p?.concrete) ? [] : AWAY),
  ];
  for (let s = 0; s < sentences.length; s += 1) {
    const sentence = sentences[s]!;
    if (sentence.clauses.every((c) => c.question)) continue;
    const asked = sentence.clauses.some((c) => c.question);
    const text = withoutAbbreviationDots(sentence.text);
    const hit = rules
      .filter((r) => r.inQuestion || !asked)
      .map((r) => r.pattern.exec(text))
      .find((m) => m);
    if (!hit) continue;
    return { reason: declineReason(sentence, hit, sentences[s + 1]) };
  }
  return null;
}

// "leider passt das gerade nicht … Vielleicht kann Jonas übernehmen?": a refusal beside a colleague
// suggested without an address declines; the refusing statement is the reason.
function findSuggestedDecline(sentences: Sentence[]): { reason: string } | null {
  if (!suggestsColleague(sentences)) return null;
  const refusing = sentences.find((s) => s.clauses.some((c) => c.negated && !c.question));
  return refusing ? { reason: strip(refusing.text).replace(/[.!。]+$/u, '') } : null;
}

// The other clauses of the declining sentence, else the next sentence, else the sentence itself.
// Conjunctions and subject pronouns that tie a reason to the refusal after it.
const TRAILING_LINK = new RegExp(`(?:\\s*${B}(?:${anyOf((w) => w.reasonLinks)})${E})+[\\s,]*$`, 'iu');

const strip = (t: string) =>
  t
    .replace(APOLOGY, ' ')
    .replace(/\s{2,}/g, ' ')
    .replace(/^[\s,.;:!、。-]+|[\s,;:!、-]+$/gu, '')
    .trim();

function declineReason(sentence: Sentence, hit: RegExpExecArray, next: Sentence | undefined): string {
  const hitStart = sentence.start + hit.index;
  const hitEnd = hitStart + hit[0].length;
  const others = sentence.clauses
    .filter((c) => c.end <= hitStart || c.start >= hitEnd)
    .map((c) => strip(c.text))
    .filter((t) => /[\p{L}\p{N}]{2,}/u.test(t));
  if (others.length > 0) return others.join(', ').replace(/[.!。]+$/u, '');
  // A reason may come before the refusal in the same clause: "来週から育休に入るため対応できません",
  // "Ich bin die ganze Woche auf einer Messe und kann das nicht übernehmen".
  const before = strip(sentence.text.slice(0, hit.index).replace(TRAILING_LINK, ''));
  if (
    /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]{2,}|[\p{L}\p{N}]+\s+[\p{L}\p{N}]+/u.test(before)
  )
    return before;
  if (next && !next.clauses.every((c) => c.question)) {
    const text = strip(next.text);
    if (/[\p{L}\p{N}]{3,}/u.test(text)) return text.replace(/[.!。]+$/u, '');
  }
  return strip(sentence.text).replace(/[.!。]+$/u, '');
}

interface Commit {
  sentence: Sentence;
  clause: Clause;
  promise: PromiseMatch;
  due: DueMention | null;
  rule: string;
}

type TimesIn = (sentence: TextSpan) => DueMention[];

const CONDITION_BEFORE = new RegExp(`${edged((w) => w.conditionsBefore)}\\s*$`, 'iu');

/** A period without a moment ("this week", "soon"), and no clock time beside it, is all the time given. */
function onlyVagueTime(text: string, mentions: readonly DueMention[]): boolean {
  return VAGUE_TIME.test(text) && !mentions.some((m) => m.rule === 'clock');
}

const THEN_FIRST = new RegExp(`^\\s*(?:${edged((w) => w.thenWords)})`, 'iu');

function findCommit(
  sentences: Sentence[],
  timesIn: TimesIn,
): { commit: Commit | null; vaguePromise: boolean; vagueTime: boolean } {
  let vaguePromise = false;
  let vagueTime = false;
  let candidates = 0;
  for (let s = 0; s < sentences.length; s += 1) {
    const sentence = sentences[s]!;
    for (const clause of sentence.clauses) {
      if (clause.question) continue;
      const promise = promiseIn(clause.text);
      // "Before I reach out, do they …?", "Avant que je le contacte : …": a condition, not a promise.
      if (!promise || CONDITION_BEFORE.test(clause.text.slice(0, promise.index))) continue;
      // "Haben wir eine Durchwahl? Dann rufe ich sie direkt an.": a step that waits for the answer.
      if (s > 0 && sentences[s - 1]!.clauses.some((c) => c.question) && THEN_FIRST.test(sentence.text))
        continue;
      // The first promise counts: a reply that makes a dozen without a step makes none.
      if (++candidates > MAX_PROMISES) return { commit: null, vaguePromise: true, vagueTime };
      const mentions = timesIn(sentence);
      // Only a concrete step may take its time from the next sentences ("I'll call them. Tomorrow at 10
      // works."); a bare "Happy to take it." must not borrow the time of the sentence after it.
      const following = promise.concrete ? sentences.slice(s + 1, s + 3) : [];
      // "Will circle back on this later in the week": a promise without a step and a time without a moment
      // (a clock time beside the period still counts: "連休明けの5月6日14時"). The sentence, as the times are:
      // "vejo isso mais tarde" is cut into clauses at French "mais".
      if (!promise.concrete && onlyVagueTime(sentence.text, mentions)) {
        vaguePromise = true;
        vagueTime = true;
        continue;
      }
      const due = chooseDue(sentence, clause, mentions, following, timesIn);
      // Japanese puts the object before the verb ("鈴木様にお送りします").
      const objectText = KANA.test(clause.text)
        ? clause.text.slice(0, promise.index)
        : clause.text.slice(promise.end);
      const object = promise.concrete && hasObject(objectText);
      if (promise.concrete && due)
        return {
          commit: { sentence, clause, promise, due, rule: 'commit:verb+time' },
          vaguePromise,
          vagueTime,
        };
      if (object)
        return {
          commit: { sentence, clause, promise, due: null, rule: 'commit:verb+object' },
          vaguePromise,
          vagueTime,
        };
      if (due && !clause.negated)
        return {
          commit: { sentence, clause, promise, due, rule: 'commit:promise+time' },
          vaguePromise,
          vagueTime,
        };
      vaguePromise = true;
    }
  }
  return { commit: null, vaguePromise, vagueTime };
}

// Time expressions of a sentence, offsets in the whole text; each sentence is parsed once.
function memoTimes(options: ClassifyOptions): TimesIn {
  // By offset and text: a day and a clock time read together start where the day does.
  const seen = new Map<string, DueMention[]>();
  return (sentence) => {
    const key = `${sentence.start}\u0000${sentence.text}`;
    let found = seen.get(key);
    if (!found) {
      found = options.times(sentence.text).map((m) => ({ ...m, index: m.index + sentence.start }));
      seen.set(key, found);
    }
    return found;
  };
}

/** The first promise of a clause that is no busy phrase ("esta semana voy a tope" promises nothing). */
function promiseIn(clause: string): PromiseMatch | null {
  const promise = firstPromise(clause);
  if (!promise) return null;
  const busy = BUSY.some((p) => {
    const m = p.exec(clause);
    return m !== null && m.index <= promise.index && promise.index < m.index + m[0].length;
  });
  return busy ? null : promise;
}

function firstPromise(clause: string): PromiseMatch | null {
  let best: PromiseMatch | null = null;
  for (const match of PROMISES) {
    const found = match(clause);
    if (!found) continue;
    if (
      !best ||
      (found.concrete && !best.concrete) ||
      (found.concrete === best.concrete && found.index < best.index)
    ) {
      best = found;
    }
  }
  return best;
}

// "domani è festa, quindi …", "Demain c'est la Toussaint", "19日は海の日でお休みなので": a day described,
// up to the end of its clause, that promises no step.
const DAY_COPULA = new RegExp(
  `^\\s*(?:${[`${B}(?:${listed((w) => w.dayCopulas, SPACED).join('|')})${E}`, ...listed((w) => w.dayCopulas, UNSPACED)].join('|')})`,
  'iu',
);
const DAY_CLAUSE_END = new RegExp(
  `[,.;:!?。、\\n(]|${B}(?:${anyOf((w) => w.reasonLinks)})${E}|なので|ので`,
  'iu',
);

/**
 * Where the description of a day ends ("domani è festa", "Demain c'est la Toussaint"), as an offset in
 * the text, or null when the mention is no described day. The date restated in brackets right after it
 * ("domani è festa (2 giugno)") belongs to the description.
 */
function describedDayEnd(sentence: TextSpan, mention: DueMention): number | null {
  const from = mention.index - sentence.start + mention.text.length;
  const after = sentence.text.slice(from);
  const copula = DAY_COPULA.exec(after);
  if (!copula) return null;
  const rest = after.slice(copula[0].length);
  const end = DAY_CLAUSE_END.exec(rest);
  const length = copula[0].length + (end ? end.index : rest.length);
  if (promiseIn(after.slice(0, length)) !== null) return null;
  const bracket = /^\s*\([^)]{0,40}\)/u.exec(after.slice(length));
  return sentence.start + from + length + (bracket ? bracket[0].length : 0);
}

/** The mentions that are not part of a described day: the day itself, a holiday named, a restated date. */
function undescribed(sentence: TextSpan, mentions: readonly DueMention[]): DueMention[] {
  const spans = mentions.flatMap((m) => {
    const end = describedDayEnd(sentence, m);
    return end === null ? [] : [{ start: m.index, end }];
  });
  return mentions.filter((m) => !spans.some((span) => m.index >= span.start && m.index < span.end));
}

const SAME_DAY_MS = 12 * 3_600_000;

// "hasta las 16:00", "until 11", "bis 12": the end of something else the writer is doing.
const UNTIL_WORDS = LEXICONS.flatMap((l) => l.autoReply.untilBefore ?? []).map((w) => lexiconSource(w));
const UNTIL_BEFORE = new RegExp(`${B}(?:${UNTIL_WORDS.join('|')})\\s*$`, 'iu');
const UNTIL_START = new RegExp(`^(?:${UNTIL_WORDS.join('|')})${E}`, 'iu');

/** "Tengo comité hasta las 16:00, pero a las 17:30 llamo": a time that ends another activity. */
function endsAnotherActivity(sentence: TextSpan, mention: DueMention): boolean {
  // "Até o fim do dia mando o orçamento": before a day's end the word is a deadline, not an end.
  if (mention.rule !== 'clock') return false;
  const before = sentence.text.slice(
    Math.max(0, mention.index - sentence.start - 24),
    mention.index - sentence.start,
  );
  return UNTIL_BEFORE.test(before) || UNTIL_START.test(mention.text);
}

// ", spätestens 16 Uhr", ", at the latest by 4": a clause that only times the step before it.
const TIME_ONLY_BEFORE = /^[\s,;:–—-]*(?:[\p{L}'’]+\s+){0,3}$/u;
const TIME_ONLY_AFTER = /^[\s)]*(?:[,.;:!?。、\n]|$)/u;

/** Whether `clock`, after `clause`, stands in a clause of its own that names nothing but the time. */
function timesOnly(sentence: TextSpan, clause: TextSpan, clock: DueMention): boolean {
  const before = sentence.text.slice(clause.end - sentence.start, clock.index - sentence.start);
  const after = sentence.text.slice(clock.index - sentence.start + clock.text.length);
  return TIME_ONLY_BEFORE.test(before) && TIME_ONLY_AFTER.test(after) && promiseIn(before) === null;
}

/**
 * "Lunedì richiamo la dott.ssa Ferri alle 10": a day and, later in the clause (or in a clause that times
 * it: ", spätestens 16 Uhr"), a clock time with no day of its own are one moment; read together, so the
 * zone and the day's offset are the reader's.
 */
function withClockOf(
  day: DueMention,
  mentions: readonly DueMention[],
  sentence: TextSpan,
  clause: TextSpan,
  timesIn: TimesIn,
) {
  if (day.rule !== 'date' && day.rule !== 'end-of-day') return day;
  const clock = mentions.find(
    (m) =>
      m.rule === 'clock' && m.index > day.index && (m.index < clause.end || timesOnly(sentence, clause, m)),
  );
  if (!clock) return day;
  const text = `${day.text} ${clock.text}`;
  const together = timesIn({ start: day.index, end: day.index + text.length, text });
  const moment = together.length === 1 && together[0]!.rule === 'clock' ? together[0]! : null;
  if (moment) return { ...moment, index: day.index, text };
  // "Mañana martes a las 9 y media": the clock time already names the day (its own reading is within
  // hours of the day's end, not on another day).
  return Math.abs(day.due.getTime() - clock.due.getTime()) < SAME_DAY_MS
    ? { ...clock, index: day.index }
    : day;
}

/** Whether the clause a mention is in neither negates nor asks ("Can't do today, but …"). */
function openClause(sentence: Sentence, mention: DueMention): boolean {
  const home = sentence.clauses.find((c) => mention.index >= c.start && mention.index < c.end);
  return !home?.negated && !home?.question;
}

/** Whether the clause a mention is in reports a step done ("I called her this morning"). */
function inDoneClause(sentence: Sentence, mention: DueMention): boolean {
  const home = sentence.clauses.find((c) => mention.index >= c.start && mention.index < c.end);
  const text = home ? withoutAbbreviationDots(home.text) : '';
  return DONE.some((p) => p.test(text));
}

// The time of the promised step: in the promise's clause first, then later in its sentence, then earlier in
// it (skipping negated clauses: "Can't do today, but I'll call Thursday"), then the next two sentences.
function chooseDue(
  sentence: Sentence,
  clause: Clause,
  mentions: DueMention[],
  following: Sentence[],
  timesIn: TimesIn,
): DueMention | null {
  mentions = undescribed(sentence, mentions);
  const clauseMentions = mentions.filter((m) => m.index >= clause.start && m.index < clause.end);
  const inClause = clauseMentions.find((m) => !endsAnotherActivity(sentence, m)) ?? clauseMentions[0];
  if (inClause?.rule === 'clock' && !inClause.dated) {
    // "Bis 10 Uhr habe ich morgen das Weekly, danach rufe ich … um Viertel nach zehn an": the day
    // named earlier in the sentence is the clock time's.
    const day = mentions.findLast(
      (m) => m.rule === 'date' && m.index < clause.start && openClause(sentence, m),
    );
    if (day) {
      const span = { start: day.index, end: clause.end, text: '' };
      return withClockOf(day, [inClause], sentence, span, timesIn);
    }
  }
  if (inClause) return withClockOf(inClause, mentions, sentence, clause, timesIn);
  const after = mentions.find((m) => m.index >= clause.end);
  if (after) return after;
  // Not the time of a step already done: "Je l'ai appelée ce matin …, je le prépare".
  const before = mentions.find(
    (m) => m.index < clause.start && openClause(sentence, m) && !inDoneClause(sentence, m),
  );
  if (before) return before;
  for (const next of following) {
    if (next.clauses.every((c) => c.question)) continue;
    if (DONE.some((p) => next.clauses.some((c) => p.test(c.text)))) continue;
    const found = undescribed(next, timesIn(next))[0];
    if (found) return found;
  }
  return null;
}

const SCHEDULED = words((w) => w.scheduled);

/** The clock time a scheduled step is set for, in its sentence. */
function scheduledTime(sentence: Sentence, timesIn: TimesIn): DueMention | null {
  const mentions = undescribed(sentence, timesIn(sentence));
  return mentions.find((m) => m.rule === 'clock') ?? null;
}

/** What the reply reports done is only the setting up ("Called them, demo booked for 2pm" reports a call). */
function onlyScheduled(sentences: Sentence[]): boolean {
  return sentences.every((s) =>
    s.clauses.every((c) => {
      const text = withoutAbbreviationDots(c.text);
      return !DONE.some((p) => p.test(text)) || SCHEDULED.test(text);
    }),
  );
}

function findDone(sentences: Sentence[]): Sentence | null {
  for (const sentence of sentences) {
    for (const clause of sentence.clauses) {
      if (clause.question) continue;
      const text = withoutAbbreviationDots(clause.text);
      if (DONE.some((p) => p.test(text)) && !NOT_YET.test(text)) {
        return sentence;
      }
    }
  }
  return null;
}

function span(text: string, sentence: Sentence): TextSpan {
  const trimmed = sentence.text.replace(INLINE_GREETING, '');
  const start = sentence.end - trimmed.length;
  return { start, end: sentence.end, text: text.slice(start, sentence.end) };
}

/**
 * Classifies the new text of a reply (already stripped of quoted history) into one intent, naming the
 * rule that decided. See the module comment for the order of the rules.
 */
export function classifyReply(text: string, options: ClassifyOptions): Classification {
  const clean = cleanReplyText(text);
  const base = { action: null, due: null, reassignTo: null, reason: null, text: clean };
  if (!/[\p{L}\p{N}\p{Extended_Pictographic}]/u.test(clean))
    return { ...base, intent: 'vague', rule: 'vague:empty' };
  const sentences = splitSentences(clean);

  const reassign = findReassign(sentences);
  if (reassign) return { ...base, intent: 'reassign', rule: reassign.rule, reassignTo: reassign.target };

  const decline = findDecline(sentences) ?? findSuggestedDecline(sentences);
  if (decline) return { ...base, intent: 'decline', rule: 'decline:refusal', reason: decline.reason };

  const timesIn = memoTimes(options);
  const { commit, vaguePromise, vagueTime } = findCommit(sentences, timesIn);
  if (commit)
    return {
      ...base,
      intent: 'commit',
      rule: commit.rule,
      action: span(clean, commit.sentence),
      due: commit.due,
    };

  const done = findDone(sentences);
  if (done) {
    // "Agendei visita à Metalúrgica para quinta às 14h30": the step itself set up for a time still ahead,
    // and nothing else done, promises that step.
    const setUp = SCHEDULED.test(done.text) && onlyScheduled(sentences) ? scheduledTime(done, timesIn) : null;
    if (setUp)
      return { ...base, intent: 'commit', rule: 'commit:scheduled', action: span(clean, done), due: setUp };
    return { ...base, intent: 'done', rule: 'done:completed', action: span(clean, done) };
  }

  // A bare acknowledgment ("かしこまりました。", "Got it, thanks!") is vague whatever its words resemble.
  // So is a promise whose only time names no moment ("vou dar uma olhada quando tiver um tempinho").
  const vote = () =>
    options.model && !acknowledgmentOnly(clean) && !vagueTime
      ? readByVote(clean, sentences, timesIn, options.model)
      : null;
  if (sentences.some((s) => s.clauses.some((c) => c.question))) {
    // "Could you pass this one to marta@…?" asks for a reassign (the vote counts only with an address);
    // any other question stays a question.
    const voted = EMAIL.test(clean) ? vote() : null;
    if (voted?.intent === 'reassign') return { ...base, ...voted };
    return { ...base, intent: 'question', rule: 'question:asked' };
  }
  const voted = vote();
  if (voted) return { ...base, ...voted };
  if (vaguePromise) return { ...base, intent: 'vague', rule: 'vague:promise-without-step' };
  const ack = ACK.test(clean) || EMOJI_ONLY.test(clean);
  return { ...base, intent: 'vague', rule: ack ? 'vague:ack' : 'vague:no-step' };
}

const EMOJI_ONLY = /^[\p{Extended_Pictographic}\s\p{P}]+$/u;

// A short yes: affirmations, maybe with acknowledgments ("Yes, thanks!", "Ja, genau", "はい、そうです"), and
// nothing else. The whole text must be such words: "Yes, but Friday" or "Not exactly" affirm nothing.
const AFFIRMATION_WORD = `(?:${anyOf((w) => w.affirmations)})`;
const AFFIRMATION_OR_ACK = `(?:${anyOf((w) => w.affirmations)}|${anyOf((w) => w.acknowledgments)})`;
// Spaces, punctuation and emoji between the words, but no question mark: "Correct?" asks.
const BETWEEN = '(?![?？¿])[\\s\\p{P}\\p{Extended_Pictographic}]';
const AFFIRMATION = new RegExp(
  `^${BETWEEN}*(?:${AFFIRMATION_OR_ACK}${BETWEEN}*){0,3}${AFFIRMATION_WORD}(?:${BETWEEN}*${AFFIRMATION_OR_ACK}){0,3}${BETWEEN}*$`,
  'iu',
);

/** Whether the new text of a reply is only a short yes (greetings, sign-offs and signatures aside). */
export function affirms(text: string): boolean {
  const clean = cleanReplyText(text);
  return clean.length <= 80 && AFFIRMATION.test(clean);
}

function acknowledgmentOnly(clean: string): boolean {
  const ack = ACK.exec(clean);
  if (!ack && !EMOJI_ONLY.test(clean)) return false;
  const rest = ack ? clean.slice(ack[0].length) : '';
  const words = rest.match(/[\p{L}\p{N}]+/gu) ?? [];
  const cjk = rest.match(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/gu) ?? [];
  return words.length <= 1 && cjk.length <= 3;
}

/** The words-model features of a reply's text, as classifyReply computes them (to train the model). */
export function intentFeatures(text: string, options: ClassifyOptions): string[] {
  const clean = cleanReplyText(text);
  return featuresOf(clean, splitSentences(clean), memoTimes(options));
}

function featuresOf(clean: string, sentences: Sentence[], timesIn: TimesIn): string[] {
  return replyFeatures(
    clean,
    sentences.some((s) => timesIn(s).length > 0),
  );
}

type Reading = Omit<Classification, 'text'>;

// The words model's reading of a reply no rule decided, with what each intent needs: a commitment's first
// stated time (outside questions and negated clauses), a reassign's address (without one the vote is
// ignored), a decline's reason.
function readByVote(
  clean: string,
  sentences: Sentence[],
  timesIn: TimesIn,
  model: IntentModel,
): Reading | null {
  const vote = voteIntent(model, featuresOf(clean, sentences, timesIn));
  if (vote.intent === 'vague' || vote.probability < MODEL_CONFIDENCE) return null;
  const rule = `model:${vote.intent}${vote.evidence.length ? ` (${vote.evidence.join(', ')})` : ''}`;
  const none = { action: null, due: null, reassignTo: null, reason: null };
  const statements = sentences.filter((s) => !s.clauses.every((c) => c.question));
  const first = statements[0] ?? sentences[0];
  switch (vote.intent) {
    case 'commit': {
      for (const sentence of statements) {
        // A described day ("mercoledì è l'Immacolata, quindi …") is no due, here as in chooseDue.
        // With the clock time written later in the sentence ("am Mittwoch … um 11:30 vor Ort").
        const mentions = undescribed(sentence, timesIn(sentence));
        const day = mentions.find((m) => openClause(sentence, m) && !inDoneClause(sentence, m));
        const due = day && withClockOf(day, mentions, sentence, sentence, timesIn);
        if (due) return { ...none, intent: 'commit', rule, action: span(clean, sentence), due };
      }
      return { ...none, intent: 'commit', rule, action: first ? span(clean, first) : null };
    }
    case 'reassign': {
      const address = EMAIL.exec(clean)?.[0];
      return address ? { ...none, intent: 'reassign', rule, reassignTo: address.toLowerCase() } : null;
    }
    case 'decline': {
      const reason = statements.map((s) => strip(s.text)).find((t) => /[\p{L}\p{N}]{2,}/u.test(t));
      return { ...none, intent: 'decline', rule, reason: reason?.replace(/[.!。]+$/u, '') ?? null };
    }
    case 'done':
      return { ...none, intent: 'done', rule, action: first ? span(clean, first) : null };
    default:
      return { ...none, intent: vote.intent, rule };
  }
}
