import type { Lexicon } from './types.ts';

export const it: Lexicon = {
  code: 'it',
  // ── intent ──
  intent: {},
  // ── autoReply ──
  autoReply: {},
  // ── quote ──
  quote: {
    attributionOpeners: ['il', 'il giorno'],
    attributionVerbs: ['ha scritto', 'scrisse'],
    headerLabels: {
      from: ['da', 'mittente'],
      date: ['data', 'inviato'],
      to: ['a', 'destinatari'],
      subject: ['oggetto'],
      replyTo: ['risposta'],
    },
    forwardSeparators: ['messaggio inoltrato'],
    originalSeparators: ['messaggio originale'],
    forwardIntroductions: ['inizio messaggio inoltrato'],
    aboveThisLine: { phrases: ['sopra questa riga', 'sopra questa linea'] },
    footers: {
      starts: ['inviato', 'scarica'],
      patterns: ['^inviato (?:da|dal|dalla|con) ', '^scarica outlook '],
    },
    disclaimerHeadings: ['avviso di riservatezza'],
    disclaimerSentences: [
      '(?:questo|il presente|questa) (?:messaggio|e-?mail|mail|comunicazione)\\b.{0,160}(?:riservat|confidenzial|destinatari)',
      "questo messaggio e'? stato analizzato",
    ],
  },
  // ── due ──
  due: {
    chrono: 'it',
    hints: {
      words: [
        'io',
        'il',
        'non',
        'domani',
        'grazie',
        'oggi',
        'sono',
        'della',
        'per',
        'chiamo',
        'invio',
        'settimana',
        'alle',
        'lo',
        'gli',
      ],
    },
    hourUnits: ['ore'],
    minuteUnits: ['minuti'],
    relativeWords: ['tra', 'fra'],
    dottedDates: true,
  },
};
