import type { PartialLexicon } from './types.ts';

/** Finnish: its mail clients' quote words. */
export const fi: PartialLexicon = {
  code: 'fi',
  dates: {
    months: [
      ['tammikuu', 'tammikuuta', 'tammik'],
      ['helmikuu', 'helmikuuta', 'helmik'],
      ['maaliskuu', 'maaliskuuta', 'maalisk'],
      ['huhtikuu', 'huhtikuuta', 'huhtik'],
      ['toukokuu', 'toukokuuta', 'toukok'],
      ['kesäkuu', 'kesäkuuta', 'kesäk'],
      ['heinäkuu', 'heinäkuuta', 'heinäk'],
      ['elokuu', 'elokuuta', 'elok'],
      ['syyskuu', 'syyskuuta', 'syysk'],
      ['lokakuu', 'lokakuuta', 'lokak'],
      ['marraskuu', 'marraskuuta', 'marrask'],
      ['joulukuu', 'joulukuuta', 'jouluk'],
    ],
    weekdays: [
      ['maanantai', 'maanantaina', 'ma'],
      ['tiistai', 'tiistaina', 'ti'],
      ['keskiviikko', 'keskiviikkona', 'ke'],
      ['torstai', 'torstaina', 'to'],
      ['perjantai', 'perjantaina', 'pe'],
      ['lauantai', 'lauantaina', 'la'],
      ['sunnuntai', 'sunnuntaina', 'su'],
    ],
  },
  quote: {
    attributionVerbs: ['kirjoitti'],
    headerLabels: {
      from: ['lähettäjä'],
      date: ['lähetetty', 'päivämäärä'],
      to: ['vastaanottaja'],
      cc: ['kopio'],
      subject: ['aihe'],
    },
    forwardSeparators: ['välitetty viesti'],
    originalSeparators: ['alkuperäinen viesti'],
    footers: {
      starts: ['lähetetty'],
      patterns: ['^lähetetty \\S'],
    },
  },
};
