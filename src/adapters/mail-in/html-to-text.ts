import { QuoteType, Tokenizer } from 'htmlparser2';
import { HTML_CUE } from '../../core/reply/html-cues.ts';

// Elements whose content is never shown.
const HIDDEN = new Set([
  'head',
  'script',
  'style',
  'title',
  'template',
  'noscript',
  'xml',
  'object',
  'iframe',
]);
// The only attributes a cue is read from.
const CUE_ATTRIBUTES = new Set(['class', 'id', 'name', 'style']);
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
const PARAGRAPH = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'pre', 'ul', 'ol', 'blockquote']);

const HISTORY_CLASSES =
  /(?:^|\s)(?:gmail_quote|yahoo_quoted|moz-cite-prefix|moz-forward-container|protonmail_quote|tutanota_quote|OutlookMessageHeader)(?:\s|$)/;
const SIGNATURE_CLASSES =
  /(?:^|\s)(?:gmail_signature|gmail_signature_prefix|moz-signature|AppleMailSignature)(?:\s|$)/;
const SIGNATURE_IDS = /^(?:x_)?(?:Signature|AppleMailSignature)$/;
const HISTORY_IDS =
  /^(?:x_)?(?:divRplyFwdMsg|appendonsend|stopSpelling|OLK_SRC_BODY_SECTION|zwchr|mail-editor-reference-message-container|reply-intro)$/;
// Outlook and Windows Mail draw a solid top border above the header block of the message replied to.
const TOP_BORDER = /border-top(?:-style)?\s*:\s*solid/i;
// Outlook writes every line as a zero-margin <p class=MsoNormal>: a line break, not a paragraph.
const MSO_PARAGRAPH = /^Mso/i;
const WHITESPACE = /[ \t\n\r\f]+/g;
const NEWLINE = /\r\n|\r|\n/;
const BLANK = /^[>\s\uE003]*$/;
// Deeper nesting is drawn at this depth, so the text stays proportional to the markup.
const MAX_DEPTH = 8;

type Attributes = Partial<Record<'class' | 'id' | 'name' | 'style', string>>;

const NO_ATTRIBUTES: Readonly<Attributes> = {};

interface ListState {
  ordered: boolean;
  count: number;
}

// Decides whether a start tag marks where quoted history or a signature begins.
function cueOf(name: string, attributes: Attributes): 'history' | 'signature' | null {
  if (name !== 'div' && name !== 'span' && name !== 'hr' && name !== 'blockquote' && name !== 'section')
    return null;
  const cls = attributes.class;
  if (cls) {
    // Gmail's own blockquote.gmail_quote also marks a quote the sender inserted inline; only the wrapping div is history.
    if (name !== 'blockquote' && HISTORY_CLASSES.test(cls)) return 'history';
    if (SIGNATURE_CLASSES.test(cls)) return 'signature';
  }
  const id = attributes.id;
  if (id && HISTORY_IDS.test(id)) return 'history';
  if (id && SIGNATURE_IDS.test(id)) return 'signature';
  if (name === 'div') {
    if (attributes.name === 'messageReplySection') return 'history';
    const style = attributes.style;
    if (style && TOP_BORDER.test(style)) return 'history';
  }
  return null;
}

