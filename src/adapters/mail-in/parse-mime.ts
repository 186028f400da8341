import { type AddressObject, type Attachment as MailparserAttachment, simpleParser } from 'mailparser';
import type { AttachmentFile } from '../../app/ports.ts';
import type { Address, EmbeddedMessage, MessagePart, ParsedMessage, PartFile } from '../../core/message.ts';
import { withoutCues } from '../../core/reply/html-cues.ts';
import { htmlToTextWithCues } from './html-to-text.ts';
import { checkMessageLimits } from './message-limits.ts';

const TEXT_LIKE_PART =
  /^(text\/|message\/(delivery-status|rfc822|feedback-report|disposition-notification)|message\/global)/i;
/** Attachments bigger than this are never decoded to text: a bounce report is a few KB. */
const MAX_PART_TEXT = 256 * 1024;
/** An attached email bigger than this is kept, but not read (a forward with its files is a few MB at most). */
const MAX_EMBEDDED = 4 * 1024 * 1024;
/** Only the head of an HTML part is rendered as text: the new text of a reply sits at its top. */
const MAX_HTML = 512 * 1024;

// PostgreSQL text cannot hold NUL; hostile mail puts it in headers and bodies alike.
const NUL = /\u0000/g;
const clean = (text: string) => text.replace(NUL, '\uFFFD');

function addresses(value: AddressObject | AddressObject[] | undefined): Address[] {
  if (!value) return [];
  const list = Array.isArray(value) ? value : [value];
  const out: Address[] = [];
  const walk = (entries: AddressObject['value']) => {
    for (const entry of entries) {
      if (entry.group) walk(entry.group);
      else if (entry.address)
        out.push({ address: clean(entry.address.toLowerCase()), name: clean(entry.name ?? '') });
    }
  };
  for (const item of list) walk(item.value);
  return out;
}

/** mailparser's raw header lines as one map: names lower-cased, values unfolded, repeats joined by a newline. */
export function headerMap(lines: ReadonlyArray<{ key: string; line: string }>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const { key, line } of lines) {
    const colon = line.indexOf(':');
    const value = clean((colon >= 0 ? line.slice(colon + 1) : '').replace(/\r?\n[ \t]+/g, ' ').trim());
    const name = clean(key.toLowerCase());
    out[name] = name in out ? `${out[name]}\n${value}` : value;
  }
  return out;
}

function messageIds(value: string | string[] | undefined): string[] {
  if (!value) return [];
  const joined = clean(Array.isArray(value) ? value.join(' ') : value);
  return joined.match(/<[^<>\s]+>/g) ?? joined.split(/\s+/).filter(Boolean);
}

// One set of options for both readers, so a part is found again under the same part path.
// An HTML-only message's text is rendered here (html-to-text.ts), not by mailparser: its html-to-text
// wraps lines at 80 characters, and a wrapped line ends a sentence ("… demain\navant midi").
const PARSER_OPTIONS = {
  skipImageLinks: true,
  skipTextToHtml: true,
  skipHtmlToText: true,
  keepDeliveryStatus: true,
} as const;

function partFile(a: MailparserAttachment): PartFile | null {
  if (!a.partId) return null;
  const disposition = a.contentDisposition?.toLowerCase();
  return {
    partId: a.partId,
    size: a.size ?? a.content?.length ?? 0,
    checksum: a.checksum,
    disposition: disposition === 'inline' || disposition === 'attachment' ? disposition : null,
    contentId: a.cid ?? null,
    related: a.related === true,
  };
}

/** The attached parts of a raw message with their bytes, as `parseMime` names them (part path, MD5). */
export async function readAttachments(raw: Uint8Array): Promise<AttachmentFile[]> {
  const mail = await simpleParser(Buffer.from(raw), PARSER_OPTIONS);
  return (mail.attachments ?? []).flatMap((a) =>
    a.partId && a.content
      ? [
          {
            partId: a.partId,
            checksum: a.checksum,
            contentType: (a.contentType ?? 'application/octet-stream').toLowerCase(),
            content: new Uint8Array(a.content.buffer, a.content.byteOffset, a.content.byteLength),
          },
        ]
      : [],
  );
}

/** The text part, else the HTML part as Baton renders it (mailparser's own rendering is skipped). */
function plainText(text: string | undefined, htmlText: string | null): string | null {
  if (text?.trim()) return text;
  return htmlText === null ? (text ?? null) : withoutCues(htmlText);
}

/** An attached email's sender, subject, date and text: what a "forward as attachment" carries. */
async function embeddedMessage(content: Buffer): Promise<EmbeddedMessage | null> {
  try {
    const mail = await simpleParser(content, PARSER_OPTIONS);
    const html = typeof mail.html === 'string' ? mail.html.slice(0, MAX_HTML) : null;
    const text = plainText(mail.text, html ? htmlToTextWithCues(html) : null) ?? '';
    return {
      from: addresses(mail.from)[0] ?? null,
      to:
        addresses(mail.to)
          .map((a) => a.address)
          .join(', ') || null,
      subject: mail.subject ? clean(mail.subject) : null,
      date: mail.date && !Number.isNaN(mail.date.getTime()) ? mail.date : null,
      text: clean(text),
    };
  } catch {
    return null; // a broken attachment is still kept in the raw message
  }
}

/** Parses raw RFC 822 bytes into the core's message shape; a message over a limit throws a MessageLimitError. */
export async function parseMime(raw: Buffer | Uint8Array | string): Promise<ParsedMessage> {
  const input = typeof raw === 'string' ? Buffer.from(raw) : Buffer.from(raw);
  checkMessageLimits(input);
  const mail = await simpleParser(input, PARSER_OPTIONS);
  const headers = headerMap(mail.headerLines ?? []);
  const parts: MessagePart[] = [];
  // A delivery report quotes the message it reports on: that is no forward, and is not parsed again.
  const report = /^multipart\/report/i.test(headers['content-type'] ?? '');
  for (const a of mail.attachments ?? []) {
    const file = partFile(a);
    const message =
      !report &&
      /^message\/rfc822/i.test(a.contentType ?? '') &&
      a.content &&
      a.content.length <= MAX_EMBEDDED
        ? await embeddedMessage(a.content)
        : null;
    parts.push({
      contentType: (a.contentType ?? 'application/octet-stream').toLowerCase(),
      filename: a.filename ?? null,
      text:
        TEXT_LIKE_PART.test(a.contentType ?? '') && a.content && a.content.length <= MAX_PART_TEXT
          ? clean(a.content.toString('utf8'))
          : null,
      ...(file ? { file } : {}),
      ...(message ? { message } : {}),
    });
  }
  const inReplyTo = messageIds(mail.inReplyTo)[0] ?? null;
  const html = typeof mail.html === 'string' ? clean(mail.html) : null;
  const htmlText =
    html === null ? null : htmlToTextWithCues(html.length > MAX_HTML ? html.slice(0, MAX_HTML) : html);
  const text = plainText(mail.text, htmlText);
  return {
    messageId: mail.messageId ? clean(mail.messageId) : null,
    from: addresses(mail.from)[0] ?? null,
    to: addresses(mail.to),
    cc: addresses(mail.cc),
    replyTo: addresses(mail.replyTo),
    subject: clean(mail.subject ?? ''),
    date: mail.date && !Number.isNaN(mail.date.getTime()) ? mail.date : null,
    inReplyTo,
    references: messageIds(mail.references),
    headers,
    contentType: headers['content-type'] ?? 'text/plain',
    text: text ? clean(text) : text,
    html,
    htmlText,
    parts,
  };
}
