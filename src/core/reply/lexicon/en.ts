import type { Lexicon } from './types.ts';

export const en: Lexicon = {
  code: 'en',
  // ── intent ──
  intent: {},
  // ── autoReply ──
  autoReply: {},
  // ── quote ──
  quote: {},
  // ── due ──
  due: {},
};
