import { ADDRESS_SOURCE } from './address-pattern.ts';
import { HTML_CUE } from './html-cues.ts';
import { LEXICONS } from './lexicon/index.ts';
import { OTHER_LANGUAGES } from './lexicon/other-languages.ts';
import type { HeaderField, QuoteWords } from './lexicon/types.ts';

export type { HeaderField } from './lexicon/types.ts';

/** What is left of a reply once quoted history, signatures and disclaimers are removed. */
export interface StripResult {
  /** The new text the sender wrote, trimmed. */
  text: string;
  /** True when something (quote, signature, disclaimer) was removed. */
  stripped: boolean;
  /**
   * The sign-off block removed from under the new text (`-- ` signature, mobile footer, legal
   * disclaimer), or null.
   */
  signature: string | null;
  /**
   * True when the reply carried no words of its own and `text` is the material it quoted or forwarded
   * (an uncommented forward, a bare quote). Treat such text as context, never as the sender's answer.
   */
  quotedOnly: boolean;
}

// Only the head of a message is read: the new text of a reply sits at the top, and every rule stays linear.
const MAX_TEXT = 64 * 1024;
// Longer lines are prose or quoted data, never an attribution, header or signature line.
const MAX_MARKER_LINE = 400;

type LineKind =
  | 'empty'
  | 'text'
  | 'quote'
  | 'attribution'
  // An attribution only if a quote follows it ("Bob wrote:" alone is prose).
  | 'weak-attribution'
  | 'forward'
  | 'original'
  | 'header'
  | 'delimiter'
  | 'footer'
  | 'above'
  // HTML cue lines (see HTML_CUE).
  | 'history'
  | 'signature-start'
  | 'signature-end';

// --- The words of every language, compiled once -----------------------------------------------------

// A reply in any language may quote a message from a client in any other: every rule knows all words.
const QUOTE_WORDS: readonly Partial<QuoteWords>[] = [
  ...LEXICONS.map((lexicon) => lexicon.quote),
  ...OTHER_LANGUAGES.map((language) => language.quote),
];

function gather(pick: (words: Partial<QuoteWords>) => readonly string[] | undefined): string[] {
  return [...new Set(QUOTE_WORDS.flatMap((words) => pick(words) ?? []))];
}

// A plain phrase as a pattern: metacharacters literal, a space for any run of whitespace.
function phrase(text: string): string {
  return text.replace(/[\\^$*+?.()|[\]{}]/g, '\\$&').replace(/ /g, '\\s+');
}

// An alternation of sources; one that never matches when there is none (an empty group matches anything).
function anyOf(sources: readonly string[]): string {
  return sources.length > 0 ? sources.map((s) => `(?:${s})`).join('|') : '(?!)';
}

// Scripts written without spaces between words: their words are found inside a line.
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

// --- Attribution lines ("On … wrote:") -------------------------------------------------------------

const OPENERS = anyOf(gather((w) => w.attributionOpeners).map(phrase));
const VERBS = gather((w) => w.attributionVerbs);
const SPACED_VERBS = anyOf(VERBS.filter((v) => !UNSPACED.test(v)).map(phrase));
const UNSPACED_VERBS = anyOf(VERBS.filter((v) => UNSPACED.test(v)).map(phrase));
const LOOSE_VERBS = anyOf(gather((w) => w.looseAttributionVerbs).map(phrase));

const OPENER = new RegExp(`^[\\s>*-]*(?:${OPENERS})(?=[\\s\\d,])`, 'iu');
const WROTE_ANYWHERE = new RegExp(
  `(?:(?<!\\p{L})(?:${SPACED_VERBS}|${LOOSE_VERBS})(?!\\p{L})|${UNSPACED_VERBS})`,
  'iu',
);
const ENDS_WITH_WROTE = new RegExp(
  `(?:(?<!\\p{L})(?:${SPACED_VERBS})(?!\\p{L})|${UNSPACED_VERBS})\\s*(?:\\(a\\))?\\s*[:：]\\s*$`,
  'iu',
);
const ENDS_LIKE_ATTRIBUTION = new RegExp(
  `(?:[:：]|(?<!\\p{L})(?:${SPACED_VERBS}|${LOOSE_VERBS})|${UNSPACED_VERBS}|-{2,})\\s*$`,
  'iu',
);
const WROTE_ON_DATE = new RegExp(
  `(?<!\\p{L})(?:${anyOf(gather((w) => w.verbsBeforeDate).map(phrase))})\\s.*[:：]\\s*$`,
  'iu',
);
const DASHED_WROTE = new RegExp(`^[\\s>]*-{2,}\\s*\\S.*(?:${SPACED_VERBS})\\s*-{2,}\\s*$`, 'iu');
// Attribution lines end with a colon, dashes or an address; these verbs may also end one.
const ENDS_WITH_COLONLESS_VERB = new RegExp(
  `(?:${anyOf(gather((w) => w.colonlessAttributionVerbs).map(phrase))})$`,
  'i',
);
const ANGLE_EMAIL_AT_END = new RegExp(`<\\s*(?:mailto:)?${ADDRESS_SOURCE}\\s*>+\\s*([:：]?)\\s*$`, 'u');
const DATE_LIKE = /\d{4}|\d{1,2}[./-]\d{1,2}[./-]\d{2,4}/;
const ISO_DATE_GMT = /^\s*\d{4}-\d{2}-\d{2} \d{1,2}:\d{2} GMT[+-]\d{2}:?\d{2}\s+\S/;
const DIGIT = /\d/;

