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
