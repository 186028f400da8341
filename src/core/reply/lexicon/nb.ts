import type { PartialLexicon } from './types.ts';

/** Norwegian (Bokmål): its mail clients' quote words. */
export const nb: PartialLexicon = {
  code: 'nb',
  dates: {
    months: [
      ['januar', 'jan'],
      ['februar', 'feb'],
      ['mars', 'mar'],
      ['april', 'apr'],
      ['mai'],
      ['juni', 'jun'],
      ['juli', 'jul'],
      ['august', 'aug'],
      ['september', 'sep', 'sept'],
      ['oktober', 'okt'],
      ['november', 'nov'],
      ['desember', 'des'],
    ],
    weekdays: [
      ['mandag', 'man'],
      ['tirsdag', 'tir'],
      ['onsdag', 'ons'],
      ['torsdag', 'tor'],
      ['fredag', 'fre'],
      ['lørdag', 'lør'],
      ['søndag', 'søn'],
    ],
  },
  quote: {
    attributionOpeners: ['den'],
    attributionVerbs: ['skrev', 'skriver'],
    headerLabels: {
      from: ['fra'],
      date: ['sendt', 'dato'],
      to: ['til'],
      subject: ['emne'],
    },
    forwardSeparators: ['videresendt melding'],
    originalSeparators: ['opprinnelig melding'],
    footers: {
      starts: ['sendt'],
      patterns: ['^sendt (?:fra|med) '],
    },
  },
};
