import type { PartialLexicon } from './types.ts';

/** Hungarian: its mail clients' quote words. */
export const hu: PartialLexicon = {
  code: 'hu',
  dates: {
    months: [
      ['január', 'jan'],
      ['február', 'febr', 'feb'],
      ['március', 'márc', 'mar'],
      ['április', 'ápr'],
      ['május', 'máj'],
      ['június', 'jún'],
      ['július', 'júl'],
      ['augusztus', 'aug'],
      ['szeptember', 'szept', 'szep'],
      ['október', 'okt'],
      ['november', 'nov'],
      ['december', 'dec'],
    ],
    weekdays: [['hétfő'], ['kedd'], ['szerda'], ['csütörtök'], ['péntek'], ['szombat'], ['vasárnap']],
  },
  quote: {
    attributionVerbs: ['írta'],
    headerLabels: {
      from: ['feladó'],
      date: ['elküldve', 'dátum'],
      to: ['címzett'],
      cc: ['másolat'],
      subject: ['tárgy'],
    },
    forwardSeparators: ['továbbított üzenet'],
    originalSeparators: ['eredeti üzenet'],
  },
};