// Whether one (possibly joined) line introduces quoted text. `weak` asks the caller to confirm with
// the next line: a bare "Bob wrote:" is an attribution only when a quote follows it.
function attributionStrength(s: string): 'strong' | 'weak' | null {
  if (s.length > MAX_MARKER_LINE) return null;
  if (ISO_DATE_GMT.test(s)) return 'strong';
  if (DASHED_WROTE.test(s)) return 'strong';
  const hasDigit = DIGIT.test(s);
  if (OPENER.test(s) && hasDigit && ENDS_LIKE_ATTRIBUTION.test(s) && WROTE_ANYWHERE.test(s)) return 'strong';
  if (ENDS_WITH_WROTE.test(s)) {
    return hasDigit || s.includes('@') || / via /i.test(s) ? 'strong' : 'weak';
  }
  if (hasDigit && WROTE_ON_DATE.test(s)) return 'strong';
  const email = ANGLE_EMAIL_AT_END.exec(s);
  if (email && DATE_LIKE.test(s.slice(0, email.index))) return email[1] ? 'strong' : 'weak';
  return null;
}

// Lines that may begin an attribution wrapped over several lines.
const JOIN_START = new RegExp(`^[\\s>*-]*(?:(?:${OPENERS})(?=[\\s\\d,])|\\d|\\p{L}{1,4}\\.?,?\\s+\\d)`, 'iu');
const NAME_AND_ADDRESS = new RegExp(`^[\\s>*-]*[^<>]{1,80}<\\s*(?:mailto:)?${ADDRESS_SOURCE}>`, 'u');

function mayStartAttribution(line: string): boolean {
  return (
    JOIN_START.test(line) ||
    (line.includes('@') && NAME_AND_ADDRESS.test(line)) ||
    line.trimEnd().endsWith('<')
  );
}

// --- Header blocks ("From: … Sent: … To: … Subject: …") --------------------------------------------

// The first language to name a label decides its field; every language that names it is kept.
const HEADER_FIELD_OF = new Map<string, HeaderField>();
const LABEL_LANGUAGES = new Map<string, string[]>();
const LABELLED: readonly { code: string; quote: Partial<QuoteWords> }[] = [...LEXICONS, ...OTHER_LANGUAGES];
for (const { code, quote } of LABELLED) {
  for (const [field, labels] of Object.entries(quote.headerLabels ?? {}) as [HeaderField, string[]][]) {
    for (const label of labels) {
      const key = label.toLowerCase();
      if (!HEADER_FIELD_OF.has(key)) HEADER_FIELD_OF.set(key, field);
      LABEL_LANGUAGES.set(key, [...(LABEL_LANGUAGES.get(key) ?? []), code]);
    }
  }
}
const HEADER_LABEL = new RegExp(
  `^\\s*\\*{0,2}\\s*(${[...HEADER_FIELD_OF.keys()]
    .sort((a, b) => b.length - a.length)
    .map(phrase)
    .join('|')})\\s*\\*{0,2}\\s*[:：]`,
  'iu',
);

/** The field a quoted-message header line names ("From:", "Von:", "De :", "*Sent:*", …), or null. */
export function headerField(line: string): HeaderField | null {
  return headerLabel(line)?.field ?? null;
}

/** A header line's field and the languages whose clients write its label ("Od:" is Polish, Czech, …). */
export function headerLabel(line: string): { field: HeaderField; languages: readonly string[] } | null {
  if (line.length > MAX_MARKER_LINE * 4) return null;
  // Field names are short: the colon comes early.
  const colon = line.indexOf(':');
  if ((colon < 0 || colon > 48) && !line.includes('：')) return null;
  const m = HEADER_LABEL.exec(line);
  if (!m) return null;
  const key = m[1]!.toLowerCase().replace(/\s+/g, ' ');
  const field = HEADER_FIELD_OF.get(key);
  return field ? { field, languages: LABEL_LANGUAGES.get(key) ?? [] } : null;
}

// --- Forward and "original message" markers ----------------------------------------------------------

const FORWARD_SEPARATORS = anyOf(gather((w) => w.forwardSeparators).map(phrase));
const ORIGINAL_SEPARATORS = anyOf(gather((w) => w.originalSeparators).map(phrase));
const BEGIN_FORWARD = new RegExp(
  `^[\\s>*]*(?:${anyOf(gather((w) => w.forwardIntroductions).map(phrase))})\\s*[:：]?\\s*\\**\\s*$`,
  'iu',
);
const DASHED_MARKER = new RegExp(
  `^[\\s>*]*(?:[-_=]{2,}\\s*)?(?:(${FORWARD_SEPARATORS})|(${ORIGINAL_SEPARATORS}))` +
    '\\s*(?:[-_=]{2,})?[\\s*]*[:：]?\\s*$',
  'iu',
);

const MARKER_HINT = /[-_=]{2}|[:：]/;

/** 'forward' for a forwarded-message marker, 'original' for an "Original Message" marker, else null. */
export function messageMarker(line: string): 'forward' | 'original' | null {
  if (line.length > 120 || !MARKER_HINT.test(line)) return null;
  if (BEGIN_FORWARD.test(line)) return 'forward';
  const m = DASHED_MARKER.exec(line);
  if (!m) return null;
  // A bare phrase is prose; clients always frame it with dashes or end it with a colon.
  if (!/[-_=]{2}/.test(line) && !/[:：]\s*$/.test(line)) return null;
  return m[1] !== undefined ? 'forward' : 'original';
}

// --- Signatures, mobile footers, disclaimers -------------------------------------------------------

