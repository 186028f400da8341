import type { PartialLexicon } from './types.ts';

/** Icelandic: its mail clients' quote words. */
export const is_: PartialLexicon = {
  code: 'is',
  quote: {
    headerLabels: {
      from: ['frá'],
    },
  },
};
