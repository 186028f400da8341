import { HTML_CUE } from './html-cues.ts';

export { HTML_CUE };

const NAMED_ENTITIES: Record<string, string> = {
  nbsp: '\u00a0',
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  copy: '©',
  reg: '®',
  trade: '™',
  hellip: '…',
  mdash: '—',
  ndash: '–',
  lsquo: '‘',
  rsquo: '’',
  sbquo: '‚',
  ldquo: '“',
  rdquo: '”',
  bdquo: '„',
  laquo: '«',
  raquo: '»',
  lsaquo: '‹',
  rsaquo: '›',
  bull: '•',
  middot: '·',
  euro: '€',
  pound: '£',
  yen: '¥',
  cent: '¢',
  sect: '§',
  para: '¶',
  deg: '°',
  plusmn: '±',
  times: '×',
  divide: '÷',
  frac12: '½',
  frac14: '¼',
  frac34: '¾',
  iexcl: '¡',
  iquest: '¿',
  shy: '\u00ad',
  zwnj: '\u200c',
  zwj: '\u200d',
  lrm: '\u200e',
  rlm: '\u200f',
  ensp: '\u2002',
  emsp: '\u2003',
  thinsp: '\u2009',
  szlig: 'ß',
  agrave: 'à',
  aacute: 'á',
  acirc: 'â',
  atilde: 'ã',
  auml: 'ä',
  aring: 'å',
  aelig: 'æ',
  ccedil: 'ç',
  egrave: 'è',
  eacute: 'é',
  ecirc: 'ê',
  euml: 'ë',
  igrave: 'ì',
  iacute: 'í',
  icirc: 'î',
  iuml: 'ï',
  ntilde: 'ñ',
  ograve: 'ò',
  oacute: 'ó',
  ocirc: 'ô',
  otilde: 'õ',
  ouml: 'ö',
  oslash: 'ø',
  ugrave: 'ù',
  uacute: 'ú',
  ucirc: 'û',
  uuml: 'ü',
  yacute: 'ý',
  yuml: 'ÿ',
  Agrave: 'À',
  Aacute: 'Á',
  Acirc: 'Â',
  Atilde: 'Ã',
  Auml: 'Ä',
  Aring: 'Å',
  AElig: 'Æ',
  Ccedil: 'Ç',
  Egrave: 'È',
  Eacute: 'É',
  Ecirc: 'Ê',
  Euml: 'Ë',
  Igrave: 'Ì',
  Iacute: 'Í',
  Icirc: 'Î',
  Iuml: 'Ï',
  Ntilde: 'Ñ',
  Ograve: 'Ò',
  Oacute: 'Ó',
  Ocirc: 'Ô',
  Otilde: 'Õ',
  Ouml: 'Ö',
  Oslash: 'Ø',
  Ugrave: 'Ù',
  Uacute: 'Ú',
  Ucirc: 'Û',
  Uuml: 'Ü',
  Yacute: 'Ý',
  oelig: 'œ',
  OElig: 'Œ',
  scaron: 'š',
  Scaron: 'Š',
};

const ENTITY = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z][a-zA-Z0-9]{1,31}));?/g;

function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(
    ENTITY,
    (whole, dec: string | undefined, hex: string | undefined, name: string | undefined) => {
      if (name !== undefined) return NAMED_ENTITIES[name] ?? NAMED_ENTITIES[name.toLowerCase()] ?? whole;
      const code = dec !== undefined ? Number(dec) : Number.parseInt(hex ?? '', 16);
      // Code points browsers replace (NUL, surrogates, beyond Unicode) become U+FFFD, as in the HTML spec.
      if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return '\ufffd';
      return String.fromCodePoint(code);
    },
  );
}

