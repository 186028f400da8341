import type { Lexicon } from './types.ts';

export const pt: Lexicon = {
  code: 'pt',
  // ── intent ──
  intent: {},
  // ── autoReply ──
  autoReply: {},
  // ── quote ──
  quote: {},
  // ── due ──
  due: {},
};
