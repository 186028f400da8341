import type { Lexicon } from './types.ts';

export const it: Lexicon = {
  code: 'it',
  // ── intent ──
  intent: {
    greetings: ['ciao'],
    greetingLines: ['buongiorno'],
    signOffs: ['grazie', 'saluti', 'cordiali saluti'],
    mobileSignatures: ['inviato da {device}'],
  },
  // ── autoReply ──
  autoReply: {
    failureSubjects: ['mancata consegna', 'non recapitat[oa]', 'impossibile recapitare'],
    outOfOfficeSubjects: ['risposta automatica', 'fuori ufficio'],
    absenceSubjects: ['in ferie'],
    automaticReplies: ['risposta automatica'],
    absence: ["fuori (?:dall')?ufficio"],
    leave: ['in ferie'],
    backBefore: ['tornerò', 'rientro'],
    untilBefore: ['fino al'],
  },
  // ── quote ──
  quote: {},
  // ── due ──
  due: {},
};