// Elements whose content is never shown.
const HIDDEN = new Set(['script', 'style', 'title', 'template', 'noscript', 'xml', 'object', 'iframe']);
// Elements that end the current line where they start and end.
const BLOCK = new Set([
  'div',
  'section',
  'article',
  'header',
  'footer',
  'main',
  'nav',
  'aside',
  'address',
  'center',
  'form',
  'fieldset',
  'figure',
  'figcaption',
  'dl',
  'dt',
  'dd',
  'table',
  'tbody',
  'thead',
  'tfoot',
  'tr',
  'caption',
  'body',
  'html',
]);
// Elements separated from their neighbours by a blank line.
const PARAGRAPH = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'pre', 'ul', 'ol', 'blockquote']);

const HISTORY_CLASSES =
  /(?:^|\s)(?:gmail_quote|yahoo_quoted|moz-cite-prefix|moz-forward-container|protonmail_quote|tutanota_quote|OutlookMessageHeader)(?:\s|$)/;
const SIGNATURE_CLASSES =
  /(?:^|\s)(?:gmail_signature|gmail_signature_prefix|moz-signature|AppleMailSignature)(?:\s|$)/;
const SIGNATURE_IDS = /^(?:x_)?(?:Signature|AppleMailSignature)$/;
const HISTORY_IDS =
  /^(?:x_)?(?:divRplyFwdMsg|appendonsend|stopSpelling|OLK_SRC_BODY_SECTION|zwchr|mail-editor-reference-message-container|reply-intro)$/;
// Outlook and Windows Mail draw a solid top border above the header block of the message replied to.
const TOP_BORDER = /border-top(?:-style)?\s*:\s*solid/i;

const ATTRIBUTES: Record<string, RegExp> = {};
for (const name of ['class', 'id', 'name', 'style']) {
  ATTRIBUTES[name] = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i');
}

function attribute(tag: string, name: 'class' | 'id' | 'name' | 'style'): string | null {
  const m = ATTRIBUTES[name]!.exec(tag);
  if (!m) return null;
  return m[1] ?? m[2] ?? m[3] ?? '';
}

const BLANK = /^[>\s\uE003]*$/;
// Deeper nesting is drawn at this depth, so the text stays proportional to the markup.
const MAX_DEPTH = 8;

interface ListState {
  ordered: boolean;
  count: number;
}

// Decides whether a start tag marks where quoted history or a signature begins.
function cueOf(name: string, tag: string): 'history' | 'signature' | null {
  if (name !== 'div' && name !== 'span' && name !== 'hr' && name !== 'blockquote' && name !== 'section')
    return null;
  const cls = attribute(tag, 'class');
  if (cls) {
    // Gmail's own blockquote.gmail_quote also marks a quote the sender inserted inline; only the wrapping div is history.
    if (name !== 'blockquote' && HISTORY_CLASSES.test(cls)) return 'history';
    if (SIGNATURE_CLASSES.test(cls)) return 'signature';
  }
  const id = attribute(tag, 'id');
  if (id && HISTORY_IDS.test(id)) return 'history';
  if (id && SIGNATURE_IDS.test(id)) return 'signature';
  if (name === 'div') {
    if (attribute(tag, 'name') === 'messageReplySection') return 'history';
    const style = attribute(tag, 'style');
    if (style && TOP_BORDER.test(style)) return 'history';
  }
  return null;
}

