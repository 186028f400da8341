import { QuoteType, Tokenizer, type TokenizerCallbacks } from 'htmlparser2';
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
class TextRenderer implements TokenizerCallbacks {
  private readonly lines: string[] = [];
  private line = '';
  private pendingSpace = false;
  private quoteDepth = 0;
  private preDepth = 0;
  private readonly lists: ListState[] = [];
  private divDepth = 0;
  private signatureDivDepth = -1;
  private msoParagraph = false;
  private composedDepth = 0;
  private historySeen = false;
  // Inside a hidden element, everything up to its end tag is skipped (a missing </head> ends at <body>).
  private hidden: string | null = null;
  // The tokenizer reports positions in the input; names and the cue attributes are read from there.
  private tagName = '';
  private attributes: Attributes = NO_ATTRIBUTES;
  private attributeName: keyof Attributes | null = null;
  private attributeValue = '';

  constructor(
    private readonly html: string,
    private readonly cues: boolean,
  ) {}

  render(): string {
    const tokenizer = new Tokenizer({ decodeEntities: true }, this);
    tokenizer.write(this.html);
    tokenizer.end();
    this.endLine(false);
    // Trailing spaces, non-breaking spaces and runs of blank lines are rendering noise.
    const out: string[] = [];
    let blank = 0;
    for (const raw of this.lines) {
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

  ontext(start: number, end: number): void {
    this.addText(this.html.slice(start, end));
  }
  ontextentity(codePoint: number): void {
    this.addText(String.fromCodePoint(codePoint));
  }
  onopentagname(start: number, end: number): void {
    this.tagName = this.html.slice(start, end).toLowerCase();
  }
  onattribname(start: number, end: number): void {
    const name = this.html.slice(start, end).toLowerCase();
    this.attributeName = CUE_ATTRIBUTES.has(name) ? (name as keyof Attributes) : null;
    this.attributeValue = '';
  }
  onattribdata(start: number, end: number): void {
    if (this.attributeName !== null) this.attributeValue += this.html.slice(start, end);
  }
  onattribentity(codePoint: number): void {
    if (this.attributeName !== null) this.attributeValue += String.fromCodePoint(codePoint);
  }
  onattribend(quote: QuoteType): void {
    const name = this.attributeName;
    // The first of repeated attributes counts, as in a browser.
    if (name === null || this.attributes[name] !== undefined) return;
    if (this.attributes === NO_ATTRIBUTES) this.attributes = {};
    this.attributes[name] = quote === QuoteType.NoValue ? '' : this.attributeValue;
  }
  onopentagend(): void {
    this.tag(this.tagName, false, false, this.attributes);
    this.attributes = NO_ATTRIBUTES;
  }
  onselfclosingtag(): void {
    this.tag(this.tagName, false, true, this.attributes);
    this.attributes = NO_ATTRIBUTES;
  }
  onclosetag(start: number, end: number): void {
    this.tag(this.html.slice(start, end).toLowerCase(), true, false, NO_ATTRIBUTES);
  }
  oncomment(): void {}
  oncdata(): void {}
  ondeclaration(): void {}
  onprocessinginstruction(): void {}
  onend(): void {}

  private prefix(): string {
    return this.quoteDepth > 0
      ? (this.composedDepth > 0 ? HTML_CUE.composed : '') + '> '.repeat(Math.min(this.quoteDepth, MAX_DEPTH))
      : '';
  }

  private endLine(force: boolean): void {
    if (this.line.length > 0 || force) {
      this.lines.push(
        this.quoteDepth > 0
          ? this.line.length > 0
            ? this.prefix() + this.line
            : this.prefix().trimEnd()
          : this.line,
      );
    }
    this.line = '';
    this.pendingSpace = false;
  }

  private blankLine(): void {
    this.endLine(false);
    if (this.lines.length === 0) return;
    // One blank line between blocks, drawn at the quote depth of what follows it.
    if (BLANK.test(this.lines[this.lines.length - 1]!)) this.lines.pop();
    this.endLine(true);
  }

  private marker(value: string): void {
    this.endLine(false);
    this.lines.push(value);
    if (value === HTML_CUE.history) this.historySeen = true;
  }

  private addText(text: string): void {
    if (this.hidden !== null || text.length === 0) return;
    if (this.preDepth > 0) {
      const parts = text.split(NEWLINE);
      for (let k = 0; k < parts.length; k++) {
        if (k > 0) this.endLine(true);
        this.line += parts[k];
      }
      return;
    }
    // Text comes in pieces (each entity is one); spaces collapse across them.
    const collapsed = text.replace(WHITESPACE, ' ');
    if (collapsed === ' ') {
      if (this.line.length > 0) this.pendingSpace = true;
      return;
    }
    const startsWithSpace = collapsed.charCodeAt(0) === 32;
    const endsWithSpace = collapsed.charCodeAt(collapsed.length - 1) === 32;
    const body = collapsed.slice(startsWithSpace ? 1 : 0, endsWithSpace ? -1 : undefined);
    if (this.line.length > 0 && (this.pendingSpace || startsWithSpace)) this.line += ' ';
    this.line += body;
    this.pendingSpace = endsWithSpace;
  }

  private tag(name: string, closing: boolean, selfClosing: boolean, attributes: Attributes): void {
    if (this.hidden !== null) {
      if (closing ? name === this.hidden : this.hidden === 'head' && name === 'body') this.hidden = null;
      else return;
    }
    if (!closing && !selfClosing && HIDDEN.has(name)) {
      this.hidden = name;
      return;
    }
    if (name === 'br') {
      this.endLine(true);
      return;
    }
    if (name === 'hr') {
      if (this.cues) {
        this.endLine(false);
        if (cueOf(name, attributes) === 'history') this.marker(HTML_CUE.history);
        else this.lines.push(`${this.prefix()}---`);
      } else {
        this.blankLine();
      }
      return;
    }
    if (name === 'li') {
      this.endLine(false);
      if (!closing) {
        const list = this.lists[this.lists.length - 1];
        const indent = '  '.repeat(Math.min(Math.max(0, this.lists.length - 1), MAX_DEPTH));
        if (list?.ordered) {
          list.count += 1;
          this.line = `${indent}${list.count}. `;
        } else {
          this.line = `${indent}- `;
        }
      }
      return;
    }
    if (name === 'ul' || name === 'ol') {
      if (closing) this.lists.pop();
      else this.lists.push({ ordered: name === 'ol', count: 0 });
      if (this.lists.length === 0 || !closing) this.blankLine();
      else this.endLine(false);
      return;
    }
    if (name === 'td' || name === 'th') {
      if (!closing && this.line.length > 0) this.pendingSpace = true;
      return;
    }

    if (name === 'div') {
      if (closing) {
        if (this.signatureDivDepth >= 0 && this.divDepth === this.signatureDivDepth) {
          this.endLine(false);
          this.lines.push(HTML_CUE.signatureEnd);
          this.signatureDivDepth = -1;
        }
        this.divDepth = Math.max(0, this.divDepth - 1);
      } else if (!selfClosing) {
        this.divDepth += 1;
      }
    }

    if (this.cues && !closing) {
      const cue = cueOf(name, attributes);
      if (cue === 'history') this.marker(HTML_CUE.history);
      else if (cue === 'signature' && this.signatureDivDepth < 0 && name === 'div') {
        this.marker(HTML_CUE.signatureStart);
        this.signatureDivDepth = this.divDepth;
      }
    }

    if (name === 'blockquote') {
      if (closing) {
        this.endLine(false);
        if (this.quoteDepth === this.composedDepth) this.composedDepth = 0;
        this.quoteDepth = Math.max(0, this.quoteDepth - 1);
        this.blankLine();
      } else {
        this.blankLine();
        this.quoteDepth += 1;
        // Gmail wraps its quoted history in div.gmail_quote; a blockquote.gmail_quote above that is one the sender inserted.
        if (
          this.cues &&
          this.composedDepth === 0 &&
          !this.historySeen &&
          /gmail_quote/.test(attributes.class ?? '')
        ) {
          this.composedDepth = this.quoteDepth;
        }
      }
      return;
    }
    if (name === 'pre') {
      this.blankLine();
      this.preDepth = closing ? Math.max(0, this.preDepth - 1) : this.preDepth + 1;
      return;
    }
    if (name === 'p') {
      if (!closing) this.msoParagraph = MSO_PARAGRAPH.test(attributes.class ?? '');
      if (this.msoParagraph) this.endLine(false);
      else this.blankLine();
      return;
    }
    if (PARAGRAPH.has(name)) {
      this.blankLine();
      return;
    }
    if (BLOCK.has(name)) this.endLine(false);
  }
}

/** Readable plain text from HTML: block elements → line breaks, <br> → newline, entities decoded, scripts/styles dropped, blockquotes as "> " lines, list items as "- " or "1. " lines. */
export function htmlToText(html: string): string {
  return new TextRenderer(html, false).render();
}

/**
 * Like {@link htmlToText}, but also keeps what mail clients say with HTML structure: HTML_CUE marker
 * lines stand where quoted history or a signature starts, and a rule (<hr>) becomes "---".
 */
export function htmlToTextWithCues(html: string): string {
  return new TextRenderer(html, true).render();
}
