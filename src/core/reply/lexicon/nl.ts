import type { Lexicon } from './types.ts';

export const nl: Lexicon = {
  code: 'nl',
  // ── intent ──
  intent: {},
  // ── autoReply ──
  autoReply: {},
  // ── quote ──
  quote: {},
  // ── due ──
  due: {},
};
