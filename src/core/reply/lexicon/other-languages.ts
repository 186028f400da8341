import type { DueWords, QuoteWords } from './types.ts';

/**
 * A language Baton reads without a lexicon of its own: its mail clients' quote words (a reply in any
 * language may quote a message from a client in this one) and, for some, how it writes due times.
 * Give it a lexicon file once its intent words are written.
 */
export interface PartialLexicon {
  code: string;
  quote: Partial<QuoteWords>;
  due?: DueWords;
}

export const OTHER_LANGUAGES: readonly PartialLexicon[] = [
  {
    code: 'sv',
    quote: {
      attributionOpeners: ['den', 'på'],
      attributionVerbs: ['skrev', 'skriver'],
      headerLabels: {
        from: ['från'],
        date: ['skickat', 'datum'],
        to: ['till'],
        cc: ['kopia'],
        subject: ['ämne'],
        replyTo: ['svara till'],
      },
      forwardSeparators: ['vidarebefordrat meddelande'],
      originalSeparators: ['originalmeddelande', 'ursprungligt meddelande'],
      forwardIntroductions: ['vidarebefordrat brev'],
      aboveThisLine: { phrases: ['ovanför denna rad', 'ovanför denna linje'] },
      footers: { starts: ['skickat', 'hämta'], patterns: ['^skickat? (?:från|med) ', '^hämta outlook '] },
    },
    due: {
      chrono: 'sv',
      hints: {
        words: [
          'jag',
          'och',
          'inte',
          'imorgon',
          'tack',
          'idag',
          'vi',
          'honom',
          'henne',
          'ringer',
          'skickar',
          'vecka',
          'kl',
          'det',
          'är',
        ],
        letters: '[å]',
      },
      numbers: { en: 1, ett: 1, två: 2, tre: 3 },
      hourUnits: ['timmar?'],
      minuteUnits: ['minuter'],
      relativeWords: ['inom', 'över'],
      clocks: ['kl\\.?\\s*(?<hour>\\d{1,2})(?:[:.](?<minute>\\d{2}))?'],
      dottedDates: true,
    },
  },
  {
    code: 'da',
    quote: {
      attributionOpeners: ['den', 'på'],
      attributionVerbs: ['skrev', 'skriver'],
      headerLabels: { from: ['fra'], date: ['sendt', 'dato'], to: ['til'], subject: ['emne'] },
      forwardSeparators: ['videresendt meddelelse'],
      originalSeparators: ['oprindelig meddelelse', 'oprindelig besked'],
      footers: { starts: ['sendt'], patterns: ['^sendt (?:fra|med) '] },
    },
  },
  {
    code: 'nb',
    quote: {
      attributionOpeners: ['den'],
      attributionVerbs: ['skrev', 'skriver'],
      headerLabels: { from: ['fra'], date: ['sendt', 'dato'], to: ['til'], subject: ['emne'] },
      forwardSeparators: ['videresendt melding'],
      originalSeparators: ['opprinnelig melding'],
      footers: { starts: ['sendt'], patterns: ['^sendt (?:fra|med) '] },
    },
  },
  { code: 'is', quote: { headerLabels: { from: ['frá'] } } },
  {
    code: 'fi',
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
      footers: { starts: ['lähetetty'], patterns: ['^lähetetty \\S'] },
    },
  },
  {
    code: 'pl',
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
      aboveThisLine: { phrases: ['powyżej tej linii'] },
      footers: {
        starts: ['wysłan', 'pobierz'],
        patterns: ['^wysłan[eoy] (?:z|ze|za pomocą) ', '^pobierz outlook '],
      },
    },
  },
  {
    code: 'cs',
    quote: {
      attributionOpeners: ['dne'],
      attributionVerbs: ['napsal'],
      headerLabels: {
        from: ['od', 'odesílatel'],
        date: ['odesláno'],
        to: ['komu', 'do'],
        cc: ['kopie'],
        subject: ['předmět'],
      },
      forwardSeparators: ['přeposlaná zpráva'],
      originalSeparators: ['původní zpráva'],
      footers: { starts: ['odesláno'], patterns: ['^odesláno (?:z|ze) '] },
    },
  },
  {
    code: 'sk',
    quote: { attributionOpeners: ['dňa'], attributionVerbs: ['napísal'], headerLabels: { date: ['dátum'] } },
  },
  {
    code: 'ru',
    quote: {
      attributionOpeners: ['в'],
      attributionVerbs: ['написал(а)', 'написала', 'написал'],
      headerLabels: {
        from: ['от', 'от кого'],
        date: ['отправлено', 'дата'],
        to: ['кому'],
        cc: ['копия'],
        subject: ['тема'],
      },
      forwardSeparators: ['пересылаемое сообщение', 'пересланное сообщение'],
      originalSeparators: ['исходное сообщение', 'оригинальное сообщение'],
      aboveThisLine: { phrases: ['над этой строкой'] },
      footers: {
        starts: ['отправлено', 'послано', 'скачайте'],
        patterns: ['^(?:отправлено|послано) (?:с|з|из) ', '^скачайте outlook '],
      },
    },
    due: { chrono: 'ru', hints: { scripts: ['Cyrillic'] }, dottedDates: true },
  },
  {
    code: 'uk',
    quote: {
      attributionOpeners: ['в'],
      attributionVerbs: ['написав', 'написала', 'пише'],
      headerLabels: {
        from: ['від'],
        date: ['надіслано', 'дата'],
        to: ['кому'],
        cc: ['копія'],
        subject: ['тема'],
      },
      forwardSeparators: ['переслане повідомлення'],
      originalSeparators: ['оригінальне повідомлення', 'вихідне повідомлення'],
      footers: { starts: ['надіслано'], patterns: ['^надіслано (?:с|з|из) '] },
    },
  },
  {
    code: 'zh',
    quote: {
      attributionOpeners: ['在', '於'],
      attributionVerbs: ['写道', '寫道'],
      headerLabels: {
        from: ['发件人', '寄件者', '發件人'],
        date: ['发送时间', '發送時間', '日期'],
        to: ['收件人', '收件者'],
        cc: ['抄送', '副本'],
        subject: ['主题', '主旨'],
      },
      forwardSeparators: ['转发的邮件', '轉寄的郵件'],
      originalSeparators: ['原始邮件', '原始郵件'],
      footers: { starts: ['從我的', '从我的'], patterns: ['^(?:從我的|从我的).{0,20}(?:傳送|发送)$'] },
    },
    due: { chrono: 'zh', hints: { scripts: ['Han'] } },
  },
  {
    code: 'ko',
    quote: {
      attributionVerbs: ['작성'],
      headerLabels: { from: ['보낸 사람'], date: ['보낸 날짜'], to: ['받는 사람'], subject: ['제목'] },
      forwardSeparators: ['전달된 메시지'],
      originalSeparators: ['원본 메시지'],
      footers: { starts: [], ends: ['에서 보냄'], patterns: ['에서 보냄$'] },
    },
  },
  {
    code: 'tr',
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
  },
  {
    code: 'hu',
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
  },
  {
    code: 'vi',
    quote: {
      attributionOpeners: ['vào'],
      attributionVerbs: ['đã viết'],
      headerLabels: { from: ['từ'], date: ['ngày'], to: ['đến'], subject: ['chủ đề'] },
    },
  },
  {
    code: 'el',
    quote: {
      attributionOpeners: ['στις'],
      attributionVerbs: ['έγραψε'],
      forwardSeparators: ['προωθημένο μήνυμα'],
      originalSeparators: ['αρχικό μήνυμα'],
    },
  },
  {
    code: 'ro',
    quote: { forwardSeparators: ['mesaj redirecționat'], originalSeparators: ['mesaj original'] },
  },
  { code: 'ca', quote: { originalSeparators: ['missatge original'] } },
];
