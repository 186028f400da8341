import type { PartialLexicon } from './types.ts';

/** Chinese: its mail clients' quote words and how it writes due times. */
export const zh: PartialLexicon = {
  code: 'zh',
  // Dates are written in numbers (2027年2月9日, 2027년 2월 9일); only the 12-hour words are words.
  dates: { months: [], weekdays: [], pm: ['下午', '晚上'], am: ['上午', '早上'] },
  quote: {
    attributionOpeners: ['在', '於'],
    attributionVerbs: ['写道', '寫道'],
    headerLabels: {
      from: ['发件人', '寄件者', '發件人'],
      date: ['发送时间', '發送時間', '日期'],
      to: ['收件人', '收件者'],
      cc: ['抄送', '副本'],
      subject: ['主题', '主旨'],
    },
    forwardSeparators: ['转发的邮件', '轉寄的郵件'],
    originalSeparators: ['原始邮件', '原始郵件'],
    footers: {
      starts: ['從我的', '从我的'],
      patterns: ['^(?:從我的|从我的).{0,20}(?:傳送|发送)$'],
    },
  },
  due: {
    chrono: 'zh',
    hints: {
      scripts: ['Han'],
    },
  },
};
