import type { PartialLexicon } from './types.ts';

/** Danish: its mail clients' quote words. */
export const da: PartialLexicon = {
  code: 'da',
  dates: {
    months: [
      ['januar', 'jan'],
      ['februar', 'feb'],
      ['marts', 'mar'],
      ['april', 'apr'],
      ['maj'],
      ['juni', 'jun'],
      ['juli', 'jul'],
      ['august', 'aug'],
      ['september', 'sep', 'sept'],
      ['oktober', 'okt'],
      ['november', 'nov'],
      ['december', 'dec'],
    ],
    weekdays: [
      ['mandag', 'man'],
      ['tirsdag', 'tirs', 'tir'],
      ['onsdag', 'ons'],
      ['torsdag', 'tors', 'tor'],
      ['fredag', 'fre'],
      ['lørdag', 'lør'],
      ['søndag', 'søn'],
    ],
  },
  quote: {
    attributionOpeners: ['den', 'på'],
    attributionVerbs: ['skrev', 'skriver'],
    headerLabels: {
      from: ['fra'],
      date: ['sendt', 'dato'],
      to: ['til'],
      subject: ['emne'],
    },
    forwardSeparators: ['videresendt meddelelse'],
    originalSeparators: ['oprindelig meddelelse', 'oprindelig besked'],
    footers: {
      starts: ['sendt'],
      patterns: ['^sendt (?:fra|med) '],
    },
  },
};
