import type { Lexicon } from './types.ts';

export const nl: Lexicon = {
  code: 'nl',
  // ── intent ──
  intent: {},
  // ── autoReply ──
  autoReply: {},
  // ── quote ──
  quote: {
    attributionOpeners: ['op'],
    attributionVerbs: ['schreef', 'het volgende geschreven'],
    headerLabels: {
      from: ['van', 'afzender'],
      date: ['datum', 'verzonden'],
      to: ['aan'],
      cc: ['kopie'],
      subject: ['onderwerp'],
      replyTo: ['beantwoorden - aan'],
    },
    forwardSeparators: ['doorgestuurd bericht'],
    originalSeparators: ['oorspronkelijk bericht', 'origineel bericht'],
    forwardIntroductions: ['begin doorgestuurd bericht'],
    aboveThisLine: { phrases: ['boven deze regel', 'boven deze lijn'] },
    footers: {
      starts: ['verzonden', 'verstuurd', 'download'],
      patterns: ['^(?:verzonden|verstuurd) (?:met|vanaf|van|via) ', '^download outlook '],
    },
    disclaimerSentences: ['(?:dit|deze) (?:e-?mail|bericht)\\b.{0,160}(?:vertrouwelijk|uitsluitend bestemd)'],
  },
  // ── due ──
  due: {
    chrono: 'nl',
    hints: {
      words: [
        'ik',
        'het',
        'een',
        'niet',
        'morgen',
        'bedankt',
        'dank',
        'vandaag',
        'wij',
        'zij',
        'hem',
        'haar',
        'bel',
        'stuur',
        'week',
        'uur',
        'graag',
        'morgenochtend',
      ],
    },
    numbers: { een: 1, twee: 2, drie: 3 },
    hourUnits: ['uur'],
    relativeWords: ['binnen', 'om'],
    dottedDates: true,
  },
};
