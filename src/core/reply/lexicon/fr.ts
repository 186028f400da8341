import type { Lexicon } from './types.ts';

export const fr: Lexicon = {
  code: 'fr',
  // ── intent ──
  intent: {},
  // ── autoReply ──
  autoReply: {},
  // ── quote ──
  quote: {},
  // ── due ──
  due: {},
};
