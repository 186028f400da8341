import type { Lexicon } from './types.ts';

export const es: Lexicon = {
  code: 'es',
  // ── intent ──
  intent: {},
  // ── autoReply ──
  autoReply: {},
  // ── quote ──
  quote: {},
  // ── due ──
  due: {},
};
