import type { Lexicon } from './types.ts';

export const de: Lexicon = {
  code: 'de',
  // ── intent ──
  intent: {},
  // ── autoReply ──
  autoReply: {},
  // ── quote ──
  quote: {},
  // ── due ──
  due: {},
};