const DELIMITER_LINE = /^\s*(?:[-_=+~#*—–]{2,}|[—ᐧ])\s*$/;

const ABOVE_THIS_LINE = new RegExp(anyOf(gather((w) => w.aboveThisLine?.phrases).map(phrase)), 'iu');
// Phrases that are prose unless a reply verb stands beside them ("reply above this line").
const ABOVE_NEEDING_VERB = new RegExp(
  anyOf(gather((w) => (w.aboveThisLine?.verbs ? w.aboveThisLine.phrases : undefined)).map(phrase)),
  'iu',
);
const REPLY_VERB = new RegExp(`\\b(?:${anyOf(gather((w) => w.aboveThisLine?.verbs).map(phrase))})\\b`, 'i');

function isAboveThisLine(line: string): boolean {
  return (
    line.length < 200 &&
    ABOVE_THIS_LINE.test(line) &&
    (!ABOVE_NEEDING_VERB.test(line) || REPLY_VERB.test(line))
  );
}

// Devices and mail apps a "Sent from …" footer names: product names, in no language of their own.
const DEVICES_AND_APPS = (
  'outlook gmail yahoo iphone ipad ipod android blackberry samsung galaxy windows airmail spark ' +
  'superhuman newton edison bluemail aquamail k-9 proton protonmail tutanota zoho huawei xiaomi ' +
  'pixel nokia htc motorola sony oneplus pc mac apple ios fastmail thunderbird aol icloud polymail'
).split(' ');

const FOOTER_START = new RegExp(`^[\\s(<[]*(?:${anyOf(gather((w) => w.footers?.starts))})`, 'iu');
const FOOTER_END = new RegExp(`(?:${anyOf(gather((w) => w.footers?.ends))})\\s*$`, 'u');
const FOOTER = new RegExp(anyOf(gather((w) => w.footers?.patterns)), 'iu');
const SENT_FROM = new RegExp(
  `^(?:${anyOf(gather((w) => w.sentFromDevice && [w.sentFromDevice.lead]))}) (.+)$`,
  'iu',
);
const POSSESSIVE = new RegExp(`^(?:${anyOf(gather((w) => w.devicePossessives).map(phrase))}) `, 'i');
const ARTICLE = new RegExp(`^(?:${anyOf(gather((w) => w.sentFromDevice?.articles).map(phrase))}) `, 'i');
const DEVICE_WORD = new RegExp(
  `^(?:${[...gather((w) => w.sentFromDevice?.deviceWords), ...DEVICES_AND_APPS].map(phrase).join('|')})\\b`,
  'i',
);
const EXCUSE = new RegExp(anyOf(gather((w) => w.footerExcuses).map(phrase)), 'i');

// A mail app's automatic footer: "Sent from my iPhone", "Von meinem iPhone gesendet", …
function isMobileFooter(raw: string): boolean {
  if (raw.length > 200) return false;
  if (!FOOTER_START.test(raw) && !FOOTER_END.test(raw)) return false;
  // Links and the brackets some apps put around the footer are decoration.
  const s = raw
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<?https?:\/\/\S*/g, '')
    .replace(/^[\s(<[]+|[\s)>\]]+$/g, '')
    .replace(/\s+/g, ' ');
  const sent = SENT_FROM.exec(s);
  if (sent) return namesDevice(sent[1]!);
  return FOOTER.test(s);
}

// The rest of a "Sent from …" footer: a device, maybe an excuse for typos, nothing more.
function namesDevice(rest: string): boolean {
  const [head = '', ...tail] = rest.split(/[,;!?]\s|\.\s+|\.$/);
  const tailText = tail.join(' ').trim();
  if (tailText && !EXCUSE.test(tailText)) return false;
  const words = head.split(' ');
  if (words.length > 8) return false;
  if (POSSESSIVE.test(rest)) return true;
  if (ARTICLE.test(rest)) return DEVICE_WORD.test(words[1] ?? '');
  return /^\p{Lu}/u.test(rest) || DEVICE_WORD.test(rest);
}

const DISCLAIMER_HEADINGS = anyOf(gather((w) => w.disclaimerHeadings));
const DISCLAIMER_START = new RegExp(
  `^(?:\\W{0,4}(?:${DISCLAIMER_HEADINGS})|${anyOf(gather((w) => w.disclaimerSentences))})`,
  'iu',
);

function isDisclaimerStart(paragraphHead: string): boolean {
  const s = paragraphHead.trim();
  return s.length >= 12 && DISCLAIMER_START.test(s);
}

// "-Abhishek": a dash glued to a name, on the last line.
const DASH_SIGNOFF = /^-\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){0,3}\s*$/u;

// --- Leaked MIME headers -----------------------------------------------------------------------------

const TRANSPORT_FIELD =
  /^(?:received|delivered-to|return-path|message-id|mime-version|content-type|content-transfer-encoding|in-reply-to|references|dkim-signature|authentication-results|x-[\w-]+)\s*:/i;
