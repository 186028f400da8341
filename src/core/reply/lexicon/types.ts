/**
 * The words of one language, as data. Every rule of reply reading that depends on a language reads
 * them from here: adding a language is one lexicon file (plus its tests) and one line in index.ts.
 */
export type LanguageCode = 'en' | 'de' | 'fr' | 'es' | 'pt' | 'ja' | 'it' | 'nl';

// ── intent words (classify.ts, automatic.ts) ──────────────────────────────────────────────────
export type IntentWords = {};

export type AutoReplyWords = {};

// ── quoted history and due times (strip.ts, forwarded.ts, due.ts) ─────────────────────────────
export type QuoteWords = {};

export type DueWords = {};

export interface Lexicon {
  code: LanguageCode;
  intent: IntentWords;
  autoReply: AutoReplyWords;
  quote: QuoteWords;
  due: DueWords;
}
