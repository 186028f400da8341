import { HTML_CUE } from './html-cues.ts';

/** What is left of a reply once quoted history, signatures and disclaimers are removed. */
export interface StripResult {
  /** The new text the sender wrote, trimmed. */
  text: string;
  /** True when something (quote, signature, disclaimer) was removed. */
  stripped: boolean;
  /** The sign-off block removed from under the new text (`-- ` signature, mobile footer, legal disclaimer), or null. */
  signature: string | null;
  /**
   * True when the reply carried no words of its own and `text` is the material it quoted or forwarded
   * (an uncommented forward, a bare quote). Treat such text as context, never as the sender's answer.
   */
  quotedOnly: boolean;
}

// Only the head of a message is read: the new text of a reply sits at the top, and every rule stays linear.
const MAX_TEXT = 64 * 1024;
// Longer lines are prose or quoted data, never an attribution, header or signature line.
const MAX_MARKER_LINE = 400;

// Line kinds.
const EMPTY = 0;
const TEXT = 1;
const QUOTE = 2;
const ATTRIBUTION = 3;
const FORWARD = 4;
const ORIGINAL = 5;
const HEADER = 6;
const DELIMITER = 7;
const FOOTER = 8;
const ABOVE = 9;
const HISTORY = 10;
const SIGNATURE_START = 11;
const SIGNATURE_END = 12;
const WEAK_ATTRIBUTION = 13;

// --- Attribution lines ("On … wrote:") -------------------------------------------------------------

// Words that open an attribution line, by language.
const OPENER =
  /^[\s>*-]*(?:on|at|am|le|el|em|no dia|op|il(?: giorno)?|den|på|vào|w dniu|dnia|dňa|dne|в|στις|在|於)(?=[\s\d,])/iu;
const LATIN_WROTE =
  'wrote|writes|said|says|schrieb|schrieben|geschrieben|a\\s+écrit|a\\s+ecrit|escribió|escribio|ha\\s+escrito|escreveu|schreef|het\\s+volgende\\s+geschreven|ha\\s+scritto|scrisse|skrev|skriver|napisał\\(a\\)|napisała|napisał|pisze|napsal|napísal|написал\\(а\\)|написала|написал|написав|написала|пише|đã\\s+viết|kirjoitti|írta|yazdı|έγραψε';
const CJK_WROTE = '写道|寫道|のメッセージ|のメール|書きました|작성';
const WROTE_ANYWHERE = new RegExp(`(?:(?<!\\p{L})(?:${LATIN_WROTE}|sent)(?!\\p{L})|${CJK_WROTE})`, 'iu');
const ENDS_WITH_WROTE = new RegExp(
  `(?:(?<!\\p{L})(?:${LATIN_WROTE})(?!\\p{L})|${CJK_WROTE})\\s*(?:\\(a\\))?\\s*[:：]\\s*$`,
  'iu',
);
const ENDS_LIKE_ATTRIBUTION = new RegExp(
  `(?:[:：]|(?<!\\p{L})(?:${LATIN_WROTE}|sent)|${CJK_WROTE}|-{2,})\\s*$`,
  'iu',
);
const WROTE_ON_DATE = /(?<!\p{L})(?:wrote|schrieb)\s+(?:on|am)\s.*[:：]\s*$/iu;
const DASHED_WROTE = new RegExp(`^[\\s>]*-{2,}\\s*\\S.*(?:${LATIN_WROTE})\\s*-{2,}\\s*$`, 'iu');
const ANGLE_EMAIL_AT_END = /<\s*(?:mailto:)?[^\s<>@]+@[^\s<>]+\s*>+\s*([:：]?)\s*$/;
const DATE_LIKE = /\d{4}|\d{1,2}[./-]\d{1,2}[./-]\d{2,4}/;
const ISO_DATE_GMT = /^\s*\d{4}-\d{2}-\d{2} \d{1,2}:\d{2} GMT[+-]\d{2}:?\d{2}\s+\S/;
const DIGIT = /\d/;

// Whether one (possibly joined) line introduces quoted text. `weak` asks the caller to confirm with
// the next line: a bare "Bob wrote:" is an attribution only when a quote follows it.
function attributionStrength(s: string): 'strong' | 'weak' | null {
  if (s.length > MAX_MARKER_LINE) return null;
  if (ISO_DATE_GMT.test(s)) return 'strong';
  if (DASHED_WROTE.test(s)) return 'strong';
  const hasDigit = DIGIT.test(s);
  if (OPENER.test(s) && hasDigit && ENDS_LIKE_ATTRIBUTION.test(s) && WROTE_ANYWHERE.test(s)) return 'strong';
  if (ENDS_WITH_WROTE.test(s)) {
    return hasDigit || s.includes('@') || / via /i.test(s) ? 'strong' : 'weak';
  }
  if (hasDigit && WROTE_ON_DATE.test(s)) return 'strong';
  const email = ANGLE_EMAIL_AT_END.exec(s);
  if (email && DATE_LIKE.test(s.slice(0, email.index))) return email[1] ? 'strong' : 'weak';
  return null;
}

// Lines that may begin an attribution wrapped over several lines.
const JOIN_START =
  /^[\s>*-]*(?:(?:on|at|am|le|el|em|op|il|den|på|vào|w dniu|dnia|dne|в|在)(?=[\s\d,])|\d|\p{L}{1,4}\.?,?\s+\d)/iu;
const NAME_AND_ADDRESS = /^[\s>*-]*[^<>]{1,80}<\s*(?:mailto:)?[^\s<>@]+@[^\s<>]+>/;

function mayStartAttribution(line: string): boolean {
  return (
    JOIN_START.test(line) ||
    (line.includes('@') && NAME_AND_ADDRESS.test(line)) ||
    line.trimEnd().endsWith('<')
  );
}

// --- Header blocks ("From: … Sent: … To: … Subject: …") --------------------------------------------

