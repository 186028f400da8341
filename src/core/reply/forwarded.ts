import type { Address, ParsedMessage } from '../message.ts';
import { ADDRESS_SOURCE, firstAddress } from './address-pattern.ts';
import { withoutCues } from './html-cues.ts';
import { type HeaderField, headerField, headerLabel, messageMarker } from './strip.ts';

/** A forwarded (or embedded) email found inside a plain-text body. */
export interface ForwardedEmail {
  /** The forwarded message's sender; `address` is '' when its header names no address. */
  from: Address | null;
  to: string | null;
  date: string | null;
  /** The languages its header labels are written in, most labels first: how its date is read. */
  languages: readonly string[];
  subject: string | null;
  /** The forwarded message's own text, its header block removed. */
  body: string;
  /** What the forwarder wrote above it. */
  before: string;
}

// Only the head of a body is read, as in the reply stripper.
const MAX_TEXT = 64 * 1024;
const SEPARATOR = /^\s*(?:[-_=+~#*—–]{2,}|[—ᐧ])\s*$/;
const EMAIL = new RegExp(ADDRESS_SOURCE, 'u');
const QUOTE_PREFIX = /^(?:[ \t]*>[ \t]?)+/;
// A short line ending in a comma or colon after a header line opens the body ("Hi Emily,", "Hola Laura:"),
// when a client (HTML rendered as text) left no blank line between them: it continues no header.
const SALUTATION = /^[^,:：]{1,40}[,:：]\s*$/u;

interface Line {
  depth: number;
  text: string;
}

function unquote(raw: string): Line {
  const m = QUOTE_PREFIX.exec(raw);
  if (!m) return { depth: 0, text: raw };
  let depth = 0;
  for (const c of m[0]) if (c === '>') depth++;
  return { depth, text: raw.slice(m[0].length) };
}

// The value of a header line: what follows its field name and colon, bold markers removed.
function headerValue(text: string): string {
  const colon = text.search(/[:：]/);
  return text
    .slice(colon + 1)
    .replace(/^\s*\*+\s*/, '')
    .trim();
}

function parseAddress(value: string): Address {
  const email = EMAIL.exec(value);
  if (!email) return { address: '', name: value.replace(/^["'\s]+|["'\s]+$/g, '') };
  const address = email[0].toLowerCase();
  // The display name is what stands before the address and its brackets ("Name <a@b>", "Name [mailto:a@b]").
  let name = value
    .slice(0, email.index)
    .replace(/[<[(]\s*(?:mailto:)?\s*$/i, '')
    .replace(/^["'\s]+|["'\s,]+$/g, '')
    .trim();
  if (firstAddress(name) !== null) name = '';
  return { address, name };
}

interface HeaderBlock {
  end: number;
  languages: string[];
  from: Address | null;
  to: string | null;
  date: string | null;
  subject: string | null;
}

// Reads a header block starting at `start`: field lines and their wrapped continuations, at one quote depth.
function readHeaderBlock(lines: Line[], start: number): HeaderBlock | null {
  const values = new Map<HeaderField, string>();
  const votes = new Map<string, number>();
  let current: HeaderField | null = null;
  let continuation = 0;
  let seenLines = 0;
  let i = start;
  const depth = lines[start]!.depth;
  for (; i < lines.length && i - start < 20; i++) {
    const line = lines[i]!;
    if (line.depth !== depth || line.text.trim() === '') break;
    const label = headerLabel(line.text);
    const field = label?.field ?? null;
    if (field !== null) {
      for (const language of label!.languages) votes.set(language, (votes.get(language) ?? 0) + 1);
      current = field;
      continuation = 0;
      seenLines++;
      if (!values.has(field)) values.set(field, headerValue(line.text));
    } else if (current !== null && continuation < 2 && !SALUTATION.test(line.text)) {
      continuation++;
      values.set(current, `${values.get(current) ?? ''} ${line.text.trim()}`.trim());
    } else {
      break;
    }
  }
  if (!values.has('from') || values.size < 3 || seenLines < 3) return null;
  const from = values.get('from') ?? '';
  return {
    end: i,
    languages: [...votes].sort((a, b) => b[1] - a[1]).map(([language]) => language),
    from: from ? parseAddress(from) : null,
    to: values.get('to') || null,
    date: values.get('date') || null,
    subject: values.get('subject') || null,
  };
}

/**
 * Finds a forwarded email inside a plain-text body: Gmail ("---------- Forwarded message ---------" +
 * From:/Date:/Subject:/To:), Outlook ("From: … Sent: … To: … Subject:" blocks, also "-----Original
 * Message-----", localized: Von:/Gesendet:/An:/Betreff:, De:/Envoyé :/À :/Objet :, Da:/Inviato:/A:/Oggetto:,
 * Van:/Verzonden:/Aan:/Onderwerp:, etc.), Apple Mail ("Begin forwarded message:" + "From: …"). `before` is
 * the text the forwarder wrote above it; `body` the forwarded message's body (its headers removed). null
 * when there is none.
 */
export function findForwarded(text: string): ForwardedEmail | null {
  const head = text.length > MAX_TEXT ? text.slice(0, MAX_TEXT) : text;
  const raw = head.split(/\r\n|\r|\n/);
  const lines = raw.map(unquote);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.text.trim() === '') continue;
    let headerStart = -1;
    if (messageMarker(line.text) !== null) {
      // The header block follows the marker, maybe after blank (or empty quoted) lines.
      let j = i + 1;
      while (j < lines.length && j - i <= 3 && lines[j]!.text.trim() === '') j++;
      if (j < lines.length && lines[j]!.depth === line.depth) headerStart = j;
    } else if (headerField(line.text) !== null) {
      headerStart = i;
    }
    if (headerStart < 0) continue;
    const block = readHeaderBlock(lines, headerStart);
    if (!block) continue;

    const depth = lines[headerStart]!.depth;
    const bodyLines: string[] = [];
    for (let k = block.end; k < lines.length; k++) {
      const bodyLine = lines[k]!;
      // A quoted forward ends where its quoting does.
      if (depth > 0 && bodyLine.depth < depth && bodyLine.text.trim() !== '') break;
      bodyLines.push(depth > 0 ? bodyLine.text : raw[k]!);
    }

    const beforeLines = raw.slice(0, i);
    while (beforeLines.length > 0) {
      const last = unquote(beforeLines[beforeLines.length - 1]!).text;
      if (last.trim() === '' || SEPARATOR.test(last)) beforeLines.pop();
      else break;
    }
    return {
      from: block.from,
      to: block.to,
      date: block.date,
      languages: block.languages,
      subject: block.subject,
      body: bodyLines.join('\n').trim(),
      before: beforeLines.join('\n').trim(),
    };
  }
  return null;
}

/**
 * The forwarded email a giver's message carries: in its plain text, else in its HTML rendered as
 * text, else attached whole ("forward as attachment", a message/rfc822 part).
 */
export function forwardOf(
  message: Pick<ParsedMessage, 'text' | 'htmlText' | 'parts'>,
): ForwardedEmail | null {
  const body = message.text?.trim() ? message.text : withoutCues(message.htmlText ?? '');
  const inline = findForwarded(body);
  if (inline) return inline;
  const attached = message.parts.find((p) => p.message)?.message;
  if (!attached) return null;
  return {
    from: attached.from,
    to: attached.to,
    date: attached.date?.toISOString() ?? null,
    languages: [],
    subject: attached.subject,
    body: attached.text.trim(),
    before: body.trim(),
  };
}
