import type { PartialLexicon } from './types.ts';

/** Polish: its mail clients' quote words. */
export const pl: PartialLexicon = {
  code: 'pl',
  dates: {
    months: [
      ['styczeń', 'stycznia', 'sty'],
      ['luty', 'lutego', 'lut'],
      ['marzec', 'marca', 'mar'],
      ['kwiecień', 'kwietnia', 'kwi'],
      ['maj', 'maja'],
      ['czerwiec', 'czerwca', 'cze'],
      ['lipiec', 'lipca', 'lip'],
      ['sierpień', 'sierpnia', 'sie'],
      ['wrzesień', 'września', 'wrz'],
      ['październik', 'października', 'paź'],
      ['listopad', 'listopada', 'lis'],
      ['grudzień', 'grudnia', 'gru'],
    ],
    weekdays: [
      ['poniedziałek', 'pon'],
      ['wtorek', 'wt'],
      ['środa', 'śr'],
      ['czwartek', 'czw'],
      ['piątek', 'pt'],
      ['sobota', 'sob'],
      ['niedziela', 'niedz', 'nd'],
    ],
  },
  quote: {
    attributionOpeners: ['w dniu', 'dnia'],
    attributionVerbs: ['napisał(a)', 'napisała', 'napisał', 'pisze'],
    headerLabels: {
      from: ['od', 'nadawca'],
      date: ['wysłano', 'wysłane', 'data'],
      to: ['do'],
      cc: ['kopia'],
      subject: ['temat'],
    },
    forwardSeparators: ['przekazana wiadomość', 'wiadomość przekazana'],
    originalSeparators: ['wiadomość oryginalna', 'oryginalna wiadomość'],
    aboveThisLine: {
      phrases: ['powyżej tej linii'],
    },
    footers: {
      starts: ['wysłan', 'pobierz'],
      patterns: ['^wysłan[eoy] (?:z|ze|za pomocą) ', '^pobierz outlook '],
    },
  },
};
