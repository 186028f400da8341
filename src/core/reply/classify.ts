/*
 * The intent of a reply's new text, by ordered, explainable rules. Every pattern is linear (no nested
 * quantifiers over the same characters) and runs over at most MAX_TEXT characters, sentence by sentence.
 *
 * Order, first match wins:
 * 1. reassign  — a request to move the handoff to someone named ("Please reassign to claire@…",
 *                "forward this to Marcus", "an Markus weiterleiten", "高橋さんに引き継いでください").
 * 2. decline   — refusing the handoff ("Can't take this one", "Kann ich nicht übernehmen", "対応できません").
 * 3. commit    — a specific next step: a promise (future or first-person present: "I'll", "Sending",
 *                "Je les appelle", "Ligo", "電話します") with a concrete action verb and its object, or any
 *                promise with a time ("I'll take a look tomorrow").
 * 4. done      — a completed step ("Called them, demo booked", "Erledigt", "対応済みです"). A promise outranks
 *                it: nothing is closed while a step is still promised.
 * 5. question  — a question and nothing above.
 * 6. vague     — everything else: acknowledgments ("Got it", "👍"), promises without a step ("I'll take a
 *                look"), and empty text.
 *
 * The reassign target is the email address written in the sentence (lower-cased) or, failing that, the
 * name as written ("Claire", "高橋"): resolving a name to a member is the caller's job, since only the
 * application knows the directory.
 */
import { ADDRESS_SOURCE } from './address-pattern.ts';
import type { DueMention } from './due.ts';
import type { ReplyIntent } from './intent.ts';
import { type IntentModel, replyFeatures, voteIntent } from './intent-model.ts';

export type { ReplyIntent } from './intent.ts';

export interface TextSpan {
  start: number;
  end: number;
  text: string;
}

export interface Classification {
  intent: ReplyIntent;
  /** The rule that decided, e.g. 'commit:verb+time', 'reassign:address', 'vague:ack'. */
  rule: string;
  /** commit/done: the sentence with the first promised (or completed) step, without a leading greeting. */
  action: TextSpan | null;
  /** commit: the time expression of the first promised step, when one is written. */
  due: DueMention | null;
  reassignTo: string | null;
  /** decline: the reason given, else the declining sentence. */
  reason: string | null;
  /** The text the rules read: greeting lines, sign-offs and mobile signatures removed. */
  text: string;
}

export interface ClassifyOptions {
  /** Time expressions in a piece of text, offsets relative to that piece (see due.ts). */
  times: (text: string) => DueMention[];
  /** Consulted when no rule finds a step, refusal, request or completion (see intent-model.ts); null: rules only. */
  model: IntentModel | null;
}

// Below this posterior probability the words model leaves the rules' "vague" standing.
const MODEL_CONFIDENCE = 0.7;

// Longest text the rules read; a reply's new text is a few lines, and the first promise counts.
const MAX_TEXT = 16 * 1024;
const MAX_SENTENCES = 40;
const MAX_PROMISES = 8;

const W = '\\p{L}\\p{N}';
// Unicode-aware word edges (`\b` is ASCII-only: it splits "às", "für", "llamé").
const B = `(?<![${W}])`;
const E = `(?![${W}])`;

function words(source: string, flags = 'iu'): RegExp {
  return new RegExp(`${B}(?:${source})${E}`, flags);
}

// ---------------------------------------------------------------- preparation

const GREETING_LINE = new RegExp(
  `^\\s*(?:(?:hi|hey|hello|hiya|dear|morning|good (?:morning|afternoon|evening)|hallo|hi|moin|servus|guten (?:morgen|tag|abend)|liebe[rs]?|sehr geehrte[rs]?|bonjour|bonsoir|salut|coucou|cher|chère|hola|buenos días|buenas(?: tardes)?|estimad[oa]|oi|olá|ola|bom dia|boa tarde|prezad[oa]|ciao|buongiorno|hej|hoi|goedemorgen|beste)${E}(?:\\s+[\\p{L}][\\p{L}'’.-]*){0,3}\\s*[,!:—–-]?|[^\\n]{1,12}(?:さん|様|殿)[、,]?|お疲れ(?:様|さま)です。?|お世話になっております。?|いつもお世話になっております。?)\\s*$`,
  'iu',
);
const INLINE_GREETING = new RegExp(
  `^(?:hi|hey|hello|hiya|dear|hallo|moin|servus|bonjour|salut|coucou|hola|oi|olá|ola|ciao|hej|hoi)${E}(?:\\s+[\\p{L}][\\p{L}'’-]*){0,2}?\\s*[,!:—–-]+\\s*`,
  'iu',
);
const SIGN_OFF =
  /^\s*(?:thanks|thank you|thx|ty|cheers|best|best regards|regards|kind regards|warm regards|many thanks|br|talk soon|viele grüße|vg|lg|liebe grüße|beste grüße|schöne grüße|freundliche grüße|mit freundlichen grüßen|gruß|grüße|mfg|danke(?: dir| euch)?|merci(?: beaucoup)?|cordialement|bien à (?:vous|toi)|bonne (?:journée|soirée)|à bientôt|bises|saludos|un saludo|muchas gracias|gracias|atentamente|abrazos?|abs|abraço|obrigad[oa]|att|atenciosamente|grazie|saluti|cordiali saluti|groeten|met vriendelijke groet|hälsningar|mvh|よろしくお願いします|よろしくお願いいたします|よろしくお願い致します|以上(?:、)?(?:よろしくお願いします)?)[\s,.!。]*$/iu;
const MOBILE_SIGNATURE =
  /^\s*(?:sent from (?:my |the )?[\p{L}\p{N} ]{2,30}|get outlook for \w+|von meinem [\p{L}\p{N} ]{2,30} gesendet|gesendet von [\p{L}\p{N} ]{2,30}|envoyé de mon [\p{L}\p{N} ]{2,30}|enviado desde mi [\p{L}\p{N} ]{2,30}|enviado do meu [\p{L}\p{N} ]{2,30}|inviato da [\p{L}\p{N} ]{2,30}|verzonden vanaf mijn [\p{L}\p{N} ]{2,30}|skickat från min [\p{L}\p{N} ]{2,30}|[\p{L}\p{N} ]{2,20}から送信)\s*$/iu;
// A name on its own line after the text: "Sam", "— Jonas", "佐藤".
const NAME_LINE =
  /^\s*[-–—]?\s*(?:[\p{Lu}][\p{L}'’.-]*(?:\s+[\p{Lu}][\p{L}'’.-]*){0,2}|[\p{Script=Han}\p{Script=Katakana}ー]{1,6})\s*$/u;

/** The reply text without greeting lines, sign-offs, mobile signatures and a trailing name. */
export function cleanReplyText(text: string): string {
  const lines = text.slice(0, MAX_TEXT).replace(/\r\n?/g, '\n').replace(/[’‘]/g, "'").split('\n');
  let first = 0;
  let last = lines.length - 1;
  const blank = (i: number) => lines[i]!.trim() === '';
  while (first <= last && blank(first)) first += 1;
  while (last >= first && blank(last)) last -= 1;
  while (first < last && GREETING_LINE.test(lines[first]!)) {
    first += 1;
    while (first <= last && blank(first)) first += 1;
  }
  for (let i = last; i > first; i -= 1) {
    if (MOBILE_SIGNATURE.test(lines[i]!)) last = i - 1;
  }
  while (last >= first && blank(last)) last -= 1;
  // A sign-off ends the text when only a name (or nothing) follows it.
  for (let i = Math.max(first + 1, last - 3); i <= last; i += 1) {
    if (!SIGN_OFF.test(lines[i]!)) continue;
    const rest = lines.slice(i + 1, last + 1).filter((l) => l.trim() !== '');
    if (rest.every((l) => NAME_LINE.test(l) && l.trim().length <= 40)) {
      last = i - 1;
      break;
    }
  }
  while (last >= first && blank(last)) last -= 1;
  if (last > first && NAME_LINE.test(lines[last]!) && lines[last]!.trim().length <= 30 && blank(last - 1)) {
    last -= 1;
    while (last >= first && blank(last)) last -= 1;
  }
  return lines
    .slice(first, last + 1)
    .join('\n')
    .trim();
}

// ---------------------------------------------------------------- sentences and clauses

interface Sentence extends TextSpan {
  clauses: Clause[];
}

interface Clause extends TextSpan {
  question: boolean;
  negated: boolean;
}