const RFC822_FIELD = /^[A-Za-z][\w-]*\s*:/;
const MIME_BOUNDARY = /^--[\w'()+,./:=?-]{6,}$/;

// A malformed message can arrive with its own header block (and a MIME boundary) at the top of the
// body. Returns the index of the first body line after them, or 0.
function skipLeakedHeaders(lines: string[]): number {
  let i = 0;
  while (i < lines.length && lines[i]!.trim() === '') i++;
  const start = i;
  let transport = 0;
  for (; i < lines.length && i - start < 60; i++) {
    const line = lines[i]!;
    if (line.trim() === '') break;
    if (RFC822_FIELD.test(line)) {
      if (TRANSPORT_FIELD.test(line)) transport++;
    } else if (!/^[ \t]/.test(line)) {
      return 0;
    }
  }
  if (transport < 2 || i >= lines.length) return 0;
  // Skips a leaked MIME part: its boundary line and its own few headers.
  let j = i;
  while (j < lines.length && lines[j]!.trim() === '') j++;
  if (j < lines.length && MIME_BOUNDARY.test(lines[j]!.trim())) {
    j++;
    while (
      j < lines.length &&
      lines[j]!.trim() !== '' &&
      (RFC822_FIELD.test(lines[j]!) || /^[ \t]/.test(lines[j]!))
    )
      j++;
    return j;
  }
  return i;
}

// --- Classification ----------------------------------------------------------------------------------

const QUOTE_PREFIX = /^\s*(?:>|[A-Za-z]{1,3}>)/;
const HISTORY_MARK = HTML_CUE.history.charCodeAt(0);
const SIGNATURE_START_MARK = HTML_CUE.signatureStart.charCodeAt(0);
const SIGNATURE_END_MARK = HTML_CUE.signatureEnd.charCodeAt(0);
const COMPOSED_MARK = HTML_CUE.composed.charCodeAt(0);
const CODE_FENCE = /^\s{0,3}```/;
const FIRST_NON_SPACE = /\S/;

function classify(line: string): LineKind {
  const first = line.search(FIRST_NON_SPACE);
  if (first < 0) return 'empty';
  const c = line.charCodeAt(first);
  if (c === 62 /* > */) return 'quote';
  if (line.length - first > 1000) return 'text';
  if (c === HISTORY_MARK) return 'history';
  if (c === SIGNATURE_START_MARK) return 'signature-start';
  if (c === SIGNATURE_END_MARK) return 'signature-end';
  if (c === COMPOSED_MARK) return 'text';
  if (QUOTE_PREFIX.test(line)) return 'quote';
  if (DELIMITER_LINE.test(line)) return 'delimiter';
  if (line.length - first > MAX_MARKER_LINE) return 'text';
  const marker = messageMarker(line);
  if (marker !== null) return marker;
  if (headerField(line) !== null) return 'header';
  const last = line.trimEnd();
  const lastChar = last.charCodeAt(last.length - 1);
  // Attribution lines end with a colon, dashes or an address; Gmail's ISO form starts with the year.
  if (
    lastChar === 58 ||
    lastChar === 0xff1a ||
    lastChar === 45 ||
    lastChar === 62 ||
    (c >= 48 && c <= 57) ||
    ENDS_WITH_COLONLESS_VERB.test(last)
  ) {
    const strength = attributionStrength(line);
    if (strength === 'strong') return 'attribution';
    if (strength === 'weak') return 'weak-attribution';
  }
  if (isAboveThisLine(line)) return 'above';
  if (isMobileFooter(line.slice(first))) return 'footer';
  return 'text';
}

// Gmail on the web splits "… wrote:" from a reply on the same line: "reply On Wed, … wrote:".
const INLINE = QUOTE_WORDS.flatMap((w) => (w.inlineAttribution ? [w.inlineAttribution] : []));
const INLINE_OPENER = new RegExp(`(?:\\s|-)(?:${anyOf(INLINE.map((i) => phrase(i.opener)))})\\s`, 'g');
const INLINE_VERB = new RegExp(`(?:${anyOf(INLINE.flatMap((i) => i.verbs).map(phrase))})\\s*:\\s*$`);

function splitInlineAttributions(lines: string[]): string[] {
  let out: string[] | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const split = inlineAttributionStart(line);
    if (split > 0) {
      const head = line.slice(0, split).replace(/[\s-]+$/, '');
      if (head.trim() !== '') {
        out ??= lines.slice(0, i);
        out.push(head, line.slice(split));
        continue;
      }
    }
    out?.push(line);
  }
  return out ?? lines;
}

// Where an attribution glued to the end of a line starts, or -1.
function inlineAttributionStart(line: string): number {
  if (
    line.length > MAX_MARKER_LINE ||
    !line.trimEnd().endsWith(':') ||
    !INLINE_VERB.test(line) ||
    OPENER.test(line)
  )
    return -1;
  INLINE_OPENER.lastIndex = 0;
  for (let m = INLINE_OPENER.exec(line); m; m = INLINE_OPENER.exec(line)) {
    const at = m.index + 1;
    if (attributionStrength(line.slice(at)) === 'strong') return at;
  }
  return -1;
}

// --- Stripping ---------------------------------------------------------------------------------------

interface Outcome {
  text: string;
  stripped: boolean;
  signature: string | null;
  quotedOnly: boolean;
  /** An HTML structure cue decided where the history starts. */
  cue: boolean;
}

// The lines of a message and what is known of them, filled in step by step.
interface Doc {
  lines: string[];
  kinds: LineKind[];
  /** For attribution lines: the index after the last line of the (possibly multi-line) attribution. */
  groupEnd: Int32Array;
  /** For the first line of a header block: the index after its last line. */
  blockEnd: Int32Array;
  /** Lines removed from the new text. */
  drop: Uint8Array;
  /** Lines of the sign-off block (signature, footer, disclaimer). */
  signatureLines: Uint8Array;
}

function nextNonEmpty(doc: Doc, from: number): number {
  let j = from;
  while (j < doc.kinds.length && doc.kinds[j] === 'empty') j++;
  return j;
}

// Keeps the text above the first history marker, minus the quotes it does not answer and the sign-off
// under it.
function stripLines(input: string[], fromHtml: boolean): Outcome {
  const skipped = fromHtml ? 0 : skipLeakedHeaders(input);
  const lines = splitInlineAttributions(skipped > 0 ? input.slice(skipped) : input);
  const n = lines.length;
  const doc: Doc = {
    lines,
    kinds: new Array<LineKind>(n),
    groupEnd: new Int32Array(n),
    blockEnd: new Int32Array(n),
    drop: new Uint8Array(n),
    signatureLines: new Uint8Array(n),
  };
  const contentLines = classifyLines(doc);
  joinWrappedAttributions(doc);
  settleAmbiguousLines(doc);
  markHeaderBlocks(doc);
  const scan = findHistory(doc);
  const end = scan.signatureStart >= 0 ? scan.signatureStart : scan.cut;
  if (scan.signatureStart >= 0)
    for (let k = scan.signatureStart; k < scan.cut; k++) doc.signatureLines[k] = 1;
  const quotesCue = dropUnansweredQuotes(doc, end, fromHtml);
  const kept = keptLines(doc, end);
  const { kinds } = doc;

  const text = kept
    .map((i) => lines[i]!)
    .join('\n')
    .replace(COMPOSED, '')
    .trim();
  let shownLines = 0;
  for (const i of kept) if (FIRST_NON_SPACE.test(lines[i]!)) shownLines++;

  const signatureText: string[] = [];
  for (let i = 0; i < n; i++)
    if (doc.signatureLines[i] && kinds[i] !== 'signature-start') signatureText.push(lines[i]!);
  const signature = signatureText.join('\n').trim();
  const cue = scan.cue || quotesCue;

  if (text === '') {
    const fallback = bareQuoteFallback(lines, kinds, scan.cut);
    return { text: fallback, stripped: true, signature: signature || null, quotedOnly: true, cue };
  }
  return {
    text,
    stripped: skipped > 0 || shownLines < contentLines || signature !== '',
    signature: signature || null,
    quotedOnly: scan.quotedOnly,
    cue,
  };
}

// The kind of every line on its own. Returns the number of lines with content.
function classifyLines(doc: Doc): number {
  const { lines, kinds, groupEnd } = doc;
  let inCode = false;
  let contentLines = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (CODE_FENCE.test(line)) {
      inCode = !inCode;
      kinds[i] = 'text';
      continue;
    }
    kinds[i] = inCode ? (line.trim() === '' ? 'empty' : 'text') : classify(line);
    if (kinds[i] !== 'empty') contentLines++;
    // A rule of three or more marks right under a line of text underlines a heading; it separates nothing.
    if (kinds[i] === 'delimiter' && i > 0 && kinds[i - 1] === 'text' && line.trim().length >= 3) {
      const j = nextNonEmptyLine(lines, i + 1);
      if (j >= lines.length || !isHistoryStart(lines[j]!)) kinds[i] = 'text';
    }
    if (kinds[i] === 'attribution' || kinds[i] === 'weak-attribution') groupEnd[i] = i + 1;
  }
  return contentLines;
}

// Attributions wrapped over several lines ("On …, Name <" / "addr> wrote:").
function joinWrappedAttributions(doc: Doc): void {
  const { lines, kinds, groupEnd } = doc;
  const n = lines.length;
  for (let i = 0; i < n; i++) {
    if (kinds[i] !== 'text' && kinds[i] !== 'weak-attribution') continue;
    const line = lines[i]!;
    if (line.length > MAX_MARKER_LINE || !mayStartAttribution(line)) continue;
    let joined = line.trim();
    let j = i + 1;
    let weakEnd = -1;
    let strongEnd = -1;
    for (let extra = 0; extra < 4 && j < n; extra++, j++) {
      if (kinds[j] === 'empty') {
        // Polymail leaves a blank line before "<" on its own line.
        const k = j + 1;
        if (extra === 0 && k < n && lines[k]!.trim().startsWith('<')) j = k;
        else break;
      }
      const kind = kinds[j];
      if (kind !== 'text' && kind !== 'quote' && kind !== 'attribution' && kind !== 'weak-attribution') break;
      const next = lines[j]!.trim();
      if (next.length > 160) break;
      joined = `${joined} ${next}`;
      if (joined.length > MAX_MARKER_LINE) break;
      const strength = attributionStrength(joined);
      if (strength === 'strong') {
        strongEnd = j + 1;
        break;
      }
      if (strength === 'weak' && weakEnd < 0) weakEnd = j + 1;
    }
    const groupStop = strongEnd >= 0 ? strongEnd : weakEnd;
    if (groupStop < 0) continue;
    kinds[i] = strongEnd >= 0 ? 'attribution' : 'weak-attribution';
    groupEnd[i] = groupStop;
    for (let k = i + 1; k < groupStop; k++) kinds[k] = 'empty';
    i = groupStop - 1;
  }
}

// Weak attributions become attributions when a quote follows; re-wrapped quoted lines rejoin their quote.
function settleAmbiguousLines(doc: Doc): void {
  const { lines, kinds, groupEnd } = doc;
  const n = lines.length;
  for (let i = 0; i < n; i++) {
    const kind = kinds[i];
    if (kind === 'weak-attribution') {
      const j = nextNonEmpty(doc, groupEnd[i]!);
      const quoted = j < n && (kinds[j] === 'quote' || lines[j]!.trimStart().startsWith('|'));
      kinds[i] = quoted ? 'attribution' : 'text';
    } else if (
      kind === 'text' &&
      i > 0 &&
      i + 1 < n &&
      kinds[i - 1] === 'quote' &&
      kinds[i + 1] === 'quote'
    ) {
      // A quoted line the client re-wrapped without its ">": indented, bracketed, or the rest of a URL.
      // An answer typed between quoted lines ("10am tomorrow") starts like prose and stays new text.
      const line = lines[i]!;
      const previous = lines[i - 1]!;
      if (/^[\s(<[]/.test(line) || /https?:\/\/\S*$/.test(previous)) kinds[i] = 'quote';
    }
  }
}

// Header blocks: at least two fields that say who sent the message or to whom.
function markHeaderBlocks(doc: Doc): void {
  const { lines, kinds, blockEnd } = doc;
  const n = lines.length;
  for (let i = 0; i < n; i++) {
    if (kinds[i] !== 'header') continue;
    const seen = new Set<HeaderField>();
    let continuation = 0;
    let j = i;
    let last = i;
    for (; j < n && j - i < 16; j++) {
      if (kinds[j] === 'header') {
        const field = headerField(lines[j]!);
        if (field !== null) seen.add(field);
        continuation = 0;
        last = j;
      } else if (kinds[j] === 'empty' || kinds[j] === 'quote' || continuation >= 2) {
        break;
      } else {
        continuation++;
      }
    }
    // A sender, or a date with recipients: "Date: Friday / Subject: pricing" in a reply is the sender's own
    // text.
    const addressed = seen.has('from') || (seen.has('date') && (seen.has('to') || seen.has('cc')));
    if (seen.size >= 2 && addressed) {
      blockEnd[i] = Math.max(last + 1, j);
      for (let k = i + 1; k < blockEnd[i]!; k++) kinds[k] = 'empty';
      i = blockEnd[i]! - 1;
    } else {
      kinds[i] = 'text';
    }
  }
}

// Where the history starts: the first history marker after some new text.
interface Scan {
  /** Index of the first line of quoted history (the line count when there is none). */
  cut: number;
  /** Index of the "-- " line that opens a signature above the history, or -1. */
  signatureStart: number;
  hasContent: boolean;
  quotedOnly: boolean;
  cue: boolean;
  inHtmlSignature: boolean;
}

const OPENS_HISTORY_UNDER_RULE: ReadonlySet<LineKind> = new Set([
  'header',
  'forward',
  'original',
  'attribution',
  'history',
]);

function findHistory(doc: Doc): Scan {
  const { kinds, drop } = doc;
  const n = kinds.length;
  const historyAfter = historyBelow(kinds);
  const scan: Scan = {
    cut: n,
    signatureStart: -1,
    hasContent: false,
    quotedOnly: false,
    cue: false,
    inHtmlSignature: false,
  };
  for (let i = 0; i < n; i++) {
    const kind = kinds[i]!;
    if (scan.inHtmlSignature && inHtmlSignature(doc, scan, i)) continue;
    if (kind === 'empty' || kind === 'footer' || kind === 'signature-end') {
      if (kind === 'signature-end') drop[i] = 1;
      continue;
    }
    if (kind === 'signature-start') {
      scan.inHtmlSignature = true;
      drop[i] = 1;
      scan.cue = true;
      continue;
    }
    const afterNewText = scan.hasContent || scan.signatureStart >= 0;
    if (scan.signatureStart >= 0 && (kind === 'text' || kind === 'delimiter')) continue;
    let next: number | 'stop';
    if (kind === 'text' || kind === 'quote') {
      if (scan.signatureStart >= 0) next = 'stop';
      else {
        scan.hasContent = true;
        next = i;
      }
    } else if (kind === 'attribution') next = afterAttribution(doc, scan, i, afterNewText);
    else if (kind === 'forward') next = afterForward(doc, scan, i, afterNewText);
    else if (kind === 'history') {
      scan.cue = true;
      if (afterNewText) next = 'stop';
      else {
        drop[i] = 1;
        next = i;
      }
    } else if (kind === 'delimiter') next = afterDelimiter(doc, scan, i, historyAfter[i] === 1);
    // 'original', 'header', 'above': the rest is history, even with nothing above it.
    else next = 'stop';
    if (next === 'stop') {
      scan.cut = i;
      break;
    }
    i = next;
  }
  return scan;
}

// Whether quoted history (a quote, attribution, header block or marker) follows each line.
function historyBelow(kinds: LineKind[]): Uint8Array {
  const n = kinds.length;
  const historyAfter = new Uint8Array(n);
  for (let i = n - 2; i >= 0; i--) {
    const k = kinds[i + 1];
    historyAfter[i] =
      historyAfter[i + 1] ||
      k === 'quote' ||
      k === 'attribution' ||
      k === 'header' ||
      k === 'forward' ||
      k === 'original' ||
      k === 'history' ||
      k === 'above'
        ? 1
        : 0;
  }
  return historyAfter;
}

// Inside a signature the HTML marked: its lines go to the signature until it ends or history starts.
// Returns whether line i was taken.
function inHtmlSignature(doc: Doc, scan: Scan, i: number): boolean {
  const kind = doc.kinds[i];
  if (kind === 'signature-end') {
    scan.inHtmlSignature = false;
    doc.drop[i] = 1;
    return true;
  }
  if (kind === 'history') return false;
  doc.signatureLines[i] = 1;
  doc.drop[i] = 1;
  return true;
}

// Each step returns the index of the last line it consumed, or 'stop' when the history starts at i.
function afterAttribution(doc: Doc, scan: Scan, i: number, afterNewText: boolean): number | 'stop' {
  const end = doc.groupEnd[i]!;
  const j = nextNonEmpty(doc, end);
  // A quote under its attribution inside the new text is one the sender answers; decided later.
  if (j < doc.kinds.length && doc.kinds[j] === 'quote' && scan.signatureStart < 0) return end - 1;
  if (afterNewText) return 'stop';
  for (let k = i; k < end; k++) doc.drop[k] = 1;
  scan.quotedOnly = true;
  return end - 1;
}

function afterForward(doc: Doc, scan: Scan, i: number, afterNewText: boolean): number | 'stop' {
  if (afterNewText) return 'stop';
  doc.drop[i] = 1;
  scan.quotedOnly = true;
  const j = nextNonEmpty(doc, i + 1);
  const blockEnd = j < doc.kinds.length ? doc.blockEnd[j]! : 0;
  if (blockEnd <= 0) return i;
  for (let k = j; k < blockEnd; k++) doc.drop[k] = 1;
  return blockEnd - 1;
}

function afterDelimiter(doc: Doc, scan: Scan, i: number, historyAfter: boolean): number | 'stop' {
  if (!scan.hasContent) {
    doc.drop[i] = 1;
    return i;
  }
  const j = nextNonEmpty(doc, i + 1);
  if (j < doc.kinds.length && OPENS_HISTORY_UNDER_RULE.has(doc.kinds[j]!)) return 'stop';
  // "-- " starts a signature; a longer rule with more text and then the quoted history under it
  // only divides the new text.
  if (doc.lines[i]!.trim().length > 2 && historyAfter) {
    scan.hasContent = true;
    return i;
  }
  scan.signatureStart = i;
  return i;
}

// Quote blocks inside the new text: keep the ones the sender answers inline, drop the quoted original.
// Returns whether a removed block was an HTML blockquote (structure the text part may have lost).
function dropUnansweredQuotes(doc: Doc, end: number, fromHtml: boolean): boolean {
  const { kinds, drop, groupEnd } = doc;
  const textBefore = new Int32Array(kinds.length + 1);
  for (let i = 0; i < kinds.length; i++)
    textBefore[i + 1] = textBefore[i]! + (i < end && kinds[i] === 'text' && !drop[i] ? 1 : 0);
  const blocks = quoteBlocks(doc, end);
  const attributedLater = new Uint8Array(blocks.length);
  for (let b = blocks.length - 2; b >= 0; b--) {
    attributedLater[b] = attributedLater[b + 1] || blocks[b + 1]!.attribution >= 0 ? 1 : 0;
  }
  let cue = false;
  for (let b = 0; b < blocks.length; b++) {
    const { start, stop, attribution } = blocks[b]!;
    const head = attribution >= 0 ? attribution : start;
    const before = textBefore[head]! > 0;
    const after = textBefore[end]! - textBefore[stop]!;
    const moreQuotes = b + 1 < blocks.length;
    // In HTML a blockquote is always a quotation; in plain text a bare ">" line may be the sender's own.
    const quotation = attribution >= 0 || fromHtml;
    let remove: boolean;
    // History starts at the first attribution: a bare quote above it is one the sender composed.
    if (after === 0) remove = attribution >= 0 || !attributedLater[b];
    else if (!before) remove = quotation && !moreQuotes;
    else if (quotation) remove = !moreQuotes && after < 3;
    else remove = false;
    if (attribution >= 0) for (let k = attribution; k < groupEnd[attribution]!; k++) drop[k] = 1;
    // A removed block takes the blank lines after it, so the text around it closes up.
    if (remove)
      for (let k = head, until = Math.min(end, nextNonEmpty(doc, stop)); k < until; k++) drop[k] = 1;
    if (remove && fromHtml) cue = true;
  }
  return cue;
}

interface QuoteBlock {
  start: number;
  stop: number;
  /** The attribution line right above the block, or -1. */
  attribution: number;
}

function quoteBlocks(doc: Doc, end: number): QuoteBlock[] {
  const { kinds, drop } = doc;
  const blocks: QuoteBlock[] = [];
  for (let i = 0; i < end; i++) {
    if (kinds[i] !== 'quote' || drop[i]) continue;
    let stop = i + 1;
    while (stop < end && (kinds[stop] === 'quote' || kinds[stop] === 'empty')) stop++;
    while (stop > i + 1 && kinds[stop - 1] === 'empty') stop--;
    let a = i - 1;
    while (a >= 0 && kinds[a] === 'empty') a--;
    const attribution = a >= 0 && kinds[a] === 'attribution' && !drop[a] ? a : -1;
    blocks.push({ start: i, stop, attribution });
    i = stop - 1;
  }
  return blocks;
}

// The kept lines above `end`, without what hangs under them: disclaimers, footers, a "-Name" sign-off,
// a contact block. Those go to the signature.
function keptLines(doc: Doc, end: number): number[] {
  const { lines, kinds, signatureLines } = doc;
  const kept: number[] = [];
  for (let i = 0; i < end; i++) if (!doc.drop[i]) kept.push(i);
  const disclaimer = disclaimerStart(doc, kept);
  if (disclaimer >= 0) {
    for (let q = disclaimer; q < kept.length; q++) signatureLines[kept[q]!] = 1;
    kept.length = disclaimer;
  }
  let signoffTaken = false;
  while (kept.length > 0) {
    const i = kept[kept.length - 1]!;
    const kind = kinds[i];
    const line = lines[i]!;
    if (kind === 'empty' || kind === 'delimiter' || (kind === 'quote' && /^[\s>]*$/.test(line))) {
      kept.pop();
    } else if (kind === 'footer') {
      signatureLines[i] = 1;
      kept.pop();
    } else if (
      !signoffTaken &&
      kind === 'text' &&
      DASH_SIGNOFF.test(line.trim()) &&
      hasTextBefore(kept, kinds)
    ) {
      signatureLines[i] = 1;
      signoffTaken = true;
      kept.pop();
    } else {
      break;
    }
  }
  const contactBlock = contactBlockStart(kept, lines, kinds);
  if (contactBlock >= 0) {
    for (let p = contactBlock; p < kept.length; p++) signatureLines[kept[p]!] = 1;
    kept.length = contactBlock;
    while (kept.length > 0 && kinds[kept[kept.length - 1]!] === 'empty') kept.pop();
  }
  return kept;
}

// The position in `kept` of a paragraph that opens a legal disclaimer after the first text, or -1.
function disclaimerStart(doc: Doc, kept: number[]): number {
  const { lines, kinds } = doc;
  let firstText = -1;
  for (let p = 0; p < kept.length; p++) {
    const i = kept[p]!;
    if (kinds[i] !== 'text' && kinds[i] !== 'quote') continue;
    if (firstText < 0) {
      firstText = p;
      continue;
    }
    const previous = p > 0 ? kinds[kept[p - 1]!] : 'empty';
    if (
      previous === 'empty' &&
      kinds[i] === 'text' &&
      isDisclaimerStart(`${lines[i]} ${lines[kept[p + 1] ?? i] ?? ''}`)
    )
      return p;
  }
  return -1;
}

const CONTACT_LINE = new RegExp(
  `${ADDRESS_SOURCE}|\\+?\\d[\\d ()./-]{6,}\\d|\\bwww\\.|https?://|` +
    `^\\s*(?:${anyOf(gather((w) => w.contactLabels).map(phrase))})\\s*[.:]`,
  'iu',
);
const PERSON_NAME = /^\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){0,3}$/u;
const SIGN_OFF_LINE = /^[^\s].{0,30},$/;

