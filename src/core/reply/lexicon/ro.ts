import type { PartialLexicon } from './types.ts';

/** Romanian: its mail clients' quote words. */
export const ro: PartialLexicon = {
  code: 'ro',
  dates: {
    months: [
      ['ianuarie', 'ian'],
      ['februarie', 'feb'],
      ['martie', 'mar'],
      ['aprilie', 'apr'],
      ['mai'],
      ['iunie', 'iun'],
      ['iulie', 'iul'],
      ['august', 'aug'],
      ['septembrie', 'sept', 'sep'],
      ['octombrie', 'oct'],
      ['noiembrie', 'nov'],
      ['decembrie', 'dec'],
    ],
    weekdays: [
      ['luni'],
      ['marți', 'marti', 'mar'],
      ['miercuri', 'mie'],
      ['joi'],
      ['vineri', 'vin'],
      ['sâmbătă', 'sambata', 'sâm'],
      ['duminică', 'duminica', 'dum'],
    ],
  },
  quote: {
    attributionOpeners: ['pe', 'în'],
    attributionVerbs: ['a scris'],
    headerLabels: {
      from: ['de la', 'expeditor'],
      date: ['data', 'trimis'],
      to: ['către', 'catre', 'destinatar'],
      cc: ['cc'],
      subject: ['subiect'],
    },
    forwardSeparators: ['mesaj redirecționat', 'mesaj redirectionat', 'mesaj transmis'],
    originalSeparators: ['mesaj original', 'mesajul original'],
    forwardIntroductions: ['început mesaj redirecționat', 'inceput mesaj redirectionat'],
  },
};