const FIELD_CATEGORY: Record<string, number> = {};
const FROM = 1;
const DATE = 2;
const TO = 3;
const CC = 4;
const SUBJECT = 5;
const REPLY_TO = 6;
const FIELD_NAMES: [number, string[]][] = [
  [
    FROM,
    [
      'from',
      'von',
      'de',
      'da',
      'van',
      'från',
      'fra',
      'frá',
      'od',
      'от',
      'від',
      'от кого',
      '差出人',
      '发件人',
      '寄件者',
      '發件人',
      'kimden',
      'feladó',
      'lähettäjä',
      'afzender',
      'expéditeur',
      'remitente',
      'mittente',
      'nadawca',
      'odesílatel',
      '보낸 사람',
      'từ',
    ],
  ],
  [
    DATE,
    [
      'sent',
      'date',
      'datum',
      'gesendet',
      'envoyé',
      'envoyé le',
      'enviado',
      'enviada',
      'enviada em',
      'enviado el',
      'data',
      'dato',
      'inviato',
      'skickat',
      'sendt',
      'fecha',
      'verzonden',
      'wysłano',
      'wysłane',
      'отправлено',
      'дата',
      'надіслано',
      '送信日時',
      '日付',
      '发送时间',
      '發送時間',
      '日期',
      'gönderildi',
      'tarih',
      'elküldve',
      'dátum',
      'lähetetty',
      'päivämäärä',
      'odesláno',
      '보낸 날짜',
      'ngày',
    ],
  ],
  [
    TO,
    [
      'to',
      'an',
      'à',
      'a',
      'para',
      'aan',
      'till',
      'til',
      'do',
      'кому',
      '宛先',
      '收件人',
      '收件者',
      'kime',
      'címzett',
      'vastaanottaja',
      'komu',
      '받는 사람',
      'đến',
      'destinataire',
      'destinatario',
      'destinatário',
      'destinatari',
    ],
  ],
  [
    CC,
    ['cc', 'kopie', 'copie', 'cópia', 'kopia', 'копия', 'копія', '抄送', '副本', 'bilgi', 'másolat', 'kopio'],
  ],
  [
    SUBJECT,
    [
      'subject',
      'betreff',
      'objet',
      'sujet',
      'asunto',
      'assunto',
      'oggetto',
      'onderwerp',
      'ämne',
      'emne',
      'temat',
      'тема',
      '件名',
      '主题',
      '主旨',
      'konu',
      'tárgy',
      'aihe',
      'předmět',
      '제목',
      'chủ đề',
    ],
  ],
  [
    REPLY_TO,
    ['reply-to', 'risposta', 'antwort an', 'répondre à', 'responder a', 'beantwoorden - aan', 'svara till'],
  ],
];
for (const [category, names] of FIELD_NAMES) for (const name of names) FIELD_CATEGORY[name] = category;
const FIELD_ALTERNATION = Object.keys(FIELD_CATEGORY)
  .sort((a, b) => b.length - a.length)
  .map((name) => name.replace(/[\\^$*+?.()|[\]{}]/g, '\\$&').replace(/ /g, '\\s+'))
  .join('|');
const HEADER_FIELD = new RegExp(`^\\s*\\*{0,2}\\s*(${FIELD_ALTERNATION})\\s*\\*{0,2}\\s*[:：]`, 'iu');

/** The header category of a quoted-message header line ("From:", "Von:", "De :", "*Sent:*", …), or 0. */
export function headerFieldCategory(line: string): number {
  if (line.length > MAX_MARKER_LINE * 4) return 0;
  // Field names are short: the colon comes early.
  const colon = line.indexOf(':');
  if ((colon < 0 || colon > 48) && !line.includes('：')) return 0;
  const m = HEADER_FIELD.exec(line);
  if (!m) return 0;
  return FIELD_CATEGORY[m[1]!.toLowerCase().replace(/\s+/g, ' ')] ?? 0;
}

/** Header categories, for readers of header blocks. */
export const HEADER_CATEGORY = {
  from: FROM,
  date: DATE,
  to: TO,
  cc: CC,
  subject: SUBJECT,
  replyTo: REPLY_TO,
} as const;

// --- Forward and "original message" markers ----------------------------------------------------------

const FORWARDED_PHRASES =
  'forwarded message|forwarded e-?mail|weitergeleitete nachricht|weitergeleitete e-?mail|προωθημένο μήνυμα|mesaj redirecționat|message transféré|message transfere|mensaje reenviado|mensagem encaminhada|messaggio inoltrato|doorgestuurd bericht|vidarebefordrat meddelande|videresendt meddelelse|videresendt melding|välitetty viesti|przekazana wiadomość|wiadomość przekazana|přeposlaná zpráva|пересылаемое сообщение|пересланное сообщение|переслане повідомлення|转发的邮件|轉寄的郵件|転送されたメッセージ|転送メッセージ|전달된 메시지|iletilen mesaj|továbbított üzenet';
const ORIGINAL_PHRASES =
  "original message|reply message|ursprüngliche nachricht|antwort nachricht|mensaje original|mensagem original|messaggio originale|missatge original|mesaj original|message d'origine|message original|oorspronkelijk bericht|origineel bericht|originalmeddelande|ursprungligt meddelande|oprindelig meddelelse|oprindelig besked|opprinnelig melding|alkuperäinen viesti|wiadomość oryginalna|oryginalna wiadomość|původní zpráva|исходное сообщение|оригинальное сообщение|оригінальне повідомлення|вихідне повідомлення|αρχικό μήνυμα|原始邮件|原始郵件|元のメッセージ|원본 메시지|orijinal mesaj|orijinal ileti|eredeti üzenet";
const BEGIN_FORWARD =
  /^[\s>*]*(?:begin forwarded message|début du message réexpédié|début du message transféré|anfang der weitergeleiteten nachricht|inicio del mensaje reenviado|inizio messaggio inoltrato|início da mensagem reencaminhada|início da mensagem encaminhada|begin doorgestuurd bericht|vidarebefordrat brev)\s*[:：]?\s*\**\s*$/iu;
