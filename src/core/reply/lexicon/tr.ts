import type { PartialLexicon } from './types.ts';

/** Turkish: its mail clients' quote words. */
export const tr: PartialLexicon = {
  code: 'tr',
  dates: {
    months: [
      ['ocak', 'oca'],
      ['şubat', 'subat', 'şub'],
      ['mart', 'mar'],
      ['nisan', 'nis'],
      ['mayıs', 'mayis', 'may'],
      ['haziran', 'haz'],
      ['temmuz', 'tem'],
      ['ağustos', 'agustos', 'ağu'],
      ['eylül', 'eylul', 'eyl'],
      ['ekim', 'eki'],
      ['kasım', 'kasim', 'kas'],
      ['aralık', 'aralik', 'ara'],
    ],
    weekdays: [
      ['pazartesi', 'pzt'],
      ['salı', 'sali', 'sal'],
      ['çarşamba', 'carsamba', 'çar'],
      ['perşembe', 'persembe', 'per'],
      ['cuma', 'cum'],
      ['cumartesi', 'cmt'],
      ['pazar', 'paz'],
    ],
    pm: ['ös'],
    am: ['öö'],
  },
  quote: {
    attributionVerbs: ['yazdı'],
    headerLabels: {
      from: ['kimden'],
      date: ['gönderildi', 'tarih'],
      to: ['kime'],
      cc: ['bilgi'],
      subject: ['konu'],
    },
    forwardSeparators: ['iletilen mesaj'],
    originalSeparators: ['orijinal mesaj', 'orijinal ileti'],
  },
};
