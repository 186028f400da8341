import type { PartialLexicon } from './types.ts';

/** Catalan: its mail clients' quote words. */
export const ca: PartialLexicon = {
  code: 'ca',
  quote: {
    originalSeparators: ['missatge original'],
  },
};
