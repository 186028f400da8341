import { de } from './de.ts';
import { en } from './en.ts';
import { es } from './es.ts';
import { fr } from './fr.ts';
import { it } from './it.ts';
import { ja } from './ja.ts';
import { nl } from './nl.ts';
import { pt } from './pt.ts';
import type { LanguageCode, Lexicon } from './types.ts';

export type { LanguageCode, Lexicon } from './types.ts';

/** Every language Baton reads, in the order its rules are tried. */
export const LEXICONS: readonly Lexicon[] = [en, de, fr, es, pt, ja, it, nl];

export const lexiconOf = (code: LanguageCode): Lexicon => LEXICONS.find((l) => l.code === code)!;

const WORD = '\\p{L}\\p{N}';
// Not inside a word: the `\b` of lexicon patterns, which knows accents (JavaScript's `\b` is ASCII-only).
const WORD_EDGE = `(?:(?<![${WORD}])|(?![${WORD}]))`;

/**
 * A lexicon pattern or word as a RegExp source: `\b` becomes a word edge that knows accents, `{name}` any
 * word of `lists[name]` or, for the names a rule defines itself (`{target}`, `{device}`), its `slots[name]`.
 */
export function lexiconSource(
  pattern: string,
  lists: Readonly<Record<string, readonly string[]>> = {},
  slots: Readonly<Record<string, string>> = {},
): string {
  // Escapes are read whole: "\p{L}" names no list, and "\\b" (a backslash, then "b") is no edge.
  return pattern.replace(/\\[pP]\{[^}]*\}|\\.|\{([A-Za-z]+)\}/gu, (token, name: string | undefined) => {
    if (name === undefined) return token === '\\b' ? WORD_EDGE : token;
    const slot = slots[name];
    if (slot !== undefined) return slot;
    const list = lists[name];
    if (!list) throw new Error(`lexicon pattern names an unknown list {${name}}: ${pattern}`);
    return `(?:${list.map((word) => lexiconSource(word)).join('|')})`;
  });
}
