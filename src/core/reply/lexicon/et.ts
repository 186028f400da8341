import type { PartialLexicon } from './types.ts';

/** Estonian: its mail clients' quote words and dates. */
export const et: PartialLexicon = {
  code: 'et',
  quote: {
    headerLabels: {
      from: ['saatja', 'kellelt'],
      date: ['saadetud', 'kuupäev'],
      to: ['adressaat', 'saaja', 'kellele'],
      cc: ['koopia'],
      subject: ['teema'],
    },
    forwardSeparators: ['edastatud sõnum', 'edastatud kiri'],
    originalSeparators: ['algne sõnum', 'algkiri', 'originaalsõnum'],
  },
  dates: {
    months: [
      ['jaanuar', 'jaan'],
      ['veebruar', 'veebr'],
      ['märts', 'märts'],
      ['aprill', 'apr'],
      ['mai'],
      ['juuni', 'juuni'],
      ['juuli', 'juuli'],
      ['august', 'aug'],
      ['september', 'sept'],
      ['oktoober', 'okt'],
      ['november', 'nov'],
      ['detsember', 'dets'],
    ],
    weekdays: [
      ['esmaspäev', 'e'],
      ['teisipäev', 't'],
      ['kolmapäev', 'k'],
      ['neljapäev', 'n'],
      ['reede', 'r'],
      ['laupäev', 'l'],
      ['pühapäev', 'p'],
    ],
  },
};
