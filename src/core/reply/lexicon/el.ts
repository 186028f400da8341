import type { PartialLexicon } from './types.ts';

/** Greek: its mail clients' quote words. */
export const el: PartialLexicon = {
  code: 'el',
  quote: {
    attributionOpeners: ['στις'],
    attributionVerbs: ['έγραψε'],
    forwardSeparators: ['προωθημένο μήνυμα'],
    originalSeparators: ['αρχικό μήνυμα'],
  },
};