// Renders HTML as text in one left-to-right pass over htmlparser2's tokens; blockquotes become "> "
// lines. With `cues`, the places where mail clients put quoted history or a signature become HTML_CUE
// marker lines. Only the tags written count: no element is opened or closed by implication, so
// misnested markup cannot end a quote early, and the work stays linear in the input.
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
  // Inside a hidden element, everything up to its end tag is skipped (a missing </head> ends at <body>).
  let hidden: string | null = null;

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

  const addText = (text: string) => {
    if (hidden !== null || text.length === 0) return;
    if (preDepth > 0) {
      const parts = text.split(NEWLINE);
      for (let k = 0; k < parts.length; k++) {
        if (k > 0) endLine(true);
        line += parts[k];
      }
      return;
    }
    // Text comes in pieces (each entity is one); spaces collapse across them.
    const collapsed = text.replace(WHITESPACE, ' ');
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

  const tag = (name: string, closing: boolean, selfClosing: boolean, attributes: Attributes) => {
    if (hidden !== null) {
      if (closing ? name === hidden : hidden === 'head' && name === 'body') hidden = null;
      else return;
    }
    if (!closing && !selfClosing && HIDDEN.has(name)) {
      hidden = name;
      return;
    }
    if (name === 'br') {
      endLine(true);
      return;
    }
    if (name === 'hr') {
      if (cues) {
        endLine(false);
        if (cueOf(name, attributes) === 'history') marker(HTML_CUE.history);
        else lines.push(`${prefix()}---`);
      } else {
        blankLine();
      }
      return;
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
      return;
    }
    if (name === 'ul' || name === 'ol') {
      if (closing) lists.pop();
      else lists.push({ ordered: name === 'ol', count: 0 });
      if (lists.length === 0 || !closing) blankLine();
      else endLine(false);
      return;
    }
    if (name === 'td' || name === 'th') {
      if (!closing && line.length > 0) pendingSpace = true;
      return;
    }

    if (name === 'div') {
      if (closing) {
        if (signatureDivDepth >= 0 && divDepth === signatureDivDepth) {
          endLine(false);
          lines.push(HTML_CUE.signatureEnd);
          signatureDivDepth = -1;
        }
        divDepth = Math.max(0, divDepth - 1);
      } else if (!selfClosing) {
        divDepth += 1;
      }
    }

    if (cues && !closing) {
      const cue = cueOf(name, attributes);
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
        if (cues && composedDepth === 0 && !historySeen && /gmail_quote/.test(attributes.class ?? '')) {
          composedDepth = quoteDepth;
        }
      }
      return;
    }
    if (name === 'pre') {
      blankLine();
      preDepth = closing ? Math.max(0, preDepth - 1) : preDepth + 1;
      return;
    }
    if (name === 'p') {
      if (!closing) msoParagraph = MSO_PARAGRAPH.test(attributes.class ?? '');
      if (msoParagraph) endLine(false);
      else blankLine();
      return;
    }
    if (PARAGRAPH.has(name)) {
      blankLine();
      return;
    }
    if (BLOCK.has(name)) endLine(false);
  };

  // The tokenizer reports positions in `html`; names and the cue attributes are read from there.
  let tagName = '';
  let attributes: Attributes = NO_ATTRIBUTES;
  let attributeName = '';
  let attributeValue = '';
  const openTag = (selfClosing: boolean) => {
    tag(tagName, false, selfClosing, attributes);
    attributes = NO_ATTRIBUTES;
  };
  const tokenizer = new Tokenizer(
    { decodeEntities: true },
    {
      ontext: (start, end) => addText(html.slice(start, end)),
      ontextentity: (codePoint) => addText(String.fromCodePoint(codePoint)),
      onopentagname: (start, end) => {
        tagName = html.slice(start, end).toLowerCase();
      },
      onattribname: (start, end) => {
        attributeName = html.slice(start, end).toLowerCase();
        attributeValue = '';
      },
      onattribdata: (start, end) => {
        if (CUE_ATTRIBUTES.has(attributeName)) attributeValue += html.slice(start, end);
      },
      onattribentity: (codePoint) => {
        if (CUE_ATTRIBUTES.has(attributeName)) attributeValue += String.fromCodePoint(codePoint);
      },
      onattribend: (quote) => {
        const key = attributeName as keyof Attributes;
        // The first of repeated attributes counts, as in a browser.
        if (!CUE_ATTRIBUTES.has(key) || attributes[key] !== undefined) return;
        if (attributes === NO_ATTRIBUTES) attributes = {};
        attributes[key] = quote === QuoteType.NoValue ? '' : attributeValue;
      },
      onopentagend: () => openTag(false),
      onselfclosingtag: () => openTag(true),
      onclosetag: (start, end) => tag(html.slice(start, end).toLowerCase(), true, false, NO_ATTRIBUTES),
      oncomment: () => {},
      oncdata: () => {},
      ondeclaration: () => {},
      onprocessinginstruction: () => {},
      onend: () => {},
    },
  );
  tokenizer.write(html);
  tokenizer.end();
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

/** Readable plain text from HTML: block elements → line breaks, <br> → newline, entities decoded, scripts/styles dropped, blockquotes as "> " lines, list items as "- " or "1. " lines. */
export function htmlToText(html: string): string {
  return render(html, false);
}

/**
 * Like {@link htmlToText}, but also keeps what mail clients say with HTML structure: HTML_CUE marker
 * lines stand where quoted history or a signature starts, and a rule (<hr>) becomes "---".
 */
export function htmlToTextWithCues(html: string): string {
  return render(html, true);
}