// A signature without a "-- " delimiter: a last paragraph that opens with a name (maybe under a
// "Best," line) and lists at least two ways to reach the sender (address, phone, website).
// Returns its position in `kept`, or -1.
function contactBlockStart(kept: number[], lines: string[], kinds: LineKind[]): number {
  let p = kept.length;
  while (p > 0 && kinds[kept[p - 1]!] !== 'empty') p--;
  const size = kept.length - p;
  if (p === 0 || size < 2 || size > 9 || !hasTextBefore(kept.slice(0, p + 1), kinds)) return -1;
  let start = p;
  const first = lines[kept[p]!]!.trim();
  if (SIGN_OFF_LINE.test(first) && size > 2) start = p + 1;
  if (!PERSON_NAME.test(lines[kept[start]!]!.trim())) return -1;
  let contacts = 0;
  for (let q = start + 1; q < kept.length; q++) {
    const line = lines[kept[q]!]!;
    if (line.length > 80 || kinds[kept[q]!] !== 'text') return -1;
    if (CONTACT_LINE.test(line)) contacts++;
  }
  return contacts >= 2 ? start : -1;
}

function hasTextBefore(kept: number[], kinds: LineKind[]): boolean {
  for (let p = kept.length - 2; p >= 0; p--) if (kinds[kept[p]!] === 'text') return true;
  return false;
}

