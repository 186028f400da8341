import type { PartialLexicon } from './types.ts';

/** Czech: its mail clients' quote words. */
export const cs: PartialLexicon = {
  code: 'cs',
  dates: {
    // Zone names its clients print after a time, minutes east of UTC.
    zones: { seč: 60, selč: 120 },
    months: [
      ['leden', 'ledna'],
      ['únor', 'února'],
      ['březen', 'března'],
      ['duben', 'dubna'],
      ['květen', 'května'],
      ['červen', 'června'],
      ['červenec', 'července'],
      ['srpen', 'srpna'],
      ['září'],
      ['říjen', 'října'],
      ['listopad', 'listopadu'],
      ['prosinec', 'prosince'],
    ],
    weekdays: [
      ['pondělí', 'po'],
      ['úterý', 'út'],
      ['středa', 'st'],
      ['čtvrtek', 'čt'],
      ['pátek', 'pá'],
      ['sobota', 'so'],
      ['neděle', 'ne'],
    ],
  },
  quote: {
    attributionOpeners: ['dne'],
    attributionVerbs: ['napsal'],
    headerLabels: {
      from: ['od', 'odesílatel'],
      date: ['odesláno'],
      to: ['komu', 'do'],
      cc: ['kopie'],
      subject: ['předmět'],
    },
    forwardSeparators: ['přeposlaná zpráva'],
    originalSeparators: ['původní zpráva'],
    footers: {
      starts: ['odesláno'],
      patterns: ['^odesláno (?:z|ze) '],
    },
  },
};
