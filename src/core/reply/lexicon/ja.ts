import type { Lexicon } from './types.ts';

export const ja: Lexicon = {
  code: 'ja',
  // ── intent ──
  intent: {},
  // ── autoReply ──
  autoReply: {},
  // ── quote ──
  quote: {},
  // ── due ──
  due: {},
};
