import type { PartialLexicon } from './types.ts';

/** Korean: its mail clients' quote words. */
export const ko: PartialLexicon = {
  code: 'ko',
  // Dates are written in numbers (2027年2月9日, 2027년 2월 9일); only the 12-hour words are words.
  dates: { months: [], weekdays: [], pm: ['오후'], am: ['오전'] },
  quote: {
    attributionVerbs: ['작성'],
    headerLabels: {
      from: ['보낸 사람'],
      date: ['보낸 날짜'],
      to: ['받는 사람'],
      subject: ['제목'],
    },
    forwardSeparators: ['전달된 메시지'],
    originalSeparators: ['원본 메시지'],
    footers: {
      starts: [],
      ends: ['에서 보냄'],
      patterns: ['에서 보냄$'],
    },
  },
};