// A reply that is nothing but a quote without attribution keeps that quote (it may be all the sender
// meant to pass on); one that opens with an attribution or a header had no new text at all.
function bareQuoteFallback(lines: string[], kinds: LineKind[], cut: number): string {
  let i = 0;
  while (i < cut && kinds[i] === 'empty') i++;
  if (i >= cut || kinds[i] !== 'quote') return '';
  const inner = lines[i]!.replace(/^[\s>]+/, '');
  if (attributionStrength(inner) !== null || messageMarker(inner) !== null || headerField(inner) !== null)
    return '';
  const out: string[] = [];
  for (; i < cut && (kinds[i] === 'quote' || kinds[i] === 'empty'); i++) out.push(lines[i]!);
  return out.join('\n').trim();
}

function nextNonEmptyLine(lines: string[], from: number): number {
  let j = from;
  while (j < lines.length && lines[j]!.trim() === '') j++;
  return j;
}

// Whether a line opens quoted history by itself (header field, forward marker, attribution).
function isHistoryStart(line: string): boolean {
  return headerField(line) !== null || messageMarker(line) !== null || attributionStrength(line) !== null;
}

function toLines(text: string, limit: number, markers: boolean): string[] {
  let head = text.length > limit ? text.slice(0, limit) : text;
  if (!markers && /[\uE000-\uE003]/.test(head)) head = head.replace(/[\uE000-\uE003]/g, '');
  if (head.includes('\r')) head = head.replace(/\r\n?/g, '\n');
  return head.split('\n');
}

