import type { PartialLexicon } from './types.ts';

/** Croatian: its mail clients' quote words and dates. */
export const hr: PartialLexicon = {
  code: 'hr',
  quote: {
    headerLabels: {
      from: ['šalje', 'od'],
      date: ['poslano', 'datum'],
      to: ['prima', 'za'],
      cc: ['kopija'],
      subject: ['predmet', 'naslov'],
    },
    forwardSeparators: ['proslijeđena poruka'],
    originalSeparators: ['izvorna poruka', 'originalna poruka'],
  },
  dates: {
    months: [
      ['siječanj', 'siječnja', 'sij'],
      ['veljača', 'veljače', 'velj'],
      ['ožujak', 'ožujka', 'ožu'],
      ['travanj', 'travnja', 'tra'],
      ['svibanj', 'svibnja', 'svi'],
      ['lipanj', 'lipnja', 'lip'],
      ['srpanj', 'srpnja', 'srp'],
      ['kolovoz', 'kolovoza', 'kol'],
      ['rujan', 'rujna', 'ruj'],
      ['listopad', 'listopada', 'lis'],
      ['studeni', 'studenoga', 'studenog', 'stu'],
      ['prosinac', 'prosinca', 'pro'],
    ],
    weekdays: [
      ['ponedjeljak', 'pon'],
      ['utorak', 'uto'],
      ['srijeda', 'sri'],
      ['četvrtak', 'čet'],
      ['petak', 'pet'],
      ['subota', 'sub'],
      ['nedjelja', 'ned'],
    ],
  },
};