// Renders HTML as text in one left-to-right pass; blockquotes become "> " lines. With `cues`, the
// places where mail clients put quoted history or a signature become {@link HTML_CUE} marker lines.
function render(html: string, cues: boolean): string {
  const lines: string[] = [];
  let line = '';
  let pendingSpace = false;
  let quoteDepth = 0;
  let preDepth = 0;
  const lists: ListState[] = [];
  let divDepth = 0;
  let signatureDivDepth = -1;
  let msoParagraph = false;
  let composedDepth = 0;
  let historySeen = false;

  const prefix = () =>
    quoteDepth > 0
      ? (composedDepth > 0 ? HTML_CUE.composed : '') + '> '.repeat(Math.min(quoteDepth, MAX_DEPTH))
      : '';
  const endLine = (force: boolean) => {
    if (line.length > 0 || force) {
      lines.push(quoteDepth > 0 ? (line.length > 0 ? prefix() + line : prefix().trimEnd()) : line);
    }
    line = '';
    pendingSpace = false;
  };
  const blankLine = () => {
    endLine(false);
    if (lines.length === 0) return;
    // One blank line between blocks, drawn at the quote depth of what follows it.
    if (BLANK.test(lines[lines.length - 1]!)) lines.pop();
    endLine(true);
  };
  const marker = (value: string) => {
    endLine(false);
    lines.push(value);
    if (value === HTML_CUE.history) historySeen = true;
  };
  const addText = (raw: string) => {
    const text = decodeEntities(raw);
    if (preDepth > 0) {
      const parts = text.split(/\r\n|\r|\n/);
      for (let k = 0; k < parts.length; k++) {
        if (k > 0) endLine(true);
        line += parts[k];
      }
      return;
    }
    const collapsed = text.replace(/[ \t\n\r\f]+/g, ' ');
    if (collapsed === ' ') {
      if (line.length > 0) pendingSpace = true;
      return;
    }
    const startsWithSpace = collapsed.charCodeAt(0) === 32;
    const endsWithSpace = collapsed.charCodeAt(collapsed.length - 1) === 32;
    const body = collapsed.slice(startsWithSpace ? 1 : 0, endsWithSpace ? -1 : undefined);
    if (line.length > 0 && (pendingSpace || startsWithSpace)) line += ' ';
    line += body;
    pendingSpace = endsWithSpace;
  };

  const n = html.length;
  let i = 0;
  let textStart = 0;
  while (i < n) {
    const lt = html.indexOf('<', i);
    if (lt < 0) break;
    const next = html.charCodeAt(lt + 1);
    const isLetter = (next >= 65 && next <= 90) || (next >= 97 && next <= 122);
    if (!isLetter && next !== 47 /* / */ && next !== 33 /* ! */ && next !== 63 /* ? */) {
      i = lt + 1;
      continue;
    }
    if (lt > textStart) addText(html.slice(textStart, lt));
    if (next === 33 && html.startsWith('<!--', lt)) {
      const close = html.indexOf('-->', lt + 4);
      i = close < 0 ? n : close + 3;
      textStart = i;
      continue;
    }
    // The end of the tag: the first '>' outside a quoted attribute value.
    let j = lt + 1;
    let quote = 0;
    for (; j < n; j++) {
      const c = html.charCodeAt(j);
      if (quote !== 0) {
        if (c === quote) quote = 0;
      } else if (c === 34 || c === 39) {
        if (isLetter) quote = c;
      } else if (c === 62) break;
    }
    const tag = html.slice(lt, j + 1);
    i = j + 1;
    textStart = i;
    if (next === 33 || next === 63) continue;

    const closing = next === 47;
    const nameMatch = /^<\/?([a-zA-Z][a-zA-Z0-9:-]*)/.exec(tag);
    if (!nameMatch) continue;
    const name = nameMatch[1]!.toLowerCase();

    if (!closing && (HIDDEN.has(name) || name === 'head')) {
      if (tag.endsWith('/>')) continue;
      // Skips the element's content; a missing </head> must not swallow the body.
      const end = name === 'head' ? /<\/head\s*>|<body[\s>]/gi : new RegExp(`</${name}\\s*>`, 'gi');
      end.lastIndex = i;
      const found = end.exec(html);
      i = found ? (name === 'head' && found[0][1] !== '/' ? found.index : found.index + found[0].length) : n;
      textStart = i;
      continue;
    }

    if (name === 'br') {
      endLine(true);
      continue;
    }
    if (name === 'hr') {
      if (cues) {
        const cue = cueOf(name, tag);
        endLine(false);
        if (cue === 'history') marker(HTML_CUE.history);
        else lines.push(`${prefix()}---`);
      } else {
        blankLine();
      }
      continue;
    }
    if (name === 'li') {
      endLine(false);
      if (!closing) {
        const list = lists[lists.length - 1];
        const indent = '  '.repeat(Math.min(Math.max(0, lists.length - 1), MAX_DEPTH));
        if (list?.ordered) {
          list.count += 1;
          line = `${indent}${list.count}. `;
        } else {
          line = `${indent}- `;
        }
      }
      continue;
    }
    if (name === 'ul' || name === 'ol') {
      if (closing) lists.pop();
      else lists.push({ ordered: name === 'ol', count: 0 });
      if (lists.length === 0 || !closing) blankLine();
      else endLine(false);
      continue;
    }
    if (name === 'td' || name === 'th') {
      if (!closing && line.length > 0) pendingSpace = true;
      continue;
    }

    if (name === 'div') {
      if (closing) {
        if (signatureDivDepth >= 0 && divDepth === signatureDivDepth) {
          endLine(false);
          lines.push(HTML_CUE.signatureEnd);
          signatureDivDepth = -1;
        }
        divDepth = Math.max(0, divDepth - 1);
      } else if (!tag.endsWith('/>')) {
        divDepth += 1;
      }
    }

    if (cues && !closing) {
      const cue = cueOf(name, tag);
      if (cue === 'history') marker(HTML_CUE.history);
      else if (cue === 'signature' && signatureDivDepth < 0 && name === 'div') {
        marker(HTML_CUE.signatureStart);
        signatureDivDepth = divDepth;
      }
    }

    if (name === 'blockquote') {
      if (closing) {
        endLine(false);
        if (quoteDepth === composedDepth) composedDepth = 0;
        quoteDepth = Math.max(0, quoteDepth - 1);
        blankLine();
      } else {
        blankLine();
        quoteDepth += 1;
        // Gmail wraps its quoted history in div.gmail_quote; a blockquote.gmail_quote above that is one the sender inserted.
        if (
          cues &&
          composedDepth === 0 &&
          !historySeen &&
          /gmail_quote/.test(attribute(tag, 'class') ?? '')
        ) {
          composedDepth = quoteDepth;
        }
      }
      continue;
    }
    if (name === 'pre') {
      blankLine();
      preDepth = closing ? Math.max(0, preDepth - 1) : preDepth + 1;
      continue;
    }
    if (name === 'p') {
      // Outlook writes every line as a zero-margin <p class=MsoNormal>: a line break, not a paragraph.
      if (!closing) msoParagraph = /class\s*=\s*["']?Mso/i.test(tag);
      if (msoParagraph) endLine(false);
      else blankLine();
      continue;
    }
    if (PARAGRAPH.has(name)) {
      blankLine();
      continue;
    }
    if (BLOCK.has(name)) endLine(false);
  }
  if (textStart < n) addText(html.slice(textStart));
  endLine(false);

  // Trailing spaces, non-breaking spaces and runs of blank lines are rendering noise.
  const out: string[] = [];
  let blank = 0;
  for (const raw of lines) {
    const text = raw.replace(/\u00a0/g, ' ').trimEnd();
    if (text === '') {
      blank += 1;
      if (blank > 1 || out.length === 0) continue;
    } else {
      blank = 0;
    }
    out.push(text);
  }
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  return out.join('\n');
}

/** Readable plain text from HTML: block elements → line breaks, <br> → newline, entities decoded, scripts/styles dropped. Linear time, no DOM library (must run on Cloudflare Workers too). Blockquotes become "> " lines and list items "- " or "1. " lines. */
export function htmlToText(html: string): string {
  return render(html, false);
}

/**
 * Like {@link htmlToText}, but also keeps what mail clients say with HTML structure: {@link HTML_CUE}
 * marker lines stand where quoted history or a signature starts, and a rule (<hr>) becomes "---".
 */
export function htmlToTextWithCues(html: string): string {
  return render(html, true);
}
