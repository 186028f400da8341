/** An email address with its display name, as read from a header. */
export interface Address {
  address: string;
  name: string;
}

/** A MIME part that is not the readable body (attachments, delivery reports). */
export interface MessagePart {
  contentType: string;
  filename: string | null;
  /** Text content for text-like parts (message/delivery-status, text/rfc822-headers, message/rfc822), else null. */
  text: string | null;
  /** Where the part sits and what it holds, for finding its bytes again in the stored raw message. */
  file?: PartFile;
  /** An attached email (message/rfc822, "forward as attachment"), read by the mail-in adapter. */
  message?: EmbeddedMessage;
}

/** An email attached to another: its sender, subject, date and plain text (HTML rendered as text). */
export interface EmbeddedMessage {
  from: Address | null;
  to: string | null;
  subject: string | null;
  date: Date | null;
  text: string;
}

/** A part's identity in its message: enough to list it, and to re-extract and check its bytes later. */
export interface PartFile {
  /** The MIME part path, e.g. "2" or "1.2.2". */
  partId: string;
  /** Decoded size in bytes. */
  size: number;
  /** MD5 of the decoded bytes, hex. */
  checksum: string;
  disposition: 'inline' | 'attachment' | null;
  /** The Content-ID without angle brackets, or null. */
  contentId: string | null;
  /** Whether it sits in a multipart/related body: referenced from the HTML (a signature logo). */
  related: boolean;
}

/**
 * One inbound email after MIME parsing: the only shape the core sees.
 * The mail-in adapter builds it; nothing in core touches raw MIME.
 */
export interface ParsedMessage {
  messageId: string | null;
  from: Address | null;
  to: Address[];
  cc: Address[];
  replyTo: Address[];
  subject: string;
  date: Date | null;
  inReplyTo: string | null;
  references: string[];
  /** Header names lower-cased; repeated headers joined with "\n". Values unfolded, decoded. */
  headers: Record<string, string>;
  /** Top-level content type with its parameters, e.g. `multipart/report; report-type=delivery-status`. */
  contentType: string;
  text: string | null;
  html: string | null;
  /**
   * The HTML part rendered as text once, by the mail-in adapter (the core parses no HTML), with
   * HTML_CUE marker lines where the markup shows quoted history or a signature; null when the
   * message has no HTML part.
   */
  htmlText: string | null;
  parts: MessagePart[];
}

/** The Message-IDs a message answers or reports on: In-Reply-To, References, and the original inside a bounce. */
export function relatedMessageIds(message: ParsedMessage): string[] {
  const reported = message.parts
    .filter((p) => /^(message\/rfc822|text\/rfc822-headers|message\/global)/i.test(p.contentType) && p.text)
    .flatMap((p) =>
      [...(p.text ?? '').slice(0, 64 * 1024).matchAll(/^message-id:\s*(<[^<>\s]+>)/gim)].map((m) => m[1]!),
    );
  return [...message.references, ...(message.inReplyTo ? [message.inReplyTo] : []), ...reported];
}

/** How far a Date header may be from the moment Baton received the message before it is not believed. */
const MAX_CLOCK_SKEW_MS = 24 * 3_600_000;

/**
 * The instant a message was written, for reading "tomorrow at 10" against: its Date header, unless
 * the header is missing (scripts and some clients send none) or more than a day away from when Baton
 * received it (a wrong clock); then the receipt time.
 */
export function writtenAt(date: Date | null, receivedAt: Date): Date {
  if (!date || Math.abs(date.getTime() - receivedAt.getTime()) > MAX_CLOCK_SKEW_MS) return receivedAt;
  return date;
}