const DASHED_MARKER = new RegExp(
  `^[\\s>*]*(?:[-_=]{2,}\\s*)?(?:(${FORWARDED_PHRASES})|(${ORIGINAL_PHRASES}))\\s*(?:[-_=]{2,})?[\\s*]*[:：]?\\s*$`,
  'iu',
);

const MARKER_HINT = /[-_=]{2}|[:：]/;

/** 'forward' for a forwarded-message marker, 'original' for an "Original Message" marker, else null. */
export function messageMarker(line: string): 'forward' | 'original' | null {
  if (line.length > 120 || !MARKER_HINT.test(line)) return null;
  if (BEGIN_FORWARD.test(line)) return 'forward';
  const m = DASHED_MARKER.exec(line);
  if (!m) return null;
  // A bare phrase is prose; clients always frame it with dashes or end it with a colon.
  if (!/[-_=]{2}/.test(line) && !/[:：]\s*$/.test(line)) return null;
  return m[1] !== undefined ? 'forward' : 'original';
}

// --- Signatures, mobile footers, disclaimers -------------------------------------------------------

const DELIMITER_LINE = /^\s*(?:[-_=+~#*—–]{2,}|[—ᐧ])\s*$/;
const ABOVE_THIS_LINE =
  /above (?:this|the) line|oberhalb dieser (?:zeile|linie)|au-dessus de cette ligne|por encima de esta l[ií]nea|acima desta linha|boven deze (?:regel|lijn)|sopra questa (?:riga|linea)|ovanför denna (?:rad|linje)|над этой строкой|powyżej tej linii/iu;
const REPLY_WORD = /\b(?:reply|respond|write|type|answer|text)\b/i;

const DEVICE_WORD =
  /^(?:my|mobile|phone|cell|cellphone|smartphone|tablet|device|mail|mailbox|outlook|gmail|yahoo|iphone|ipad|ipod|android|blackberry|samsung|galaxy|windows|airmail|spark|superhuman|newton|edison|bluemail|aquamail|k-9|proton|protonmail|tutanota|zoho|huawei|xiaomi|pixel|nokia|htc|motorola|sony|oneplus|pc|mac|watch|apple|ios|web|fastmail|thunderbird|aol|icloud|polymail)\b/i;
const EXCUSE = /excuse|typo|brevity|autocorrect|spelling|short|kurz|fautes|errores|erros/i;
const FOOTER_PATTERNS = [
  /^(?:envoyé|envoye) (?:de|depuis|à partir de|a partir de|avec) /i,
  /^von meinem .{1,60} gesendet/i,
  /^gesendet (?:von|mit|vom) (?:meinem |meiner )?\S/i,
  /^diese nachricht wurde von .{1,100} gesendet/i,
  /^enviado (?:desde|do|de|con|com|a partir do|a partir de) /i,
  /^inviato (?:da|dal|dalla|con) /i,
  /^(?:verzonden|verstuurd) (?:met|vanaf|van|via) /i,
  /^skickat? (?:från|med) /i,
  /^sendt (?:fra|med) /i,
  /^lähetetty \S/i,
  /^wysłan[eoy] (?:z|ze|za pomocą) /i,
  /^odesláno (?:z|ze) /i,
  /^(?:отправлено|надіслано|послано) (?:с|з|из) /i,
  /^(?:get|télécharger|telecharger|holen sie sich|obtenir|obtener|scarica|baixe|hämta|download|pobierz|скачайте) outlook /i,
  /^from my \S.{0,25}$/i,
  /^\S+ from (?:my )?mobile\b/i,
  /^(?:從我的|从我的).{0,20}(?:傳送|发送)$/,
  /から送信$/,
  /에서 보냄$/,
];

// Every footer starts (or, in Japanese and Korean, ends) with one of these.
const FOOTER_HINT =
  /^[\s(<[]*(?:sent |envoy|von meinem|gesendet|diese nachricht|enviado|inviato|verzonden|verstuurd|skickat|sendt|lähetetty|wysłan|odesláno|отправлено|надіслано|послано|get |télécharger|telecharger|holen |obtenir|obtener|scarica|baixe|hämta|download|pobierz|скачайте|from my|\S+ from |從我的|从我的)/i;

// A mail app's automatic footer: "Sent from my iPhone", "Von meinem iPhone gesendet", …
function isMobileFooter(raw: string): boolean {
  if (raw.length > 200) return false;
  if (!FOOTER_HINT.test(raw)) {
    const end = raw.trimEnd();
    if (!end.endsWith('から送信') && !end.endsWith('에서 보냄')) return false;
  }
  // Links and the brackets some apps put around the footer are decoration.
  const s = raw
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<?https?:\/\/\S*/g, '')
    .replace(/^[\s(<[]+|[\s)>\]]+$/g, '')
    .replace(/\s+/g, ' ');
  const sent = /^sent (?:from|via|with|by|using|on) (.+)$/i.exec(s);
  if (sent) {
    const rest = sent[1]!;
    const [head = '', ...tail] = rest.split(/[,;!?]\s|\.\s+|\.$/);
    const tailText = tail.join(' ').trim();
    if (tailText && !EXCUSE.test(tailText)) return false;
    const words = head.split(' ');
    if (words.length > 8) return false;
    if (/^(?:my|mi|mon|mein) /i.test(rest)) return true;
    if (/^(?:a|an|the) /i.test(rest)) return DEVICE_WORD.test(words[1] ?? '');
    return /^\p{Lu}/u.test(rest) || DEVICE_WORD.test(rest);
  }
  for (const pattern of FOOTER_PATTERNS) if (pattern.test(s)) return true;
  return false;
}

const DISCLAIMER_PATTERNS = [
  /^\W{0,4}(?:confidentiality (?:notice|note|statement|warning|disclaimer)|confidential(?:ity)? (?:and|&) privileged|privileged (?:and|&) confidential|legal (?:disclaimer|notice)|disclaimer\s*[:：-]|notice of confidentiality|avis de confidentialit|vertraulichkeitshinweis|aviso de confidencialidad|aviso legal|avviso di riservatezza|haftungsausschluss)/iu,
  /^(?:this|the) (?:e-?mail|message|communication|transmission|electronic mail)\b.{0,160}\b(?:confidential|privileged|intended (?:solely|only|exclusively)|proprietary)/iu,
  /^(?:the )?information (?:contained )?(?:in|within) this (?:e-?mail|message|communication|transmission)/iu,
  /^if you (?:are not the (?:intended|named) (?:recipient|addressee)|have received this (?:e-?mail |message |communication |transmission )?in error)/iu,
  /^(?:this (?:e-?mail|message) has been (?:scanned|checked)|questo messaggio e'? stato analizzato)/iu,
  /^(?:diese|die|dieses|das) (?:e-?mail|nachricht|mail|schreiben)\b.{0,160}(?:vertraulich|rechtlich geschützt|ausschließlich für den|irrtümlich)/iu,
  /^(?:ce|le présent|cet|le) (?:message|courriel|e-?mail|mail)\b.{0,160}(?:confidentiel|destinataire|strictement réservé)/iu,
  /^(?:este|el presente|el) (?:mensaje|correo|e-?mail)\b.{0,160}(?:confidencial|destinatario|privilegiad)/iu,
  /^(?:esta|este|a presente) (?:mensagem|e-?mail|correio)\b.{0,160}(?:confidencia|destinat|privilegiad)/iu,
  /^(?:questo|il presente|questa) (?:messaggio|e-?mail|mail|comunicazione)\b.{0,160}(?:riservat|confidenzial|destinatari)/iu,
  /^(?:dit|deze) (?:e-?mail|bericht)\b.{0,160}(?:vertrouwelijk|uitsluitend bestemd)/iu,
];

function isDisclaimerStart(paragraphHead: string): boolean {
  const s = paragraphHead.trim();
  if (s.length < 12) return false;
  for (const pattern of DISCLAIMER_PATTERNS) if (pattern.test(s)) return true;
  return false;
}

// "-Abhishek": a dash glued to a name, on the last line.
const DASH_SIGNOFF = /^-\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){0,3}\s*$/u;

// --- Leaked MIME headers -----------------------------------------------------------------------------

const TRANSPORT_FIELD =
  /^(?:received|delivered-to|return-path|message-id|mime-version|content-type|content-transfer-encoding|in-reply-to|references|dkim-signature|authentication-results|x-[\w-]+)\s*:/i;
const RFC822_FIELD = /^[A-Za-z][\w-]*\s*:/;
const MIME_BOUNDARY = /^--[\w'()+,./:=?-]{6,}$/;

// A malformed message can arrive with its own header block (and a MIME boundary) at the top of the
// body. Returns the index of the first body line after them, or 0.
function skipLeakedHeaders(lines: string[]): number {
  let i = 0;
  while (i < lines.length && lines[i]!.trim() === '') i++;
  const start = i;
  let transport = 0;
  for (; i < lines.length && i - start < 60; i++) {
    const line = lines[i]!;
    if (line.trim() === '') break;
    if (RFC822_FIELD.test(line)) {
      if (TRANSPORT_FIELD.test(line)) transport++;
    } else if (!/^[ \t]/.test(line)) {
      return 0;
    }
  }
  if (transport < 2 || i >= lines.length) return 0;
  // Skips a leaked MIME part: its boundary line and its own few headers.
  let j = i;
  while (j < lines.length && lines[j]!.trim() === '') j++;
  if (j < lines.length && MIME_BOUNDARY.test(lines[j]!.trim())) {
    j++;
    while (
      j < lines.length &&
      lines[j]!.trim() !== '' &&
      (RFC822_FIELD.test(lines[j]!) || /^[ \t]/.test(lines[j]!))
    )
      j++;
    return j;
  }
  return i;
}

// --- Classification ----------------------------------------------------------------------------------

const QUOTE_PREFIX = /^\s*(?:>|[A-Za-z]{1,3}>)/;
const HISTORY_MARK = HTML_CUE.history.charCodeAt(0);
const SIGNATURE_START_MARK = HTML_CUE.signatureStart.charCodeAt(0);
const SIGNATURE_END_MARK = HTML_CUE.signatureEnd.charCodeAt(0);
const COMPOSED_MARK = HTML_CUE.composed.charCodeAt(0);
const CODE_FENCE = /^\s{0,3}```/;
const FIRST_NON_SPACE = /\S/;

function classify(line: string): number {
  const first = line.search(FIRST_NON_SPACE);
  if (first < 0) return EMPTY;
  const c = line.charCodeAt(first);
  if (c === 62 /* > */) return QUOTE;
  if (line.length - first > 1000) return TEXT;
  if (c === HISTORY_MARK) return HISTORY;
  if (c === SIGNATURE_START_MARK) return SIGNATURE_START;
  if (c === SIGNATURE_END_MARK) return SIGNATURE_END;
  if (c === COMPOSED_MARK) return TEXT;
  if (QUOTE_PREFIX.test(line)) return QUOTE;
  if (DELIMITER_LINE.test(line)) return DELIMITER;
  if (line.length - first > MAX_MARKER_LINE) return TEXT;
  const marker = messageMarker(line);
  if (marker === 'forward') return FORWARD;
  if (marker === 'original') return ORIGINAL;
  if (headerFieldCategory(line) !== 0) return HEADER;
  const last = line.trimEnd();
  const lastChar = last.charCodeAt(last.length - 1);
  // Attribution lines end with a colon, dashes or an address; Gmail's ISO form starts with the year.
  if (
    lastChar === 58 ||
    lastChar === 0xff1a ||
    lastChar === 45 ||
    lastChar === 62 ||
    (c >= 48 && c <= 57) ||
    /(?:wrote|said|writes)$/i.test(last)
  ) {
    const strength = attributionStrength(line);
    if (strength === 'strong') return ATTRIBUTION;
    if (strength === 'weak') return WEAK_ATTRIBUTION;
  }
  if (line.length < 200 && ABOVE_THIS_LINE.test(line) && (!/above/i.test(line) || REPLY_WORD.test(line)))
    return ABOVE;
  if (isMobileFooter(line.slice(first))) return FOOTER;
  return TEXT;
}

// Gmail on the web splits "… wrote:" from a reply on the same line: "reply On Wed, … wrote:".
const INLINE_ON = /(?:\s|-)On\s/g;

function splitInlineAttributions(lines: string[]): string[] {
  let out: string[] | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    let split = -1;
    if (
      line.length <= MAX_MARKER_LINE &&
      line.trimEnd().endsWith(':') &&
      /(?:wrote|sent)\s*:\s*$/.test(line) &&
      !OPENER.test(line)
    ) {
      INLINE_ON.lastIndex = 0;
      for (let m = INLINE_ON.exec(line); m; m = INLINE_ON.exec(line)) {
        const at = m.index + 1;
        if (attributionStrength(line.slice(at)) === 'strong') {
          split = at;
          break;
        }
      }
    }
    if (split > 0) {
      const head = line.slice(0, split).replace(/[\s-]+$/, '');
      if (head.trim() !== '') {
        out ??= lines.slice(0, i);
        out.push(head, line.slice(split));
        continue;
      }
    }
    out?.push(line);
  }
  return out ?? lines;
}

interface Outcome {
  text: string;
  stripped: boolean;
  signature: string | null;
  quotedOnly: boolean;
  /** An HTML structure cue decided where the history starts. */
  cue: boolean;
}

// Keeps the text above the first history marker, minus the quotes it does not answer and the sign-off under it.
function stripLines(input: string[], fromHtml: boolean): Outcome {
  const skipped = fromHtml ? 0 : skipLeakedHeaders(input);
  const lines = splitInlineAttributions(skipped > 0 ? input.slice(skipped) : input);
  const n = lines.length;
  const kinds = new Uint8Array(n);
  // For attribution lines: the index after the last line of the (possibly multi-line) attribution.
  const groupEnd = new Int32Array(n);
  // For the first line of a header block: the index after its last line.
  const blockEnd = new Int32Array(n);

  let inCode = false;
  let contentLines = 0;
  for (let i = 0; i < n; i++) {
    const line = lines[i]!;
    if (CODE_FENCE.test(line)) {
      inCode = !inCode;
      kinds[i] = TEXT;
      continue;
    }
    kinds[i] = inCode ? (line.trim() === '' ? EMPTY : TEXT) : classify(line);
    if (kinds[i] !== EMPTY) contentLines++;
    // A rule of three or more marks right under a line of text underlines a heading; it separates nothing.
    if (kinds[i] === DELIMITER && i > 0 && kinds[i - 1] === TEXT && line.trim().length >= 3) {
      const j = nextNonEmptyLine(lines, i + 1);
      if (j >= lines.length || !isHistoryStart(lines[j]!)) kinds[i] = TEXT;
    }
    if (kinds[i] === ATTRIBUTION || kinds[i] === WEAK_ATTRIBUTION) groupEnd[i] = i + 1;
  }

  const nextNonEmpty = (from: number): number => {
    let j = from;
    while (j < n && kinds[j] === EMPTY) j++;
    return j;
  };

  // Attributions wrapped over several lines ("On …, Name <" / "addr> wrote:").
  for (let i = 0; i < n; i++) {
    if (kinds[i] !== TEXT && kinds[i] !== WEAK_ATTRIBUTION) continue;
    const line = lines[i]!;
    if (line.length > MAX_MARKER_LINE || !mayStartAttribution(line)) continue;
    let joined = line.trim();
    let j = i + 1;
    let weakEnd = -1;
    let strongEnd = -1;
    for (let extra = 0; extra < 4 && j < n; extra++, j++) {
      if (kinds[j] === EMPTY) {
        // Polymail leaves a blank line before "<" on its own line.
        const k = j + 1;
        if (extra === 0 && k < n && lines[k]!.trim().startsWith('<')) j = k;
        else break;
      }
      const kind = kinds[j];
      if (kind !== TEXT && kind !== QUOTE && kind !== ATTRIBUTION && kind !== WEAK_ATTRIBUTION) break;
      const next = lines[j]!.trim();
      if (next.length > 160) break;
      joined = `${joined} ${next}`;
      if (joined.length > MAX_MARKER_LINE) break;
      const strength = attributionStrength(joined);
      if (strength === 'strong') {
        strongEnd = j + 1;
        break;
      }
      if (strength === 'weak' && weakEnd < 0) weakEnd = j + 1;
    }
    const groupStop = strongEnd >= 0 ? strongEnd : weakEnd;
    if (groupStop < 0) continue;
    kinds[i] = strongEnd >= 0 ? ATTRIBUTION : WEAK_ATTRIBUTION;
    groupEnd[i] = groupStop;
    for (let k = i + 1; k < groupStop; k++) kinds[k] = EMPTY;
    i = groupStop - 1;
  }

  for (let i = 0; i < n; i++) {
    const kind = kinds[i];
    if (kind === WEAK_ATTRIBUTION) {
      const j = nextNonEmpty(groupEnd[i]!);
      const quoted = j < n && (kinds[j] === QUOTE || lines[j]!.trimStart().startsWith('|'));
      kinds[i] = quoted ? ATTRIBUTION : TEXT;
    } else if (kind === TEXT && i > 0 && i + 1 < n && kinds[i - 1] === QUOTE && kinds[i + 1] === QUOTE) {
      // A quoted line the client re-wrapped without its ">": indented, bracketed, or the rest of a URL.
      // An answer typed between quoted lines ("10am tomorrow") starts like prose and stays new text.
      const line = lines[i]!;
      const previous = lines[i - 1]!;
      if (/^[\s(<[]/.test(line) || /https?:\/\/\S*$/.test(previous)) kinds[i] = QUOTE;
    }
  }

  // Header blocks: at least two fields that say who sent the message or to whom.
  for (let i = 0; i < n; i++) {
    if (kinds[i] !== HEADER) continue;
    let seen = 0;
    let continuation = 0;
    let j = i;
    let last = i;
    for (; j < n && j - i < 16; j++) {
      if (kinds[j] === HEADER) {
        seen |= 1 << headerFieldCategory(lines[j]!);
        continuation = 0;
        last = j;
      } else if (kinds[j] === EMPTY || kinds[j] === QUOTE || continuation >= 2) {
        break;
      } else {
        continuation++;
      }
    }
    // A sender, or a date with recipients: "Date: Friday / Subject: pricing" in a reply is the sender's own text.
    const addressed =
      (seen & (1 << FROM)) !== 0 || ((seen & (1 << DATE)) !== 0 && (seen & ((1 << TO) | (1 << CC))) !== 0);
    if (popCount(seen) >= 2 && addressed) {
      blockEnd[i] = Math.max(last + 1, j);
      for (let k = i + 1; k < blockEnd[i]!; k++) kinds[k] = EMPTY;
      i = blockEnd[i]! - 1;
    } else {
      kinds[i] = TEXT;
    }
  }

  // Whether quoted history (a quote, attribution, header block or marker) follows each line.
  const historyAfter = new Uint8Array(n);
  for (let i = n - 2; i >= 0; i--) {
    const k = kinds[i + 1];
    historyAfter[i] =
      historyAfter[i + 1] ||
      k === QUOTE ||
      k === ATTRIBUTION ||
      k === HEADER ||
      k === FORWARD ||
      k === ORIGINAL ||
      k === HISTORY ||
      k === ABOVE
        ? 1
        : 0;
  }

  // Where the history starts: the first history marker after some new text.
  const drop = new Uint8Array(n);
  const signatureLines = new Uint8Array(n);
  let hasContent = false;
  let cut = n;
  let signatureStart = -1;
  let quotedOnly = false;
  let cue = false;
  let inHtmlSignature = false;
  for (let i = 0; i < n; i++) {
    const kind = kinds[i]!;
    if (inHtmlSignature) {
      if (kind === SIGNATURE_END) {
        inHtmlSignature = false;
        drop[i] = 1;
        continue;
      }
      if (kind !== HISTORY) {
        signatureLines[i] = 1;
        drop[i] = 1;
        continue;
      }
    }
    if (kind === EMPTY || kind === FOOTER || kind === SIGNATURE_END) {
      if (kind === SIGNATURE_END) drop[i] = 1;
      continue;
    }
    if (kind === SIGNATURE_START) {
      inHtmlSignature = true;
      drop[i] = 1;
      cue = true;
      continue;
    }
    const afterNewText = hasContent || signatureStart >= 0;
    if (signatureStart >= 0 && (kind === TEXT || kind === DELIMITER)) continue;
    if (kind === TEXT || kind === QUOTE) {
      if (signatureStart >= 0) {
        cut = i;
        break;
      }
      hasContent = true;
      continue;
    }
    if (kind === ATTRIBUTION) {
      const end = groupEnd[i]!;
      const j = nextNonEmpty(end);
      if (j < n && kinds[j] === QUOTE && signatureStart < 0) {
        i = end - 1;
        continue;
      }
      if (afterNewText) {
        cut = i;
        break;
      }
      for (let k = i; k < end; k++) drop[k] = 1;
      quotedOnly = true;
      i = end - 1;
      continue;
    }
    if (kind === FORWARD) {
      if (afterNewText) {
        cut = i;
        break;
      }
      drop[i] = 1;
      const j = nextNonEmpty(i + 1);
      if (j < n && blockEnd[j]! > 0) {
        for (let k = j; k < blockEnd[j]!; k++) drop[k] = 1;
        i = blockEnd[j]! - 1;
      }
      quotedOnly = true;
      continue;
    }
    if (kind === HISTORY) {
      cue = true;
      if (afterNewText) {
        cut = i;
        break;
      }
      drop[i] = 1;
      continue;
    }
    if (kind === DELIMITER) {
      if (!hasContent) {
        drop[i] = 1;
        continue;
      }
      const j = nextNonEmpty(i + 1);
      const k = j < n ? kinds[j]! : EMPTY;
      if (k === HEADER || k === FORWARD || k === ORIGINAL || k === ATTRIBUTION || k === HISTORY) {
        cut = i;
        break;
      }
      // "-- " starts a signature; a longer rule with more text and then the quoted history under it
      // only divides the new text.
      if (lines[i]!.trim().length > 2 && historyAfter[i]) {
        hasContent = true;
        continue;
      }
      signatureStart = i;
      continue;
    }
    // ORIGINAL, HEADER, ABOVE: the rest is history, even with nothing above it.
    cut = i;
    break;
  }

  const end = signatureStart >= 0 ? signatureStart : cut;
  if (signatureStart >= 0) for (let k = signatureStart; k < cut; k++) signatureLines[k] = 1;

  // Quote blocks inside the new text: keep the ones the sender answers inline, drop the quoted original.
  const textBefore = new Int32Array(n + 1);
  for (let i = 0; i < n; i++)
    textBefore[i + 1] = textBefore[i]! + (i < end && kinds[i] === TEXT && !drop[i] ? 1 : 0);
  const blocks: { start: number; stop: number; attribution: number }[] = [];
  for (let i = 0; i < end; i++) {
    if (kinds[i] !== QUOTE || drop[i]) continue;
    let stop = i + 1;
    while (stop < end && (kinds[stop] === QUOTE || kinds[stop] === EMPTY)) stop++;
    while (stop > i + 1 && kinds[stop - 1] === EMPTY) stop--;
    let a = i - 1;
    while (a >= 0 && kinds[a] === EMPTY) a--;
    const attribution = a >= 0 && kinds[a] === ATTRIBUTION && !drop[a] ? a : -1;
    blocks.push({ start: i, stop, attribution });
    i = stop - 1;
  }
  const attributedLater = new Uint8Array(blocks.length);
  for (let b = blocks.length - 2; b >= 0; b--) {
    attributedLater[b] = attributedLater[b + 1] || blocks[b + 1]!.attribution >= 0 ? 1 : 0;
  }
  for (let b = 0; b < blocks.length; b++) {
    const { start, stop, attribution } = blocks[b]!;
    const head = attribution >= 0 ? attribution : start;
    const before = textBefore[head]! > 0;
    const after = textBefore[end]! - textBefore[stop]!;
    const moreQuotes = b + 1 < blocks.length;
    // In HTML a blockquote is always a quotation; in plain text a bare ">" line may be the sender's own.
    const quotation = attribution >= 0 || fromHtml;
    let remove: boolean;
    // History starts at the first attribution: a bare quote above it is one the sender composed.
    if (after === 0) remove = attribution >= 0 || !attributedLater[b];
    else if (!before) remove = quotation && !moreQuotes;
    else if (quotation) remove = !moreQuotes && after < 3;
    else remove = false;
    if (attribution >= 0) for (let k = attribution; k < groupEnd[attribution]!; k++) drop[k] = 1;
    // A removed block takes the blank lines after it, so the text around it closes up.
    if (remove) for (let k = head, until = Math.min(end, nextNonEmpty(stop)); k < until; k++) drop[k] = 1;
    // A removed blockquote is structure the text part may have flattened away.
    if (remove && fromHtml) cue = true;
  }

  // The kept lines, then what hangs under them: disclaimers, footers, a "-Name" sign-off.
  const kept: number[] = [];
  for (let i = 0; i < end; i++) if (!drop[i]) kept.push(i);
  let firstText = -1;
  for (let p = 0; p < kept.length; p++) {
    const i = kept[p]!;
    if (kinds[i] === TEXT || kinds[i] === QUOTE) {
      if (firstText < 0) {
        firstText = p;
        continue;
      }
      const previous = p > 0 ? kinds[kept[p - 1]!] : EMPTY;
      if (
        previous === EMPTY &&
        kinds[i] === TEXT &&
        isDisclaimerStart(`${lines[i]} ${lines[kept[p + 1] ?? i] ?? ''}`)
      ) {
        for (let q = p; q < kept.length; q++) signatureLines[kept[q]!] = 1;
        kept.length = p;
        break;
      }
    }
  }
  let signoffTaken = false;
  while (kept.length > 0) {
    const i = kept[kept.length - 1]!;
    const kind = kinds[i];
    const line = lines[i]!;
    if (kind === EMPTY || kind === DELIMITER || (kind === QUOTE && /^[\s>]*$/.test(line))) {
      kept.pop();
    } else if (kind === FOOTER) {
      signatureLines[i] = 1;
      kept.pop();
    } else if (
      !signoffTaken &&
      kind === TEXT &&
      DASH_SIGNOFF.test(line.trim()) &&
      hasTextBefore(kept, kinds)
    ) {
      signatureLines[i] = 1;
      signoffTaken = true;
      kept.pop();
    } else {
      break;
    }
  }
  const contactBlock = contactBlockStart(kept, lines, kinds);
  if (contactBlock >= 0) {
    for (let p = contactBlock; p < kept.length; p++) signatureLines[kept[p]!] = 1;
    kept.length = contactBlock;
    while (kept.length > 0 && kinds[kept[kept.length - 1]!] === EMPTY) kept.pop();
  }
  const text = kept
    .map((i) => lines[i]!)
    .join('\n')
    .replace(COMPOSED, '')
    .trim();
  let shownLines = 0;
  for (const i of kept) if (FIRST_NON_SPACE.test(lines[i]!)) shownLines++;

  const signatureText: string[] = [];
  for (let i = 0; i < n; i++)
    if (signatureLines[i] && kinds[i] !== SIGNATURE_START) signatureText.push(lines[i]!);
  const signature = signatureText.join('\n').trim();

  if (text === '') {
    const fallback = bareQuoteFallback(lines, kinds, cut);
    return { text: fallback, stripped: true, signature: signature || null, quotedOnly: true, cue };
  }
  return {
    text,
    stripped: skipped > 0 || shownLines < contentLines || signature !== '',
    signature: signature || null,
    quotedOnly,
    cue,
  };
}

const CONTACT_LINE =
  /[^\s@]+@[^\s@]+\.[a-z]{2,}|\+?\d[\d ()./-]{6,}\d|\bwww\.|https?:\/\/|^\s*(?:tel|phone|mobile|mob|cell|fax|office|direct|[tmefwp])\s*[.:]/i;
const PERSON_NAME = /^\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){0,3}$/u;
const SIGN_OFF_LINE = /^[^\s].{0,30},$/;

// A signature without a "-- " delimiter: a last paragraph that opens with a name (maybe under a
// "Best," line) and lists at least two ways to reach the sender (address, phone, website).
// Returns its position in `kept`, or -1.
function contactBlockStart(kept: number[], lines: string[], kinds: Uint8Array): number {
  let p = kept.length;
  while (p > 0 && kinds[kept[p - 1]!] !== EMPTY) p--;
  const size = kept.length - p;
  if (p === 0 || size < 2 || size > 9 || !hasTextBefore(kept.slice(0, p + 1), kinds)) return -1;
  let start = p;
  const first = lines[kept[p]!]!.trim();
  if (SIGN_OFF_LINE.test(first) && size > 2) start = p + 1;
  if (!PERSON_NAME.test(lines[kept[start]!]!.trim())) return -1;
  let contacts = 0;
  for (let q = start + 1; q < kept.length; q++) {
    const line = lines[kept[q]!]!;
    if (line.length > 80 || kinds[kept[q]!] !== TEXT) return -1;
    if (CONTACT_LINE.test(line)) contacts++;
  }
  return contacts >= 2 ? start : -1;
}

function hasTextBefore(kept: number[], kinds: Uint8Array): boolean {
  for (let p = kept.length - 2; p >= 0; p--) if (kinds[kept[p]!] === TEXT) return true;
  return false;
}

// A reply that is nothing but a quote without attribution keeps that quote (it may be all the sender
// meant to pass on); one that opens with an attribution or a header had no new text at all.
function bareQuoteFallback(lines: string[], kinds: Uint8Array, cut: number): string {
  let i = 0;
  while (i < cut && kinds[i] === EMPTY) i++;
  if (i >= cut || kinds[i] !== QUOTE) return '';
  const inner = lines[i]!.replace(/^[\s>]+/, '');
  if (
    attributionStrength(inner) !== null ||
    messageMarker(inner) !== null ||
    headerFieldCategory(inner) !== 0
  )
    return '';
  const out: string[] = [];
  for (; i < cut && (kinds[i] === QUOTE || kinds[i] === EMPTY); i++) out.push(lines[i]!);
  return out.join('\n').trim();
}

function nextNonEmptyLine(lines: string[], from: number): number {
  let j = from;
  while (j < lines.length && lines[j]!.trim() === '') j++;
  return j;
}

// Whether a line opens quoted history by itself (header field, forward marker, attribution).
function isHistoryStart(line: string): boolean {
  return (
    headerFieldCategory(line) !== 0 || messageMarker(line) !== null || attributionStrength(line) !== null
  );
}

function popCount(x: number): number {
  let count = 0;
  for (let v = x; v !== 0; v &= v - 1) count++;
  return count;
}

function toLines(text: string, limit: number, markers: boolean): string[] {
  let head = text.length > limit ? text.slice(0, limit) : text;
  if (!markers && /[\uE000-\uE003]/.test(head)) head = head.replace(/[\uE000-\uE003]/g, '');
  if (head.includes('\r')) head = head.replace(/\r\n?/g, '\n');
  return head.split('\n');
}

const WORD = /[\p{L}\p{N}]+/gu;
const COMPOSED = /\uE003/g;

function words(text: string): string[] {
  return text.toLowerCase().match(WORD) ?? [];
}

// The plain text part stopped short of a cue the HTML shows: same words, then more of them.
function htmlCutsWhatTextKeeps(fromHtml: string, fromText: string): boolean {
  const h = words(fromHtml);
  const t = words(fromText);
  if (h.length === 0 || h.length >= t.length) return false;
  for (let k = 0; k < h.length; k++) if (h[k] !== t[k]) return false;
  return true;
}

// A text part that is really markup, as some senders produce.
const MARKUP_TAGS = /<\/?(?:div|p|br|table|tr|td|span|html|body|blockquote)\b[^>]{0,200}>/gi;

function looksLikeMarkup(text: string): boolean {
  const sample = text.length > 4096 ? text.slice(0, 4096) : text;
  return (sample.match(MARKUP_TAGS)?.length ?? 0) >= 3;
}

function toResult(outcome: Outcome, truncated: boolean): StripResult {
  return {
    text: outcome.text,
    stripped: outcome.stripped || truncated,
    signature: outcome.signature,
    quotedOnly: outcome.quotedOnly,
  };
}

/** The new text of a reply: quoted history, forwarded originals, attribution lines, signatures, mobile footers ("Sent from my iPhone", "Envoyé de mon iPhone", "Von meinem iPhone gesendet", "Get Outlook for iOS", …) and legal disclaimers removed. Prefers text; falls back to htmlText, the HTML part as the mail-in adapter renders it, whose {@link HTML_CUE} marker lines stand for the HTML structure (Gmail `div.gmail_quote`/`gmail_signature`, Outlook `divRplyFwdMsg`/`OLK_SRC_BODY_SECTION`/border-top separator, `blockquote type=cite`, Yahoo `yahoo_quoted`, Thunderbird `moz-cite-prefix`, OWA `messageReplySection`). Also uses htmlText when the text part looks like a poor rendering. */
export function stripReply(input: { text: string | null; htmlText: string | null }): StripResult {
  const text = input.text ?? '';
  const htmlText = input.htmlText ?? '';
  const maxHtmlText = MAX_TEXT * 4;
  const hasText = /\S/.test(text.length > MAX_TEXT ? text.slice(0, MAX_TEXT) : text);
  const hasHtml = /\S/.test(htmlText.length > maxHtmlText ? htmlText.slice(0, maxHtmlText) : htmlText);
  if (!hasText && !hasHtml) return { text: '', stripped: false, signature: null, quotedOnly: false };
  if (!hasHtml) return toResult(stripLines(toLines(text, MAX_TEXT, false), false), text.length > MAX_TEXT);
  const fromHtml = () => stripLines(toLines(htmlText, maxHtmlText, true), true);
  const htmlTruncated = htmlText.length > maxHtmlText;
  if (!hasText || looksLikeMarkup(text)) return toResult(fromHtml(), htmlTruncated);
  const plain = stripLines(toLines(text, MAX_TEXT, false), false);
  const rich = fromHtml();
  // The text part of an HTML mail is often a flat rendering that lost the quote and signature markup.
  if (rich.cue && htmlCutsWhatTextKeeps(rich.text, plain.text)) return toResult(rich, htmlTruncated);
  return toResult(plain, text.length > MAX_TEXT);
}
