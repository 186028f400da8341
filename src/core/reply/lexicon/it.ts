import type { Lexicon } from './types.ts';

export const it: Lexicon = {
  code: 'it',
  // ── intent ──
  intent: {},
  // ── autoReply ──
  autoReply: {},
  // ── quote ──
  quote: {},
  // ── due ──
  due: {},
};
