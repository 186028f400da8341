import type { MessagePart } from '../message.ts';

/**
 * A file the giver attached to a handoff's email. Only its description is stored: the bytes stay
 * in the stored raw message and are extracted again when an email carries them.
 */
export interface Attachment {
  /** The stored inbound message it came in. */
  inboundId: number;
  /** Its MIME part path in that message, and the MD5 of its bytes, to find and check it again. */
  partId: string;
  checksum: string;
  filename: string;
  contentType: string;
  size: number;
}

/** Parts that describe a delivery or a report, never a file someone attached. */
const REPORT_PART =
  /^(message\/(delivery-status|disposition-notification|feedback-report)|text\/rfc822-headers)/i;

/**
 * The files of a message that travel with a handoff: every attached part except images the HTML
 * body shows itself (an inline or multipart/related image with a Content-ID: a signature logo, a
 * pasted picture) and delivery reports. A PDF sent inline still travels.
 */
export function attachmentsOf(parts: readonly MessagePart[], inboundId: number): Attachment[] {
  const out: Attachment[] = [];
  for (const part of parts) {
    const file = part.file;
    if (!file || REPORT_PART.test(part.contentType)) continue;
    const embedded =
      /^image\//i.test(part.contentType) &&
      file.contentId !== null &&
      (file.related || file.disposition !== 'attachment');
    if (embedded) continue;
    out.push({
      inboundId,
      partId: file.partId,
      checksum: file.checksum,
      filename: part.filename?.trim() || defaultName(part.contentType, out.length + 1),
      contentType: part.contentType,
      size: file.size,
    });
  }
  return out;
}

/** A handoff's files with those of a later email added; the same file sent again (name and bytes) is kept once. */
export function addAttachments(current: readonly Attachment[], added: readonly Attachment[]): Attachment[] {
  const out = [...current];
  for (const a of added)
    if (!out.some((b) => b.checksum === a.checksum && b.filename === a.filename)) out.push(a);
  return out;
}

function defaultName(contentType: string, n: number): string {
  return /^message\/rfc822/i.test(contentType) ? `message-${n}.eml` : `attachment-${n}`;
}

/** How an attachment reaches the receiver: in the email, or as a link to the handoff's page. */
export type AttachmentDelivery = 'attached' | 'linked';

/**
 * Which attachments go into an email and which are linked instead: in order, each one that still
 * fits under `maxBytes` (the total of the files in one email) is attached; the rest are linked.
 * Nothing is left out.
 */
export function planAttachments(
  attachments: readonly Attachment[],
  maxBytes: number,
): { attachment: Attachment; number: number; delivery: AttachmentDelivery }[] {
  let left = maxBytes;
  return attachments.map((attachment, i) => {
    const fits = attachment.size <= left;
    if (fits) left -= attachment.size;
    return { attachment, number: i + 1, delivery: fits ? 'attached' : 'linked' };
  });
}

const KB = 1024;
const MB = 1024 * KB;

/** A size as mail clients show it: "2.4 MB", "310 KB", "880 bytes" (1 KB = 1024 bytes). */
export function formatSize(bytes: number): string {
  if (bytes >= MB) return `${(bytes / MB).toFixed(1)} MB`;
  if (bytes >= KB) return `${Math.round(bytes / KB)} KB`;
  return `${bytes} ${bytes === 1 ? 'byte' : 'bytes'}`;
}

/** One attachment as an email lists it. */
export interface AttachmentLine {
  filename: string;
  /** "2.4 MB" */
  size: string;
  /** `missing`: it should have been attached but its bytes could not be read back. */
  delivery: AttachmentDelivery | 'missing';
  /** Where a linked one is downloaded (the handoff's page), when Baton knows its public address. */
  href: string | null;
}

/** The download address of a handoff's attachment (1-based number) under the dashboard. */
export function attachmentPath(reference: string, number: number): string {
  return `/dashboard/handoffs/${reference}/attachments/${number}`;
}
