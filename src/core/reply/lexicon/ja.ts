import type { Lexicon } from './types.ts';

export const ja: Lexicon = {
  code: 'ja',
  // ── intent ──
  intent: {},
  // ── autoReply ──
  autoReply: {},
  // ── quote ──
  quote: {
    attributionOpeners: [],
    attributionVerbs: ['のメッセージ', 'のメール', '書きました'],
    headerLabels: {
      from: ['差出人'],
      date: ['送信日時', '日付'],
      to: ['宛先'],
      subject: ['件名'],
    },
    forwardSeparators: ['転送されたメッセージ', '転送メッセージ'],
    originalSeparators: ['元のメッセージ'],
    footers: { starts: [], ends: ['から送信'], patterns: ['から送信$'] },
  },
  // ── due ──
  due: {
    chrono: 'ja',
    hints: { scripts: ['Hiragana', 'Katakana'] },
    numbers: { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 十: 10 },
    halves: ['半'],
    halfAfter: ['半'],
    hourUnits: ['時間'],
    minuteUnits: ['分'],
    relativeWords: ['後', '以内'],
    durations: ['(?:\\d+|[一二三四五十]+)\\s*(?:時間半?|分)(?:後|以内)'],
    // "20日に": a day of the month without its month ("12月20日" is chrono's).
    daysOfMonth: ['(?<![\\d０-９月/])(?<day>\\d{1,2})日(?!間|後|以内|前|ぶり)'],
    noon: ['正午|お昼'],
    marks: {
      firstThing: ['朝一番?|朝イチ|始業(?:時|直後)?'],
      morning: ['午前中?(?![\\d０-９])'],
      afternoon: ['午後(?![\\d０-９])|昼過ぎ|午後一'],
      evening: ['夕方|今晩'],
      endOfDay: ['終業(?:時間)?(?:まで)?|定時(?:まで)?|業務終了(?:まで)?|本日中|今日中'],
      earlyNextWeek: ['週明け'],
      nextWeek: ['来週中?'],
      thisWeek: ['今週中?|週内'],
    },
    daysAhead: [{ days: 2, words: ['明後日|あさって'] }],
    connectors: ['の', 'に', '、'],
    thisWords: ['今週'],
    todayWords: ['今日', '本日', '今朝'],
  },
};
