import type { PartialLexicon } from './types.ts';

/** Slovak: its mail clients' quote words. */
export const sk: PartialLexicon = {
  code: 'sk',
  dates: {
    // Zone names its clients print after a time, minutes east of UTC.
    zones: { seč: 60, selč: 120 },
    months: [
      ['január', 'januára', 'jan'],
      ['február', 'februára', 'feb'],
      ['marec', 'marca', 'mar'],
      ['apríl', 'apríla', 'apr'],
      ['máj', 'mája'],
      ['jún', 'júna'],
      ['júl', 'júla'],
      ['august', 'augusta', 'aug'],
      ['september', 'septembra', 'sep'],
      ['október', 'októbra', 'okt'],
      ['november', 'novembra', 'nov'],
      ['december', 'decembra', 'dec'],
    ],
    weekdays: [
      ['pondelok', 'po'],
      ['utorok', 'ut'],
      ['streda', 'st'],
      ['štvrtok', 'št'],
      ['piatok', 'pi'],
      ['sobota', 'so'],
      ['nedeľa', 'ne'],
    ],
  },
  quote: {
    attributionOpeners: ['dňa'],
    attributionVerbs: ['napísal'],
    headerLabels: {
      from: ['od', 'odosielateľ'],
      date: ['odoslané', 'dátum'],
      to: ['komu', 'pre'],
      cc: ['kópia'],
      subject: ['predmet'],
    },
    forwardSeparators: ['preposlaná správa'],
    originalSeparators: ['pôvodná správa'],
  },
};