// Sentence ends: .!? followed by space and not after a lone number ("7. Dezember", "10.04."); 。！？; line
// breaks.
const JA_SCRIPT = /[\p{Script=Hiragana}\p{Script=Katakana}]/u;
const SENTENCE_END = /[.!?…]+(?=\s|$)|[。！？]+|\n+/gu;
const CLAUSE_SPLIT = new RegExp(
  `\\s*(?:[,;:]|\\s[-–—]+\\s|(?<![てでし])、)\\s*|\\s+(?=(?:but|aber|mais|pero|mas|however|though|allerdings|sondern|cependant|sin embargo|porém|entretanto)${E})`,
  'giu',
);
const NEGATION = words(
  "not|no|never|can't|cannot|won't|don't|didn't|haven't|isn't|couldn't|unable|nicht|kein|keine|nie|pas|jamais|ne|n'|nunca|não|nem|non",
);
const JA_NEGATION = /(?:ません|ない|できず|不可)/u;

function splitSentences(text: string): Sentence[] {
  const sentences: Sentence[] = [];
  let start = 0;
  const push = (end: number) => {
    const raw = text.slice(start, end);
    const lead = raw.length - raw.trimStart().length;
    const body = raw.trim();
    if (body) sentences.push(makeSentence(start + lead, body));
  };
  for (const match of text.matchAll(SENTENCE_END)) {
    const end = match.index + match[0].length;
    if (
      match[0].startsWith('.') &&
      match[0].length === 1 &&
      /(?:^|[\s(])(?:\d{1,2}|[a-z]|e\.g|i\.e|etc|vs|approx|ca|z\.b|bzw|u\.a|dr|mr|mrs|ms|st|nr|no)$/iu.test(
        text.slice(Math.max(0, match.index - 6), match.index),
      )
    ) {
      continue;
    }
    push(end);
    start = end;
    if (sentences.length >= MAX_SENTENCES) return sentences;
  }
  push(text.length);
  return sentences;
}

function makeSentence(offset: number, text: string): Sentence {
  const clauses: Clause[] = [];
  let start = 0;
  const add = (end: number) => {
    const raw = text.slice(start, end);
    const body = raw.trim();
    if (!body) return;
    const lead = raw.length - raw.trimStart().length;
    clauses.push({
      start: offset + start + lead,
      end: offset + start + lead + body.length,
      text: body,
      question: false,
      negated: false,
    });
  };
  for (const match of text.matchAll(CLAUSE_SPLIT)) {
    add(match.index);
    start = match.index + match[0].length;
  }
  add(text.length);
  const questionMark = /[?？]\s*$/u.test(text);
  clauses.forEach((clause, i) => {
    clause.question = (questionMark && i === clauses.length - 1) || /^[¿]/u.test(clause.text);
    clause.negated = NEGATION.test(clause.text) || JA_NEGATION.test(clause.text);
  });
  return { start: offset, end: offset + text.length, text, clauses };
}

// ---------------------------------------------------------------- rule tables

// Words after a verb that are no object: "I'll call back later", "Ich melde mich bei dir".
const FILLER = words(
  'back|later|soon|then|too|also|asap|shortly|again|up|over|now|it|that|this|you|to you|with you|on it|me|myself|mich|dich|sich|mir|dir|bei dir|bei ihnen|bei euch|dann|später|bald|gleich|noch|auch|an|raus|zurück|darum|drum|ça|cela|y|en|vers (?:toi|vous)|lo|la|le|se|te|luego|después|pronto|depois|logo|isso|disso',
  'giu',
);

// Where a condition starts ("… once she accepts", "… wenn er zurückruft"), the step's object has ended.
const SUBORDINATE = words(
  'when|once|if|after|as soon as|before|until|unless|because|so that|wenn|sobald|falls|nachdem|bevor|quand|dès que|si|lorsque|cuando|en cuanto|apenas|quando|assim que|logo que|caso',
);

function hasObject(after: string): boolean {
  const stop = SUBORDINATE.exec(after);
  const rest = (stop ? after.slice(0, stop.index) : after)
    .replace(FILLER, ' ')
    .replace(/[^\p{L}\p{N}@]+/gu, ' ')
    .trim();
  return /[\p{L}\p{N}]{2,}|[\p{Script=Han}\p{Script=Katakana}]/u.test(rest);
}

// Subject-less "Will email her" counts at the start of a clause, or after a one-word acknowledgment ("Ok will …").
const EN_FUTURE =
  "(?:(?:ill|im gonna|im going to)(?=\\s)|i(?:'ll| will| shall|'m going to| am going to|'m gonna| plan to|'m planning to| am planning to| can| could|'d like to| would like to| intend to| want to|'m about to| am about to)|we(?:'ll| will|'re going to| are going to| can)|let me|(?<=^|^(?:ok|okay|k|sure|yes|yep|yeah|great|cool|thanks|thx|got it|sounds good|no problem|np)\\s+)(?:will|going to|gonna|plan to|planning to|happy to|can|could))";
const EN_ADVERBS =
  '(?:\\s+(?:also|then|just|quickly|definitely|probably|first|now|go ahead and|make sure to|be sure to|personally|directly|actually|certainly|again|still|try to|try and|aim to|reach out and))*';
const EN_CONCRETE =
  'call|phone|ring|dial|e-?mail|mail|send|resend|ping|text|message|dm|reach out|contact|follow up|write|draft|prepare|share|book|schedule|set up|setup|arrange|organi[sz]e|meet|visit|demo|present|quote|forward|introduce|connect|loop in|get back to them|get back to (?:him|her)|reply|respond|confirm|submit|deliver|invite|call back|touch base|sync|hop on|jump on|put together|pull together|walk \\w+ through|run \\w+ through|give \\w+ a (?:call|ring|buzz|bell|shout)|drop \\w+ (?:a|an) (?:line|note|email|message)|shoot \\w+ (?:a|an) (?:email|note|message)|brief|coordinate|propose|pitch|update them|update (?:him|her)|get (?:the |a |an |our |my )?[\\p{L}-]+ (?:over )?to (?:them|him|her)|send (?:the |a )?[\\p{L}-]+ over';
const EN_GERUND =
  'calling|phoning|ringing|dialing|dialling|emailing|e-mailing|mailing|sending|pinging|texting|messaging|reaching out|contacting|following up|writing|drafting|preparing|sharing|booking|scheduling|setting up|arranging|meeting (?:with|them|him|her)|visiting|demoing|quoting|forwarding|introducing|connecting|looping in|getting back to them|hopping on|jumping on|putting together|pulling together|giving them a call|briefing';

const DE_CONCRETE_1ST =
  'ping|pinge|setz|setze|gehe|stimme|hole|lege|spreche|treffe|besuche|rufe|ruf|telefoniere|schicke|schick|sende|verschicke|schreibe|schreib|maile|melde|meld|kontaktiere|buche|vereinbare|plane|bereite|organisiere|leite|stelle|lade|frage|kläre|hake|erstelle|terminiere|reiche';
const DE_INFINITIVE =
  'anrufen|telefonieren|schicken|senden|verschicken|schreiben|mailen|melden|kontaktieren|buchen|vereinbaren|planen|vorbereiten|organisieren|weiterleiten|zusammenstellen|einladen|nachfassen|nachhaken|klären|erstellen|zurückrufen';
const FR_CONCRETE =
  "passe les voir|passe le voir|passe la voir|passe vous voir|m'occupe du|m'occupe de la|m'occupe des|passe un coup de fil|appelle|appeler|appellerai|rappelle|rappeler|rappellerai|envoie|envoyer|enverrai|écris|écrire|écrirai|contacte|contacter|contacterai|relance|relancer|relancerai|prépare|préparer|préparerai|cale|caler|calerai|organise|organiser|organiserai|transmets|transmettre|transmettrai|planifie|planifier|fixe|fixer|propose|proposer|programme|programmer|réserve|réserver|bloque|bloquer|partage|partager|téléphone|téléphoner|joins|joindre|mail|mailer";
const ES_CONCRETE =
  'quedo con|me comunico|me contacto|contacto con|llamo|llamaré|envío|envio|enviaré|mando|mandaré|escribo|escribiré|contactaré|agendo|agendaré|preparo|prepararé|reservo|programo|organizo|coordino|reenvío|comparto|marco|contacto|paso';
const ES_INFINITIVE =
  'visitar|llevar(?:les|le)?|presentar|mostrar|cotizar|llamar|enviar|mandar|escribir|contactar|agendar|preparar|reservar|programar|organizar|coordinar|reenviar|compartir';
const PT_CONCRETE =
  'faço a ligação|faço uma ligação|faço a call|apresento|trato da|trato do|trato de|ligo|ligarei|envio|enviarei|mando|mandarei|escrevo|escreverei|entro em contato|entrarei em contato|marco|marcarei|agendo|agendarei|preparo|prepararei|falo|falarei|chamo|contato|retorno a ligação|dou um toque|dou-lhes? um toque|dou-te um toque|retorno|retornarei|compartilho';
const PT_INFINITIVE =
  'contactar|visitá-l[oa]s?|visitar|levar|apresentar|mostrar|ligar|enviar|mandar|escrever|entrar em contato|marcar|agendar|preparar|falar|contatar|chamar|compartilhar';
const JA_CONCRETE =
  '電話|連絡|送付|送信|メール|提出|予約|調整|訪問|架電|手配|共有|作成|準備|打診|アポ|打ち合わせ|案内|提案|フォロー|送り|送っ|お送り|送ります|かけ|折り返|伺|面談|商談|ヒアリング';

interface PromiseMatch {
  index: number;
  end: number;
  concrete: boolean;
}

type PromiseMatcher = (clause: string) => PromiseMatch | null;

function matcher(pattern: RegExp, concrete: boolean): PromiseMatcher {
  return (clause) => {
    const m = pattern.exec(clause);
    return m ? { index: m.index, end: m.index + m[0].length, concrete } : null;
  };
}

const PROMISES: PromiseMatcher[] = [
  // English: "I'll call them", "Will email her", "Let me book", "Sending the proposal", "I'm calling them".
  matcher(new RegExp(`${B}${EN_FUTURE}${EN_ADVERBS}\\s+(?:${EN_CONCRETE})${E}`, 'iu'), true),
  matcher(
    new RegExp(`${B}(?:i'm|i am|we're|we are|am|currently|now|also|and)\\s+(?:${EN_GERUND})${E}`, 'iu'),
    true,
  ),
  // A clause that opens with a bare gerund is a step only when a pronoun or article follows ("Sending the
  // proposal", "Calling them"): "Booking link: …" in a signature is a label.
  matcher(
    new RegExp(
      `^(?:(?:ok|okay|k|sure|yes|yep|yeah|cool|great)[,!.]?\\s+)?(?:${EN_GERUND})(?=\\s+(?:them|him|her|it|the|a|an|their|our|my|this|that|over|out|back|to|with|you|in|on|now|right)${E})`,
      'iu',
    ),
    true,
  ),
  matcher(new RegExp(`^(?:${EN_GERUND})${E}`, 'iu'), false),
  // German: "ich rufe", "rufe ich", clause-initial "Schicke ihr", "werde … anrufen".
  matcher(new RegExp(`${B}(?:ich|wir|i)\\s+(?:[\\p{L}]+\\s+)?(?:${DE_CONCRETE_1ST})${E}`, 'iu'), true),
  matcher(new RegExp(`${B}(?:ich|wir)\\s+(?:nehme|nehmen)\\s+(?:[^.!?]{0,60}\\s)?kontakt${E}`, 'iu'), true),
  matcher(new RegExp(`${B}(?:${DE_CONCRETE_1ST})\\s+(?:ich|wir)${E}`, 'iu'), true),
  matcher(new RegExp(`^(?:${DE_CONCRETE_1ST})${E}`, 'iu'), true),
  matcher(new RegExp(`${B}(?:werde|werden)${E}[^.!?]{0,60}?${B}(?:${DE_INFINITIVE})${E}`, 'iu'), true),
  // "das Angebot geht bis Feierabend raus": the thing itself goes out.
  matcher(new RegExp(`${B}(?:geht|gehen)${E}[^.!?]{0,60}?${B}(?:raus|hinaus|rüber)${E}`, 'iu'), true),
  // French: "je les appelle", "j'envoie", "je vais leur écrire".
  matcher(
    new RegExp(
      `${B}(?:je|on|nous)\\s+(?:vais\\s+|va\\s+|allons\\s+|compte\\s+|peux\\s+|m'engage à\\s+)?(?:(?:l'|les\\s+|lui\\s+|leur\\s+|la\\s+|le\\s+|vous\\s+|te\\s+|y\\s+|en\\s+))*(?:${FR_CONCRETE})${E}`,
      'iu',
    ),
    true,
  ),
  matcher(
    new RegExp(
      `${B}j'(?:appelle|envoie|écris|enverrai|appellerai|écrirai|organise|organiserai|irai|appelerai|programme|propose)${E}`,
      'iu',
    ),
    true,
  ),
  // Spanish: "los llamo", "envío", "voy a llamar"; ambiguous nouns (contacto, paso, marco) need a clitic or clause start.
  matcher(
    new RegExp(
      `(?:^|${B}(?:yo|te|le|les|lo|la|los|las|se)\\s+)(?:${ES_CONCRETE})${E}|${B}(?<!me\\s)(?:llamo|llamaré|envío|enviaré|mando|mandaré|escribo|escribiré|agendo|agendaré|hablo|hablaré|me comunico|contacto con|quedo con)${E}`,
      'iu',
    ),
    true,
  ),
  matcher(
    new RegExp(
      `${B}(?:voy|vamos)\\s+a\\s+(?:[\\p{L}]+\\s+)?(?:${ES_INFINITIVE})(?:le|les|lo|la|los|las)?${E}`,
      'iu',
    ),
    true,
  ),
  // Portuguese: "ligo", "envio a proposta", "vou ligar", "Ligo-lhes".
  matcher(new RegExp(`(?<!(?:o|do|no|ao|um)\\s)${B}(?:${PT_CONCRETE})${E}`, 'iu'), true),
  matcher(new RegExp(`${B}(?:vou|vamos)\\s+(?:[\\p{L}]+\\s+)?(?:${PT_INFINITIVE})${E}`, 'iu'), true),
  // Japanese: a non-past polite verb ending with a concrete action ("電話します", "送付いたします").
  (clause) => {
    const end =
      /(?:ます|ましょう|する予定です|する予定|します|するね|するよ|しとく|送るね|送るよ)(?:[。！!〜~ー\p{Extended_Pictographic}]|$|ね|よ|わ|\s)/u.exec(
        clause,
      );
    if (!end || /ました/u.test(clause.slice(Math.max(0, end.index - 1), end.index + 3))) return null;
    // "〜ています"/"〜てます" describes a state ("受領のご連絡もいただいてます"), not a step to come.
    if (/(?:[てで]い?|[てで]あり)$/u.test(clause.slice(0, end.index))) return null;
    const concrete = new RegExp(`(?:${JA_CONCRETE})`, 'u').exec(clause);
    if (concrete) return { index: concrete.index, end: end.index + end[0].length, concrete: true };
    return { index: 0, end: end.index + end[0].length, concrete: false };
  },
  // Promises without a concrete step: specific only when a time comes with them.
  matcher(new RegExp(`${B}${EN_FUTURE}${E}`, 'iu'), false),
  matcher(
    new RegExp(
      `${B}(?:ich|wir)\\s+(?:werde|werden|schaue|schau|kümmere|prüfe|checke|mache|erledige|kläre)${E}|^(?:mache|mach|erledige|schaue|kümmere|prüfe)${E}|${B}(?:mache|mach) ich${E}|${B}(?:wird|werde)\\s+(?:erledigt|gemacht)${E}`,
      'iu',
    ),
    false,
  ),
  matcher(
    new RegExp(
      `${B}(?:je|on)\\s+(?:vais|regarde|vérifie|jette|vois|reviens|check|traite|gère)${E}|${B}je\\s+m'(?:en\\s+(?:occupe|charge)|y\\s+mets)`,
      'iu',
    ),
    false,
  ),
  matcher(
    new RegExp(`${B}(?:voy a|lo miro|lo reviso|me encargo|lo veo|lo checo|lo chequeo|reviso)${E}`, 'iu'),
    false,
  ),
  matcher(new RegExp(`${B}(?:vou|deixa comigo|pode deixar|vejo|verifico)${E}`, 'iu'), false),
];

const DONE: RegExp[] = [
  // "we had our first call on Friday", "I had a quick chat with their CFO".
  new RegExp(
    `${B}(?:i|we)\\s+(?:already\\s+|actually\\s+)?(?:had|held|ran|did)\\s+(?:a|an|the|our|my)\\s+(?:[\\p{L}-]+\\s+){0,2}?(?:call|meeting|demo|chat|intro|discovery|workshop)${E}`,
    'iu',
  ),
  // "ヒアリングはもう済ませています", "送付済み".
  /済ませ(?:ています|てます|ました|てあります)|もう[^。！？]{0,12}済/u,
  // "we already had a discovery call", "ya tuvimos la llamada", "já fizemos a reunião": already + a past step.
  new RegExp(
    `${B}(?:i|we|they)\\s+(?:already|actually already|just)\\s+(?:had|held|did|ran|met|spoke|talked|called|emailed|sent|booked|scheduled|connected|signed)${E}`,
    'iu',
  ),
  new RegExp(
    `${B}ya\\s+(?:[\\p{L}]+\\s+){0,2}?(?:tuvimos|tuve|hicimos|hice|le hice|les hice|hablamos|llamamos|enviamos|mandamos|agendamos|nos reunimos|me reuní|cerramos|firmamos)${E}`,
    'iu',
  ),
  new RegExp(
    `${B}j[áa]\\s+(?:[\\p{L}]+\\s+){0,2}?(?:fizemos|tivemos|fiz|tive|falamos|ligamos|enviamos|mandamos|marcamos|agendamos|nos reunimos|conversamos|conversei|fechamos)${E}`,
    'iu',
  ),
  // English
  new RegExp(
    `^(?:all\\s+|already\\s+|just\\s+)?(?:done|sorted|handled|completed|closed|finished|taken care of|booked)${E}`,
    'iu',
  ),
  new RegExp(
    `^(?:i\\s+|we\\s+)?(?:already\\s+|just\\s+|finally\\s+|actually\\s+)?(?:called|phoned|rang|emailed|e-mailed|mailed|sent|spoke|talked|met|booked|scheduled|reached out|contacted|set up|closed|signed|forwarded|followed up|pinged|texted|messaged|connected|had (?:a|the) call|got hold of|caught up|handed|shared|delivered|submitted|replied|responded|introduced|looped)${E}`,
    'iu',
  ),
  new RegExp(
    `${B}(?:i've|i have|we've|we have)\\s+(?:already\\s+|just\\s+)?(?:called|phoned|emailed|sent|spoken|talked|met|booked|scheduled|reached out|contacted|set up|closed|signed|forwarded|followed up|done|handled|been in touch|got in touch|gotten in touch|connected)${E}`,
    'iu',
  ),
  new RegExp(
    `${B}(?:demo|meeting|call|intro|discovery call|appointment|invite|invitation|contract|order form|deal|proposal|deck|quote|pricing)(?:'s|\\s+is|\\s+was|\\s+has been|\\s+are|\\s+were)?\\s+(?:now\\s+)?(?:booked|scheduled|set|set up|sent|signed|done|out|closed|confirmed|in the calendar)${E}`,
    'iu',
  ),
  new RegExp(
    `${B}done on my (?:side|end)${E}|${B}(?:they|she|he)(?:'ve| have)?\\s+(?:signed|booked|confirmed)${E}`,
    'iu',
  ),
  // German
  new RegExp(`^(?:schon\\s+|bereits\\s+|ist\\s+|alles\\s+)?erledigt${E}|${B}hat sich erledigt${E}`, 'iu'),
  new RegExp(
    `${B}(?:habe|hab|hatte|haben)${E}[^.!?]{0,80}?${B}(?:angerufen|telefoniert|geschickt|gesendet|verschickt|geschrieben|gemailt|gebucht|vereinbart|kontaktiert|gesprochen|erreicht|erledigt|weitergeleitet|abgeschlossen|unterschrieben|getroffen|zusammengesetzt|besprochen|durchgeführt)${E}`,
    'iu',
  ),
  new RegExp(
    `${B}(?:ist|sind)\\s+(?:jetzt\\s+|schon\\s+|bereits\\s+)?(?:raus|vereinbart|gebucht|verschickt|unterschrieben|erledigt|abgeschlossen|fix)${E}`,
    'iu',
  ),
  // French
  new RegExp(`^(?:c'est\\s+)?(?:fait|réglé|terminé|bouclé)${E}`, 'iu'),
  new RegExp(
    `${B}(?:j'ai|je l'ai|je les ai|je leur ai|je lui ai|on a|on les a|nous avons)\\s+(?:déjà\\s+|bien\\s+)?(?:appel[ée]|envoy[ée]|contact[ée]|relanc[ée]|cal[ée]|eus?|eue?s?|parl[ée]|écrit|ecrit|transmis|book[ée]|réserv[ée]|sign[ée]|fix[ée]|planifi[ée]|fait|joint|rencontr[ée]|vu|eu)${E}`,
    'iu',
  ),
  new RegExp(`^(?:appelé|envoyé|contacté|relancé|calé|booké|signé|transmis)${E}`, 'iu'),
  new RegExp(
    `${B}(?:rdv|rendez-vous|démo|réunion|appel|devis|contrat|proposition|mail|invitation)\\s+(?:est\\s+|a été\\s+)?(?:pris|calé|calée|fixé|fixée|envoyé|envoyée|parti|partie|signé|signée|booké|bookée|planifié|planifiée|programmé|programmée)${E}`,
    'iu',
  ),
  new RegExp(
    `${B}(?:est|sont)\\s+(?:bien\\s+)?(?:parti|partis|partie|envoyé|envoyée|signé|signée)${E}`,
    'iu',
  ),
  // Spanish
  new RegExp(
    `^(?:hecho|listo|ya está|terminado|cerrado|resuelto)${E}|${B}(?:esto|eso)\\s+ya\\s+está${E}`,
    'iu',
  ),
  new RegExp(
    `${B}ya\\s+(?:[\\p{L}]+\\s+){0,2}?(?:llam[ée]|envi[ée]|mand[ée]|contact[ée]|escrib[ií]|habl[ée]|agend[ée]|cerr[ée]|firm[ée]|reenvi[ée])${E}`,
    'iu',
  ),
  new RegExp(
    `^(?:(?:les|los|le|lo|la|las)\\s+)?(?:llamé|envié|mandé|contacté|escribí|hablé|agendé)${E}`,
    'iu',
  ),
  new RegExp(
    `${B}(?:demo|reunión|llamada|cita|contrato|propuesta|cotización|invitación)\\s+(?:ya\\s+)?(?:está\\s+)?(?:agendada|agendado|programada|enviada|enviado|firmado|firmada|cerrada|confirmada)${E}|${B}firmaron${E}`,
    'iu',
  ),
  // Portuguese
  new RegExp(`^(?:feito|pronto|resolvido|concluído|já foi)${E}`, 'iu'),
  new RegExp(
    `${B}j[áa]\\s+(?:[\\p{L}]+\\s+){0,2}?(?:mandei|enviei|liguei|falei|entrei|marquei|agendei|fechei|assinaram|respondi|resolvi)${E}`,
    'iu',
  ),
  new RegExp(`^(?:liguei|mandei|enviei|falei|marquei|agendei)${E}`, 'iu'),
  new RegExp(
    `${B}(?:demo|reunião|ligação|call|contrato|proposta|cotação|convite)\\s+(?:já\\s+)?(?:está\\s+|foi\\s+)?(?:marcad[ao]|agendad[ao]|enviad[ao]|assinad[ao]|fechad[ao]|confirmad[ao])${E}|${B}assinaram${E}`,
    'iu',
  ),
  // "Schon passiert", "ist gestern rausgegangen", "déjà envoyé".
  new RegExp(
    `${B}(?:schon|bereits)\\s+(?:passiert|erledigt|gemacht|raus|verschickt)${E}|${B}(?:ist|sind)\\s+(?:[\\p{L}]+\\s+){0,6}?(?:rausgegangen|rausgeschickt|verschickt|versendet|raus)${E}`,
    'iu',
  ),
  new RegExp(
    `${B}(?:déjà|deja)\\s+(?:envoy[ée]e?|appel[ée]|fait|contact[ée]|relanc[ée]|transmis|cal[ée]e?|trait[ée]|sign[ée])${E}|${B}(?:devis|mail|proposition|propale|offre|contrat)\\s+(?:bien\\s+)?(?:envoy[ée]e?|sign[ée]e?|parti)${E}`,
    'iu',
  ),
  // Japanese: a past or completed form that is not an acknowledgment ("了解しました").
  /(?<!了解|承知|拝承|確認|理解|把握|かしこまり|了解いた|承知いた|拝承いた|確認いた|理解いた|把握いた)(?:しました|いたしました|致しました|済みです|済です|済み|(?:を|の)(?:いただき|頂き)ました|完了しました|完了です|完了|確定しました|入れました|なりました|決まりました|確定しています|取れました|締結しました|終わりました|送りました)(?:。|！|!|$|、|\s|\p{Extended_Pictographic})/u,
];

const DECLINE: RegExp[] = [
  // "das wäre ein klarer Interessenkonflikt", "conflict of interest", "sorry, aber das geht nicht".
  new RegExp(
    `${B}(?:conflict of interest|(?:that's|that is|it's|it is|that'd be|would be) a conflict|interessenkonflikt|conflit d'intérêts?|conflicto de intereses?|conflito de interesses?)${E}|${B}(?:sorry|leider|tut mir leid),?\\s+(?:aber\\s+)?das geht (?:leider\\s+)?nicht${E}|利益相反`,
    'iu',
  ),
  // "can't give this the attention it deserves", "no le daría la atención que merece", "I'd love to but …".
  new RegExp(
    `${B}(?:can't|cannot|couldn't|won't|wouldn't|not|no|ne|pas|não|nicht|kein)${E}[^.!?]{0,60}?${B}(?:attention|atención|atenção|aufmerksamkeit)${E}`,
    'iu',
  ),
  new RegExp(
    `${B}(?:i'd|i would)\\s+love\\s+to,?\\s+but${E}|${B}wish i could,?\\s+but${E}|${B}j'aimerais bien,?\\s+mais${E}|${B}me encantaría,?\\s+pero${E}|${B}(?:eu\\s+)?adoraria,?\\s+mas${E}|${B}würde (?:ich\\s+)?gerne?,?\\s+aber${E}`,
    'iu',
  ),
  new RegExp(
    `${B}(?:can|could)\\s+(?:someone|somebody|anyone|anybody)\\s+else\\s+(?:take|handle|cover|pick up)${E}|${B}(?:someone|somebody)\\s+else\\s+(?:should|needs to|has to|will have to)\\s+(?:take|handle|cover)${E}|${B}not for me${E}|${B}kann (?:das\\s+)?(?:jemand|wer) anders${E}|${B}jemand anderes${E}|${B}quelqu'un d'autre${E}|${B}pas pour moi${E}|${B}alguien más${E}|${B}otra persona${E}|${B}outra pessoa${E}|(?:他の|ほかの)(?:方|人|担当)`,
    'iu',
  ),
  new RegExp(
    `${B}(?:can't|cannot|can not|won't be able to|will not be able to|unable to|not able to|couldn't|don't think i can)\\s+(?:take|pick|handle|own|cover|work|do|accept|manage)(?:\\s+(?:on|up))?\\s+(?:this|it|that)(?:\\s+(?:one|lead|on|up|account|handoff|deal))*${E}`,
    'iu',
  ),
  new RegExp(
    `${B}i'd rather not${E}|${B}(?:i'll|i will|i'm going to|i have to|i'll have to|have to|gonna|gotta|got to|need to|must)\\s+(?:pass|decline)(?:\\s+on\\s+(?:this|it)(?:\\s+one)?)?${E}`,
    'iu',
  ),
  new RegExp(
    `${B}(?:not|isn't) (?:in )?my (?:territory|region|area|patch|segment|account|book|lane|market|vertical)${E}|${B}(?:don't|do not) have (?:the )?(?:capacity|bandwidth|time) (?:for|to)${E}|${B}no (?:capacity|bandwidth)${E}|${B}(?:i'm|i am) not the right (?:person|rep|owner)${E}|${B}wrong (?:person|rep|team|owner)${E}`,
    'iu',
  ),
  new RegExp(
    `${B}(?:kann|werde|könnte)\\s+(?:ich\\s+)?(?:das\\s+|es\\s+|den lead\\s+|ihn\\s+)?(?:leider\\s+)?(?:nicht|nich)\\s+(?:übernehmen|machen|bearbeiten|annehmen)${E}|${B}schaffe ich${E}[^.!?]{0,40}?${B}nicht${E}|${B}keine (?:kapazität|kapazitäten|zeit) (?:für|dafür)?|${B}(?:bin|sind) (?:dafür )?nicht zuständig${E}|${B}nicht mein (?:gebiet|bereich)${E}|${B}muss (?:leider )?(?:ablehnen|passen)${E}|^leider nein${E}|${B}muss ich (?:leider )?(?:ablehnen|passen)${E}|${B}betreue ich (?:leider )?nicht(?: mehr)?${E}`,
    'iu',
  ),
  new RegExp(
    `${B}(?:je ne|je n')\\s*(?:peux|pourrai|pourrais|vais)\\s+pas\\s+(?:pouvoir\\s+)?(?:le |la |les |m'en |me |)(?:prendre|reprendre|charger|occuper|traiter|gérer|assurer|suivre)${E}|${B}pas (?:de|la) (?:capacité|disponibilité|bande passante)${E}|${B}(?:ce n'est )?pas mon (?:secteur|périmètre|territoire)${E}|${B}je dois (?:refuser|décliner|passer mon tour)${E}|${B}je passe mon tour${E}|${B}je préfère (?:refuser|décliner|passer)${E}`,
    'iu',
  ),
  new RegExp(
    `${B}no\\s+(?:puedo|podré|podría|voy a poder)\\s+(?:encargarme|tomarlo|tomarla|tomar esta|tomar este|asumirlo|asumirla|llevarlo|llevarla|atenderlo|atenderla|hacerme cargo|con este|con esto)${E}|${B}no tengo (?:capacidad|tiempo|disponibilidad)${E}|${B}no es mi (?:zona|territorio|cuenta|región)${E}|${B}no me corresponde${E}|${B}prefiero no (?:llevar|tomar|quedarme con|asumir)${E}`,
    'iu',
  ),
  new RegExp(
    `${B}não\\s+(?:consigo|posso|vou conseguir|tenho como)\\s+(?:pegar|assumir|atender|cuidar|ficar com)${E}|${B}não tenho (?:capacidade|tempo|disponibilidade|agenda)${E}|${B}não é (?:minha|meu) (?:região|território|conta)${E}`,
    'iu',
  ),
  // "je vais devoir décliner", "tengo que rechazarlo", "no me lo puedo quedar", "vou ter que recusar".
  new RegExp(
    `${B}je\\s+(?:vais\\s+)?(?:dois|devoir|vais devoir)\\s+(?:refuser|décliner|passer mon tour)${E}|${B}je\\s+(?:refuse|décline)${E}`,
    'iu',
  ),
  new RegExp(
    `${B}no\\s+(?:me\\s+)?(?:lo\\s+|la\\s+)?(?:puedo|podré|podría)\\s+(?:coger(?:lo|la)?|quedar(?:me(?:lo|la)?)?|aceptar(?:lo|la)?)${E}|${B}(?:tengo|tendré|voy a tener)\\s+que\\s+(?:rechazar(?:lo|la)?|declinar(?:lo|la)?|pasar)${E}|${B}(?:debo|voy a)\\s+(?:rechazar|declinar)(?:lo|la)?${E}`,
    'iu',
  ),
  new RegExp(
    `${B}(?:vou|vou ter que|vou ter de|tenho que|tenho de|preciso)\\s+(?:recusar|declinar|passar (?:essa|esse|este|esta))${E}|${B}não\\s+(?:posso|consigo|vou conseguir)\\s+(?:pegar|aceitar|assumir)\\s+(?:essa|esse|este|esta|isso)${E}`,
    'iu',
  ),
  /(?:対応|担当|お受け|引き受け|お引き受け|お引受け)(?:は)?(?:でき|いたしかね|致しかね|られ)(?:ません|かねます)|(?:対応|担当)(?:は|が)難しい|お断り|(?:対応|担当)(?:でき|出来)ない|手一杯|無理(?:です|っす|だ)|見送らせて|見送り(?:ます|たい|させて)|辞退(?:させて|します|いたします|致します)/u,
];

const ACK =
  /^(?:ok(?:ay)?|k|got it|noted|sure(?: thing)?|will do|on it|sounds good|perfect|great|cool|thanks?|thank you|thx|received|understood|roger|yep|yes|👍|alles klar|ok(?:ay)?|verstanden|passt|danke|mache ich|wird erledigt|super|c'est noté|bien reçu|bien noté|d'accord|merci|entendu|parfait|recibido|entendido|vale|perfecto|de acuerdo|gracias|recebido|entendido|beleza|combinado|valeu|obrigad[oa]|了解|承知|かしこまりました|確認します|ありがとうございます)/iu;

const EMAIL = new RegExp(ADDRESS_SOURCE, 'u');
const EMAIL_ALL = new RegExp(ADDRESS_SOURCE, 'gu');
const TARGET = `(?<target>${ADDRESS_SOURCE}|(?<![\\p{L}'.-])[\\p{L}][\\p{L}'.-]{0,40}(?:\\s+[\\p{L}][\\p{L}'.-]{0,40})?)`;
// "my colleague Tom", "den Kollegen Müller", "mon collègue Paul": words before a colleague's name.
const COLLEAGUE =
  '(?:(?:(?:my|our|the|den|die|meinen|meine|meinem|unseren|unsere|unserem|mon|ma|notre|mi|nuestro|nuestra|el|la|meu|minha|nosso|nossa|o|a)\\s+)?(?:colleague|teammate|kollegen|kollegin|herrn|herr|frau|collègue|compañero|compañera|colega)\\s+)?';
const JA_TARGET = `(?<target>${ADDRESS_SOURCE}|[\\p{Script=Han}\\p{Script=Katakana}ー]{1,8})`;
const NOT_A_NAME = words(
  "them|him|her|me|us|you|someone|somebody|anyone|everyone|the|a|an|my|our|your|their|his|sales|legal|finance|support|ihm|ihr|ihn|uns|mir|dir|jemand|lui|leur|moi|nous|vous|quelqu'un|le|la|les|él|ella|ellos|alguien|mí|ele|ela|eles|alguém|mim|nós",
);

interface Reassign {
  pattern: RegExp;
  /** First-person uses of the verb ("I'll forward the deck to their CFO") are a commitment, not a reassign. */
  requestOnly: boolean;
}

const REASSIGN: Reassign[] = [
  {
    pattern: new RegExp(
      `${B}(?:(?:re-?)?assign|reroute|route|forward|hand|pass|give|send|move|transfer|redirect|delegate)(?:\\s+(?:this|it|that|the lead|this lead|the handoff|this handoff|the account|this account|the deal|this deal))?(?:\\s+one)?(?:\\s+(?:over|on|off))?\\s+to\\s+${COLLEAGUE}${TARGET}`,
      'iu',
    ),
    requestOnly: true,
  },
  {
    pattern: new RegExp(
      `${B}(?:re-?assign(?:ing)?|handing|passing)(?:\\s+(?:this|it|this one|the lead|this lead))?(?:\\s+(?:over|on))?\\s+to\\s+${TARGET}`,
      'iu',
    ),
    requestOnly: false,
  },
  {
    pattern: new RegExp(
      `${B}(?:forwarding|transferring|moving|giving|sending)\\s+(?:this|it)(?:\\s+(?:one|lead|handoff))?(?:\\s+(?:over|on))?\\s+to\\s+${TARGET}`,
      'iu',
    ),
    requestOnly: false,
  },
  {
    pattern: new RegExp(
      `${B}let\\s+${TARGET}\\s+(?:take|handle|own|have|pick up|cover)\\s+(?:this|it)${E}`,
      'iu',
    ),
    requestOnly: false,
  },
  {
    pattern: new RegExp(
      `${B}(?:this|that|it)(?:'s|\\s+is)\\s+${TARGET}'s?\\s+(?:territory|account|region|area|client|patch|deal|lead|book)${E}`,
      'iu',
    ),
    requestOnly: false,
  },
  {
    pattern: new RegExp(
      `${B}c'est\\s+(?:le|la)\\s+(?:secteur|périmètre|client|compte|territoire|zone|région)\\s+(?:de\\s+|d')${TARGET}`,
      'iu',
    ),
    requestOnly: false,
  },
  {
    pattern: new RegExp(`${B}(?:this|it)\\s+(?:should|needs to|has to|must)\\s+go\\s+to\\s+${TARGET}`, 'iu'),
    requestOnly: false,
  },
  {
    // "Este lead deve seguir para a Joana", "debe ir a Marta", "devrait aller à Paul".
    pattern: new RegExp(
      `${B}(?:deve|devia|debe|debería|devrait|doit)\\s+(?:seguir|ir|passar|pasar|aller|passer)\\s+(?:para|a|à|pour|chez)\\s+(?:a\\s+|o\\s+|la\\s+|el\\s+)?${COLLEAGUE}${TARGET}`,
      'iu',
    ),
    requestOnly: false,
  },
  {
    pattern: new RegExp(
      `${TARGET}\\s+(?:should|can|could|would be better placed to|is better placed to|is better suited to)\\s+(?:take|own|handle|pick up|cover)\\s+(?:this|it)${E}`,
      'u',
    ),
    requestOnly: false,
  },
  {
    pattern: new RegExp(
      `${B}(?:an|zu)\\s+${COLLEAGUE}${TARGET}\\s+(?:weitergeben|weiterleiten|übergeben|abgeben|geben|zuweisen|übertragen|delegieren|schicken|weiterreichen)${E}`,
      'iu',
    ),
    requestOnly: false,
  },
  {
    // "Bitte gib den Lead an Claudia weiter".
    pattern: new RegExp(
      `${B}(?:gib|gebt|geben sie|leite|leitet|leiten sie|reich|reicht)${E}[^.!?]{0,40}?${B}an\\s+${COLLEAGUE}${TARGET}\\s*[:(]?[^.!?]{0,60}?${B}weiter${E}`,
      'iu',
    ),
    requestOnly: false,
  },
  {
    pattern: new RegExp(
      `${B}(?:weiterleiten|weitergeben|übergeben|zuweisen|übertragen)\\s+an\\s+${TARGET}`,
      'iu',
    ),
    requestOnly: false,
  },
  {
    pattern: new RegExp(
      `${B}(?:réassigner|réaffecter|transférer|transmettre|passer|confier|rediriger|réattribuer|basculer)(?:\\s+(?:ce dossier|ce lead|le dossier|le lead|ça|cela|ceci))?\\s+(?:à|a|vers)\\s+${COLLEAGUE}${TARGET}`,
      'iu',
    ),
    requestOnly: true,
  },
  {
    pattern: new RegExp(
      `${B}(?:reas[ií]gna(?:lo|la|me)?|reasignar(?:lo|la)?|pása(?:lo|la|selo|sela)|pasár(?:selo|sela)|pasarl[oa]|reenvía(?:lo|la)|reenviar(?:lo|la)?|asígna(?:lo|la)|asignar(?:lo|la)|transfiér(?:elo|ela)|transferir(?:lo|la)?|deríva(?:lo|la)|derivar(?:lo|la)?)(?:\\s+(?:este lead|esto))?\\s+(?:a|para)\\s+${COLLEAGUE}${TARGET}`,
      'iu',
    ),
    requestOnly: true,
  },
  {
    pattern: new RegExp(
      `${B}(?:repass[ae]m?|repassar|pass[ae]m?|passar|encaminh[ae]m?|encaminhar|transfir[ae]m?|transferir|reatribu[ai]m?|reatribuir|atribu[ai]m?|atribuir|deleg[ae]m?|delegar)(?:-(?:lo|la|o|a))?(?:\\s+(?:isso|esse lead|este lead|esse|este|o lead))?\\s+(?:para|pro|pra|ao|à|a)\\s+${COLLEAGUE}${TARGET}`,
      'iu',
    ),
    requestOnly: true,
  },
  {
    pattern: new RegExp(
      `${JA_TARGET}\\s*(?:さん|様|氏|くん)?\\s*(?:（[^）]{0,60}）|\\([^)]{0,60}\\))?\\s*(?:に|へ)\\s*(?:振って|振り|引き継いで|引継いで|引き継ぎ|回して|転送|再アサイン|アサイン|渡して|担当変更)`,
      'u',
    ),
    requestOnly: false,
  },
  {
    // "das gehört eher zu m.schulz@…", "this belongs to Priya".
    pattern: new RegExp(
      `${B}(?:gehört|gehören)\\s+(?:eher\\s+|eigentlich\\s+|wohl\\s+)?(?:zu|an)\\s+${COLLEAGUE}${TARGET}`,
      'iu',
    ),
    requestOnly: false,
  },
  {
    pattern: new RegExp(
      `${B}(?:belongs|belong)\\s+(?:more\\s+|really\\s+)?(?:to|with)\\s+${COLLEAGUE}${TARGET}`,
      'iu',
    ),
    requestOnly: false,
  },
  {
    // "本件は ito@… さんの担当になります"
    pattern: new RegExp(
      `${JA_TARGET}\\s*(?:さん|様|氏)?\\s*の\\s*(?:担当|管轄|担当エリア)(?:に|です|になります|ですので|となります|となり)`,
      'u',
    ),
    requestOnly: false,
  },
  {
    // "bitte umhängen auf Petra.Schmitz@…"
    pattern: new RegExp(
      `${B}(?:umhängen|umschreiben|umbuchen|zuweisen|übertragen|umstellen)\\s+(?:auf|an)\\s+${COLLEAGUE}${TARGET}`,
      'iu',
    ),
    requestOnly: false,
  },
  {
    // "¿Se lo pueden pasar a Diego?"
    pattern: new RegExp(
      `${B}(?:se\\s+)?(?:lo|la)\\s+(?:puedes|pueden|podrías|podrían|puede)\\s+(?:pasar|reasignar|asignar|transferir|derivar|mandar)\\s+a\\s+${COLLEAGUE}${TARGET}`,
      'iu',
    ),
    requestOnly: false,
  },
  {
    // "Kannst du das bitte Claire zuweisen?"
    pattern: new RegExp(
      `${B}(?:das|es|ihn|den lead|diesen lead)\\s+(?:bitte\\s+)?${COLLEAGUE}${TARGET}(?:\\s*\\([^)]{0,80}\\))?\\s+(?:zuweisen|übergeben|zuteilen|geben|weitergeben)${E}`,
      'iu',
    ),
    requestOnly: true,
  },
  {
    // "kenji.ito@example.com さんへの再割り当てをお願いできますか"
    pattern: new RegExp(
      `${JA_TARGET}\\s*(?:さん|様|氏)?\\s*(?:へ|に)(?:の)?\\s*(?:再割り当て|再割当|割り当て|引き継ぎ|引継ぎ)`,
      'u',
    ),
    requestOnly: false,
  },
];

const FIRST_PERSON_BEFORE = new RegExp(
  `${B}(?:(?:i|i'll|i will|i'm going to|i am going to|we'll|we will|i can|i could|i'd|je|ich|yo|eu|vou|voy a)${E}|j')\\s*(?:\\S+\\s+){0,2}$`,
  'iu',
);
const APOLOGY = words(
  "sorry|apologies|unfortunately|sadly|i'm afraid|i am afraid|leider|sorry|désolée?|malheureusement|lo siento|perdón|disculpa|lamentablemente|desculpa|desculpe|infelizmente|申し訳(?:ありません|ございません)が?|すみません",
);

// ---------------------------------------------------------------- the rules

function findReassign(sentences: Sentence[]): { target: string; rule: string } | null {
  for (const sentence of sentences) {
    for (const { pattern, requestOnly } of REASSIGN) {
      const match = pattern.exec(sentence.text);
      if (!match?.groups?.target) continue;
      const before = sentence.text.slice(0, match.index);
      if (requestOnly && FIRST_PERSON_BEFORE.test(before)) continue;
      // The address may sit in the next sentence ("Can you give it to Diego? diego@…").
      const email =
        EMAIL.exec(sentence.text)?.[0] ??
        addressFor(match.groups.target, sentences) ??
        onlyAddress(sentences);
      if (email) return { target: email.toLowerCase(), rule: 'reassign:address' };
      // "I'll put a deck together and send it to Luis": a step of mine, not a request to move the handoff.
      if (firstPromise(before)?.concrete) continue;
      const name = readName(match.groups.target);
      if (name) return { target: name, rule: 'reassign:name' };
    }
  }
  return null;
}

/** The one address a reply names, when it names exactly one ("岡田さん … okada.k@… に振り直して"). */
function onlyAddress(sentences: Sentence[]): string | null {
  const found = new Set<string>();
  for (const sentence of sentences) {
    for (const m of sentence.text.matchAll(EMAIL_ALL)) found.add(m[0].toLowerCase());
  }
  return found.size === 1 ? [...found][0]! : null;
}

/** An address elsewhere in the reply whose local part starts with the name given ("Inès" → ines@…). */
function addressFor(name: string, sentences: Sentence[]): string | null {
  const fold = (t: string) => t.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  const first = fold(name.split(/\s+/)[0] ?? '');
  if (!first) return null;
  for (const sentence of sentences) {
    const email = EMAIL.exec(sentence.text)?.[0];
    if (email && fold(email).startsWith(first)) return email;
  }
  return null;
}

function readName(raw: string): string | null {
  if (/[\p{Script=Han}\p{Script=Katakana}]/u.test(raw)) return raw;
  const parts = raw.split(/\s+/).filter((p) => /^\p{Lu}/u.test(p));
  const first = raw.split(/\s+/)[0] ?? '';
  if (!/^\p{Lu}/u.test(first) || NOT_A_NAME.test(first)) return null;
  const name = raw.split(/\s+/).length > 1 && parts.length === 2 ? parts.join(' ') : first;
  return name.replace(/[.'-]+$/u, '');
}

function findDecline(sentences: Sentence[]): { reason: string } | null {
  for (let s = 0; s < sentences.length; s += 1) {
    const sentence = sentences[s]!;
    if (sentence.clauses.every((c) => c.question)) continue;
    const hit = DECLINE.map((p) => p.exec(sentence.text)).find((m) => m);
    if (!hit) continue;
    return { reason: declineReason(sentence, hit, sentences[s + 1]) };
  }
  return null;
}

// The other clauses of the declining sentence, else the next sentence, else the sentence itself.
// Conjunctions and subject pronouns that tie a reason to the refusal after it.
const TRAILING_LINK = new RegExp(
  `(?:\\s*${B}(?:and|so|therefore|und|daher|deshalb|also|et|donc|alors|y|así que|por eso|e|então|por isso|i|ich|je|yo|eu|we|wir|nous)${E})+[\\s,]*$`,
  'iu',
);

const strip = (t: string) =>
  t
    .replace(APOLOGY, ' ')
    .replace(/\s{2,}/g, ' ')
    .replace(/^[\s,.;:!、。-]+|[\s,;:!、-]+$/gu, '')
    .trim();

function declineReason(sentence: Sentence, hit: RegExpExecArray, next: Sentence | undefined): string {
  const hitStart = sentence.start + hit.index;
  const hitEnd = hitStart + hit[0].length;
  const others = sentence.clauses
    .filter((c) => c.end <= hitStart || c.start >= hitEnd)
    .map((c) => strip(c.text))
    .filter((t) => /[\p{L}\p{N}]{2,}/u.test(t));
  if (others.length > 0) return others.join(', ').replace(/[.!。]+$/u, '');
  // A reason may come before the refusal in the same clause: "来週から育休に入るため対応できません",
  // "Ich bin die ganze Woche auf einer Messe und kann das nicht übernehmen".
  const before = strip(sentence.text.slice(0, hit.index).replace(TRAILING_LINK, ''));
  if (
    /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]{2,}|[\p{L}\p{N}]+\s+[\p{L}\p{N}]+/u.test(before)
  )
    return before;
  if (next && !next.clauses.every((c) => c.question)) {
    const text = strip(next.text);
    if (/[\p{L}\p{N}]{3,}/u.test(text)) return text.replace(/[.!。]+$/u, '');
  }
  return strip(sentence.text).replace(/[.!。]+$/u, '');
}

interface Commit {
  sentence: Sentence;
  clause: Clause;
  promise: PromiseMatch;
  due: DueMention | null;
  rule: string;
}

type TimesIn = (sentence: TextSpan) => DueMention[];

const CONDITION_BEFORE = new RegExp(
  `${B}(?:before|until|avant que|avant de|bevor|antes de que|antes que|antes de|até que|ehe)\\s*$`,
  'iu',
);

function findCommit(
  sentences: Sentence[],
  timesIn: TimesIn,
): { commit: Commit | null; vaguePromise: boolean } {
  let vaguePromise = false;
  let candidates = 0;
  for (let s = 0; s < sentences.length; s += 1) {
    const sentence = sentences[s]!;
    for (const clause of sentence.clauses) {
      if (clause.question) continue;
      const promise = firstPromise(clause.text);
      // "Before I reach out, do they …?", "Avant que je le contacte : …": a condition, not a promise.
      if (!promise || CONDITION_BEFORE.test(clause.text.slice(0, promise.index))) continue;
      // The first promise counts: a reply that makes a dozen without a step makes none.
      if (++candidates > MAX_PROMISES) return { commit: null, vaguePromise: true };
      const mentions = timesIn(sentence);
      // Only a concrete step may take its time from the next sentences ("I'll call them. Tomorrow at 10
      // works."); a bare "Happy to take it." must not borrow the time of the sentence after it.
      const following = promise.concrete ? sentences.slice(s + 1, s + 3) : [];
      const due = chooseDue(sentence, clause, mentions, following, timesIn);
      // Japanese puts the object before the verb ("鈴木様にお送りします").
      const objectText = JA_SCRIPT.test(clause.text)
        ? clause.text.slice(0, promise.index)
        : clause.text.slice(promise.end);
      const object = promise.concrete && hasObject(objectText);
      if (promise.concrete && due)
        return { commit: { sentence, clause, promise, due, rule: 'commit:verb+time' }, vaguePromise };
      if (object)
        return { commit: { sentence, clause, promise, due: null, rule: 'commit:verb+object' }, vaguePromise };
      if (due && !clause.negated)
        return { commit: { sentence, clause, promise, due, rule: 'commit:promise+time' }, vaguePromise };
      vaguePromise = true;
    }
  }
  return { commit: null, vaguePromise };
}

// Time expressions of a sentence, offsets in the whole text; each sentence is parsed once.
function memoTimes(options: ClassifyOptions): TimesIn {
  const seen = new Map<number, DueMention[]>();
  return (sentence) => {
    let found = seen.get(sentence.start);
    if (!found) {
      found = options.times(sentence.text).map((m) => ({ ...m, index: m.index + sentence.start }));
      seen.set(sentence.start, found);
    }
    return found;
  };
}

function firstPromise(clause: string): PromiseMatch | null {
  let best: PromiseMatch | null = null;
  for (const match of PROMISES) {
    const found = match(clause);
    if (!found) continue;
    if (
      !best ||
      (found.concrete && !best.concrete) ||
      (found.concrete === best.concrete && found.index < best.index)
    ) {
      best = found;
    }
  }
  return best;
}

// The time of the promised step: in the promise's clause first, then later in its sentence, then earlier in
// it (skipping negated clauses: "Can't do today, but I'll call Thursday"), then the next two sentences.
function chooseDue(
  sentence: Sentence,
  clause: Clause,
  mentions: DueMention[],
  following: Sentence[],
  timesIn: TimesIn,
): DueMention | null {
  const inClause = mentions.find((m) => m.index >= clause.start && m.index < clause.end);
  if (inClause) return inClause;
  const after = mentions.find((m) => m.index >= clause.end);
  if (after) return after;
  const before = mentions.find((m) => {
    const home = sentence.clauses.find((c) => m.index >= c.start && m.index < c.end);
    return m.index < clause.start && !home?.negated && !home?.question;
  });
  if (before) return before;
  for (const next of following) {
    if (next.clauses.every((c) => c.question)) continue;
    if (DONE.some((p) => next.clauses.some((c) => p.test(c.text)))) continue;
    const found = timesIn(next)[0];
    if (found) return found;
  }
  return null;
}

function findDone(sentences: Sentence[]): Sentence | null {
  for (const sentence of sentences) {
    for (const clause of sentence.clauses) {
      if (clause.question) continue;
      if (
        DONE.some((p) => p.test(clause.text)) &&
        !/\b(?:not|n't|yet|noch nicht|pas encore|todavía no|ainda não|まだ)\b/iu.test(clause.text)
      ) {
        return sentence;
      }
    }
  }
  return null;
}

function span(text: string, sentence: Sentence): TextSpan {
  const trimmed = sentence.text.replace(INLINE_GREETING, '');
  const start = sentence.end - trimmed.length;
  return { start, end: sentence.end, text: text.slice(start, sentence.end) };
}

/**
 * Classifies the new text of a reply (already stripped of quoted history) into one intent, naming the
 * rule that decided. See the module comment for the order of the rules.
 */
export function classifyReply(text: string, options: ClassifyOptions): Classification {
  const clean = cleanReplyText(text);
  const base = { action: null, due: null, reassignTo: null, reason: null, text: clean };
  if (!/[\p{L}\p{N}\p{Extended_Pictographic}]/u.test(clean))
    return { ...base, intent: 'vague', rule: 'vague:empty' };
  const sentences = splitSentences(clean);

  const reassign = findReassign(sentences);
  if (reassign) return { ...base, intent: 'reassign', rule: reassign.rule, reassignTo: reassign.target };

  const decline = findDecline(sentences);
  if (decline) return { ...base, intent: 'decline', rule: 'decline:refusal', reason: decline.reason };

  const timesIn = memoTimes(options);
  const { commit, vaguePromise } = findCommit(sentences, timesIn);
  if (commit)
    return {
      ...base,
      intent: 'commit',
      rule: commit.rule,
      action: span(clean, commit.sentence),
      due: commit.due,
    };

  const done = findDone(sentences);
  if (done) return { ...base, intent: 'done', rule: 'done:completed', action: span(clean, done) };

  // A bare acknowledgment ("かしこまりました。", "Got it, thanks!") is vague whatever its words resemble.
  const vote = () =>
    options.model && !acknowledgmentOnly(clean) ? readByVote(clean, sentences, timesIn, options.model) : null;
  if (sentences.some((s) => s.clauses.some((c) => c.question))) {
    // "Could you pass this one to marta@…?" asks for a reassign (the vote counts only with an address);
    // any other question stays a question.
    const voted = EMAIL.test(clean) ? vote() : null;
    if (voted?.intent === 'reassign') return { ...base, ...voted };
    return { ...base, intent: 'question', rule: 'question:asked' };
  }
  const voted = vote();
  if (voted) return { ...base, ...voted };
  if (vaguePromise) return { ...base, intent: 'vague', rule: 'vague:promise-without-step' };
  const ack = ACK.test(clean) || EMOJI_ONLY.test(clean);
  return { ...base, intent: 'vague', rule: ack ? 'vague:ack' : 'vague:no-step' };
}

const EMOJI_ONLY = /^[\p{Extended_Pictographic}\s\p{P}]+$/u;

function acknowledgmentOnly(clean: string): boolean {
  const ack = ACK.exec(clean);
  if (!ack && !EMOJI_ONLY.test(clean)) return false;
  const rest = ack ? clean.slice(ack[0].length) : '';
  const words = rest.match(/[\p{L}\p{N}]+/gu) ?? [];
  const cjk = rest.match(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/gu) ?? [];
  return words.length <= 1 && cjk.length <= 3;
}

/** The words-model features of a reply's text, exactly as classifyReply computes them (to train the model). */
export function intentFeatures(text: string, options: ClassifyOptions): string[] {
  const clean = cleanReplyText(text);
  return featuresOf(clean, splitSentences(clean), memoTimes(options));
}

function featuresOf(clean: string, sentences: Sentence[], timesIn: TimesIn): string[] {
  return replyFeatures(
    clean,
    sentences.some((s) => timesIn(s).length > 0),
  );
}

type Reading = Omit<Classification, 'text'>;

// The words model's reading of a reply no rule decided, with what each intent needs: a commitment's first
// stated time (outside questions and negated clauses), a reassign's address (without one the vote is
// ignored), a decline's reason.
function readByVote(
  clean: string,
  sentences: Sentence[],
  timesIn: TimesIn,
  model: IntentModel,
): Reading | null {
  const vote = voteIntent(model, featuresOf(clean, sentences, timesIn));
  if (vote.intent === 'vague' || vote.probability < MODEL_CONFIDENCE) return null;
  const rule = `model:${vote.intent}${vote.evidence.length ? ` (${vote.evidence.join(', ')})` : ''}`;
  const none = { action: null, due: null, reassignTo: null, reason: null };
  const statements = sentences.filter((s) => !s.clauses.every((c) => c.question));
  const first = statements[0] ?? sentences[0];
  switch (vote.intent) {
    case 'commit': {
      for (const sentence of statements) {
        const due = timesIn(sentence).find((m) => {
          const home = sentence.clauses.find((c) => m.index >= c.start && m.index < c.end);
          return !home?.negated && !home?.question;
        });
        if (due) return { ...none, intent: 'commit', rule, action: span(clean, sentence), due };
      }
      return { ...none, intent: 'commit', rule, action: first ? span(clean, first) : null };
    }
    case 'reassign': {
      const address = EMAIL.exec(clean)?.[0];
      return address ? { ...none, intent: 'reassign', rule, reassignTo: address.toLowerCase() } : null;
    }
    case 'decline': {
      const reason = statements.map((s) => strip(s.text)).find((t) => /[\p{L}\p{N}]{2,}/u.test(t));
      return { ...none, intent: 'decline', rule, reason: reason?.replace(/[.!。]+$/u, '') ?? null };
    }
    case 'done':
      return { ...none, intent: 'done', rule, action: first ? span(clean, first) : null };
    default:
      return { ...none, intent: vote.intent, rule };
  }
}