const WORD = /[\p{L}\p{N}]+/gu;
const COMPOSED = /\uE003/g;

function words(text: string): string[] {
  return text.toLowerCase().match(WORD) ?? [];
}

// The plain text part stopped short of a cue the HTML shows: same words, then more of them.
function htmlCutsWhatTextKeeps(fromHtml: string, fromText: string): boolean {
  const h = words(fromHtml);
  const t = words(fromText);
  if (h.length === 0 || h.length >= t.length) return false;
  for (let k = 0; k < h.length; k++) if (h[k] !== t[k]) return false;
  return true;
}

// A text part that is really markup, as some senders produce.
const MARKUP_TAGS = /<\/?(?:div|p|br|table|tr|td|span|html|body|blockquote)\b[^>]{0,200}>/gi;

function looksLikeMarkup(text: string): boolean {
  const sample = text.length > 4096 ? text.slice(0, 4096) : text;
  return (sample.match(MARKUP_TAGS)?.length ?? 0) >= 3;
}

function toResult(outcome: Outcome, truncated: boolean): StripResult {
  return {
    text: outcome.text,
    stripped: outcome.stripped || truncated,
    signature: outcome.signature,
    quotedOnly: outcome.quotedOnly,
  };
}

/** The new text of a reply: quoted history, forwarded originals, attribution lines, signatures, mobile footers ("Sent from my iPhone", "Envoyé de mon iPhone", "Von meinem iPhone gesendet", "Get Outlook for iOS", …) and legal disclaimers removed. Prefers text; falls back to htmlText, the HTML part as the mail-in adapter renders it, whose {@link HTML_CUE} marker lines stand for the HTML structure (Gmail `div.gmail_quote`/`gmail_signature`, Outlook `divRplyFwdMsg`/`OLK_SRC_BODY_SECTION`/border-top separator, `blockquote type=cite`, Yahoo `yahoo_quoted`, Thunderbird `moz-cite-prefix`, OWA `messageReplySection`). Also uses htmlText when the text part looks like a poor rendering. */
export function stripReply(input: { text: string | null; htmlText: string | null }): StripResult {
  const text = input.text ?? '';
  const htmlText = input.htmlText ?? '';
  const maxHtmlText = MAX_TEXT * 4;
  const hasText = /\S/.test(text.length > MAX_TEXT ? text.slice(0, MAX_TEXT) : text);
  const hasHtml = /\S/.test(htmlText.length > maxHtmlText ? htmlText.slice(0, maxHtmlText) : htmlText);
  if (!hasText && !hasHtml) return { text: '', stripped: false, signature: null, quotedOnly: false };
  if (!hasHtml) return toResult(stripLines(toLines(text, MAX_TEXT, false), false), text.length > MAX_TEXT);
  const fromHtml = () => stripLines(toLines(htmlText, maxHtmlText, true), true);
  const htmlTruncated = htmlText.length > maxHtmlText;
  if (!hasText || looksLikeMarkup(text)) return toResult(fromHtml(), htmlTruncated);
  const plain = stripLines(toLines(text, MAX_TEXT, false), false);
  const rich = fromHtml();
  // The text part of an HTML mail is often a flat rendering that lost the quote and signature markup.
  if (rich.cue && htmlCutsWhatTextKeeps(rich.text, plain.text)) return toResult(rich, htmlTruncated);
  return toResult(plain, text.length > MAX_TEXT);
}
