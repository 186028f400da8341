import type { Lexicon } from './types.ts';

export const nl: Lexicon = {
  code: 'nl',
  // ── intent ──
  intent: {
    greetings: ['hoi'],
    greetingLines: ['goedemorgen', 'beste'],
    signOffs: ['groeten', 'met vriendelijke groet'],
    mobileSignatures: ['verzonden vanaf mijn {device}'],
  },
  // ── autoReply ──
  autoReply: {
    failureSubjects: ['onbestelbaar', 'niet afgeleverd', 'kan niet worden bezorgd'],
    outOfOfficeSubjects: ['automatisch antwoord'],
    absenceSubjects: ['afwezig'],
    automaticReplies: ['automatisch antwoord'],
    absence: ['niet op kantoor', 'afwezig'],
    backBefore: ['terug'],
    untilBefore: ['tot'],
  },
  // ── quote ──
  quote: {},
  // ── due ──
  due: {},
};
