import type { Lexicon } from './types.ts';

export const ja: Lexicon = {
  code: 'ja',
  // ── intent ──
  intent: {
    unspaced: true,
    lists: {
      // Acknowledgments in the past tense: "了解しました" is no completed step.
      understood: [
        '了解',
        '承知',
        '拝承',
        '確認',
        '理解',
        '把握',
        // "内容拝見しました": I have read it, nothing done yet.
        '拝見',
        '拝読',
        'かしこまり',
        '了解いた',
        '承知いた',
        '拝承いた',
        '確認いた',
        '理解いた',
        '把握いた',
      ],
      completed: [
        'しました',
        'いたしました',
        '致しました',
        '済みです',
        '済です',
        '済み',
        '(?:を|の)(?:いただき|頂き)ました',
        '完了しました',
        '完了です',
        '完了',
        '確定しました',
        '入れました',
        'なりました',
        '決まりました',
        '確定しています',
        '取れました',
        '締結しました',
        '終わりました',
        '送りました',
      ],
    },
    greetingLinePatterns: [
      '[^\\n]{1,12}(?:さん|様|殿)[、,]?',
      'お疲れ(?:様|さま)です。?',
      'お世話になっております。?',
      'いつもお世話になっております。?',
    ],
    signOffs: [
      'よろしくお願いします',
      'よろしくお願いいたします',
      'よろしくお願い致します',
      '以上(?:、)?(?:よろしくお願いします)?',
    ],
    mobileSignatures: ['[\\p{L}\\p{N} ]{2,20}から送信'],
    // "、" breaks a clause, but not after a て-form ("確認して、").
    clauseBreaks: ['(?<![てでし])、'],
    negations: ['ません', 'ない', 'できず', '不可'],

    // A non-past polite verb ending with a concrete action: "電話します", "送付いたします".
    verbFinal: {
      promise:
        '(?:ます|ましょう|する予定です|する予定|します|するね|するよ|しとく|送るね|送るよ)(?:[。！!〜~ー\\p{Extended_Pictographic}]|$|ね|よ|わ|\\s)',
      past: 'ました',
      // "〜ています"/"〜てます" describes a state ("受領のご連絡もいただいてます"), not a step to come; so do
      // the polite "ございます" of thanks ("ご連絡ありがとうございます"), the humble "〜ております" and an opinion
      // ("適任だと思います", "かと存じます").
      state: '(?:[てで]い?|[てで]あり|ござい|おり|思い|存じ)$',
      concrete: [
        '電話',
        '連絡',
        '送付',
        '送信',
        'メール',
        '提出',
        '予約',
        '調整',
        '訪問',
        '架電',
        '手配',
        '共有',
        '作成',
        '準備',
        '打診',
        'アポ',
        '打ち合わせ',
        '案内',
        '提案',
        'フォロー',
        '送り',
        '送っ',
        'お送り',
        '送ります',
        'かけ',
        '折り返',
        '伺',
        '面談',
        '商談',
        'ヒアリング',
      ],
    },

    // "later in the week", "when I get a moment": no moment at all.
    // "明日から連休をいただいておりますので": from that day on, away ("14時から" starts a step).
    dayCopulas: ['は', 'から(?=(?:お?休み|連休|休暇|夏季休暇|夏休み|冬休み|不在|出張|有給|年末年始))'],
    thenWords: ['そうしたら', 'それなら', 'その上で'],
    vagueTimes: [
      '時間(?:が|の)?(?:でき|取れ)(?:たら|次第)',
      '手が空(?:いたら|き次第)',
      '落ち着いたら',
      '週の後半',
      'そのうち',
      '今週中のどこか',
      // A period, not a moment: with a promise that names no step, no time at all.
      '来週あたり',
      // "お盆明けあたりで", "月末ごろ": around a time, not at it.
      '(?:明け)?(?:あたり|辺り)(?:で|に)',
      '(?:頃|ごろ)(?:に|で)?(?=[^0-9０-９時]*$)',
      '週末',
      '今週中',
      '近いうちに',
      '近日中',
      '休み明け',
      '連休明け',
    ],
    done: [
      // "見積書を送付しております": sent (the humble present of a finished handing-over).
      '(?:送付|送信|お送り|手配|提出|共有|ご案内)(?:いた)?しております',
      '(?:すでに|既に|もう)[^。！？]{0,24}(?:ています|ております|てあります)',
      // "ヒアリングはもう済ませています", "送付済み".
      '済ませ(?:ています|てます|ました|てあります)',
      'もう[^。！？]{0,12}済',
      // A past or completed form that is not an acknowledgment ("了解しました").
      '(?<!{understood}){completed}(?:。|！|!|$|、|\\s|\\p{Extended_Pictographic})',
    ],
    notYet: ['まだ'],

    firmRefusals: ['利益相反'],
    someoneElse: ['(?:他の|ほかの)(?:方|人|担当)'],
    declines: [
      [
        '(?:対応|担当|お受け|引き受け|お引き受け|お引受け)(?:は)?(?:でき|いたしかね|致しかね|られ)(?:ません|かねます)',
        '(?:対応|担当)(?:は|が)難しい',
        'お断り',
        '(?:対応|担当)(?:でき|出来)ない',
        '手一杯',
        '無理(?:です|っす|だ)',
        '見送らせて',
        '見送り(?:ます|たい|させて)',
        '辞退(?:させて|します|いたします|致します)',
      ],
      // Sending it back to the team or pool: "it goes back to the pool", "lo devuelvo al equipo".
      [
        '(?:チーム|プール)[^。！？]{0,10}(?:に|へ)(?:お?(?:戻して|戻し|返して|返し|返却)|差し戻)',
        '(?:チーム|プール)(?:に|へ)戻(?:します|させて)',
      ],
    ],
    // "Laura is better placed for this one": a decline, or a reassign with her address.
    // The lead handed on by copying a colleague in, forwarding it, or saying whose it is (see the type).
    handsOver: ['(?:CC|ＣＣ|cc)(?:に|で|へ)|に転送|(?:が|の)担当|に引き継'],
    scheduled: ['設定しました', '予約しました', '調整しました', '設定済み', 'セットしました'],
    betterPlaced: ['の方が(?:適任|適切|詳しい|向いて)', '(?:が|の方が)より適任'],
    // Only standing alone: "申し訳ありませんが、".
    apologies: ['\\b申し訳(?:ありません|ございません)が?\\b', '\\bすみません\\b'],

    reassigns: [
      // A suggestion asked of the giver ("Could Anjali take this?"): a reassign only with an address.
      {
        pattern: String.raw`{kanjiTarget}\s*(?:さん|様|氏)?\s*(?:（[^）]{0,60}）|\([^)]{0,60}\))?\s*(?:に|が)\s*(?:お願いでき|担当でき|対応でき|引き受けられ|代わってもらえ)(?:ます|ませ)`,
        suggestion: true,
      },
      {
        pattern:
          '{kanjiTarget}\\s*(?:さん|様|氏|くん)?\\s*(?:（[^）]{0,60}）|\\([^)]{0,60}\\))?\\s*(?:に|へ)\\s*(?:振って|振り|引き継いで|引継いで|引き継ぎ|回して|転送|再アサイン|アサイン|渡して|担当変更)',
      },
      // "本件は ito@… さんの担当になります".
      {
        pattern:
          '{kanjiTarget}\\s*(?:さん|様|氏)?\\s*の\\s*(?:担当|管轄|担当エリア)(?:に|です|になります|ですので|となります|となり)',
      },
      // "kenji.ito@example.com さんへの再割り当てをお願いできますか".
      {
        pattern:
          '{kanjiTarget}\\s*(?:さん|様|氏)?\\s*(?:へ|に)(?:の)?\\s*(?:再割り当て|再割当|割り当て|引き継ぎ|引継ぎ)',
      },
    ],

    acknowledgments: ['了解', '承知', 'かしこまりました', '確認します', 'ありがとうございます'],
    affirmations: ['はい', 'ええ', 'そうです', 'その(?:通り|とおり)です', '合っています'],
  },
  // ── autoReply ──
  autoReply: {
    failureSubjects: [
      '配信(?:不能|エラー|失敗)',
      '配送(?:不能|失敗)',
      '宛先不明',
      '送信(?:できませんでした|エラー)',
      'エラーメール',
      'メールエラー',
      'エラー通知',
      '不達',
    ],
    outOfOfficeSubjects: ['自動(?:応答|返信|送信)'],
    absenceSubjects: ['不在', '休暇'],
    failureBodies: ['配信できませんでした', '送信できませんでした', '宛先不明'],
    automaticReplies: ['自動(?:応答|返信)'],
    absence: ['不在'],
    leave: ['休暇', '出張'],
    returning: ['出社(?:予定|いたします)', 'より順次', '戻り(?:ます|予定)'],
    urgent: ['緊急の(?:場合|ご用件)'],
    backAfter: ['(?:より|以降|から).{0,8}(?:対応|出社|返信|戻|復帰|連絡)', 'に?(?:出社|復帰|戻り|戻ります)'],
    untilAfter: ['(?:[（(][^）)]{0,8}[）)])?\\s*まで'],
    inclusive: ['まで'],
    recipientLabels: ['宛先'],
  },
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
  // ── dates ──
  dates: {
    months: [],
    weekdays: [['月曜日'], ['火曜日'], ['水曜日'], ['木曜日'], ['金曜日'], ['土曜日'], ['日曜日']],
    pm: ['午後'],
    am: ['午前'],
  },
  // ── due ──
  due: {
    chrono: 'ja',
    weekdays: {
      月曜日: 1,
      月曜: 1,
      火曜日: 2,
      火曜: 2,
      水曜日: 3,
      水曜: 3,
      木曜日: 4,
      木曜: 4,
      金曜日: 5,
      金曜: 5,
      土曜日: 6,
      土曜: 6,
      日曜日: 7,
      日曜: 7,
    },
    holidays: {
      newYearHolidays: ['年末年始', 'お正月', '正月', '三が日'],
      goldenWeek: ['ゴールデンウィーク', 'ゴールデンウイーク', 'GW'],
      obon: ['お盆', '盆休み'],
    },
    holidayPhrases: {
      after: [
        '(?<holiday>{holiday})(?:明け|後|以降)の?(?<weekday>{weekday})',
        '(?<holiday>{holiday})(?:休み)?明け',
      ],
      dayAfter: ['(?<holiday>{holiday})の?翌日'],
    },
    officeHours: ['営業時間', '受付時間', '対応時間'],
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
