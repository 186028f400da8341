import type { PartialLexicon } from './types.ts';

/** Vietnamese: its mail clients' quote words. */
export const vi: PartialLexicon = {
  code: 'vi',
  quote: {
    attributionOpeners: ['vào'],
    attributionVerbs: ['đã viết'],
    headerLabels: {
      from: ['từ'],
      date: ['ngày'],
      to: ['đến'],
      subject: ['chủ đề'],
    },
  },
};
