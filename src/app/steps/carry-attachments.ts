import {
  type Attachment,
  type AttachmentLine,
  attachmentPath,
  formatSize,
  planAttachments,
} from '../../core/handoff/attachments.ts';
import { formatReference } from '../../core/handoff/reference.ts';
import type { AttachmentFile, ClaimedEmail, Deps, OutboundEmail } from '../ports.ts';

export interface CarriedAttachments {
  /** What the email says about each file, for its template's `attachments` prop. */
  lines: AttachmentLine[];
  /** The files that go into the email. */
  files: NonNullable<OutboundEmail['attachments']>;
}

/**
 * The files an outbox row carries, read back out of the stored inbound mail they came in: those
 * within the size limit are attached, the others linked to the handoff's page. One that cannot be
 * read back (its message gone, its bytes changed) is listed as missing, never left out.
 */
export async function carryAttachments(
  deps: Deps,
  row: Pick<ClaimedEmail, 'id' | 'handoffId'> & { attachments: readonly Attachment[] },
): Promise<CarriedAttachments> {
  const { store } = deps;
  const handoff = row.handoffId ? await store.handoffs.find(store.pool, row.handoffId) : null;
  const reference = handoff ? formatReference(handoff.number) : null;
  const plan = planAttachments(row.attachments, deps.config.attachmentMaxBytes);
  const sources = new Map<number, AttachmentFile[]>();
  for (const { attachment, delivery } of plan) {
    if (delivery !== 'attached' || sources.has(attachment.inboundId)) continue;
    sources.set(attachment.inboundId, await readStored(deps, attachment.inboundId, row.id));
  }
  const lines: AttachmentLine[] = [];
  const files: { filename: string; contentType: string; content: Uint8Array }[] = [];
  for (const { attachment, number, delivery } of plan) {
    const line = { filename: attachment.filename, size: formatSize(attachment.size) };
    if (delivery === 'linked') {
      const href =
        deps.publicUrl && reference ? `${deps.publicUrl}${attachmentPath(reference, number)}` : null;
      lines.push({ ...line, delivery, href });
      continue;
    }
    const file = findFile(sources.get(attachment.inboundId) ?? [], attachment);
    if (!file) {
      deps.log.warn('attachment could not be read back from its stored message', {
        outboxId: row.id,
        inboundId: attachment.inboundId,
        partId: attachment.partId,
      });
      lines.push({ ...line, delivery: 'missing', href: null });
      continue;
    }
    files.push({ filename: attachment.filename, contentType: attachment.contentType, content: file.content });
    lines.push({ ...line, delivery, href: null });
  }
  return { lines, files };
}

/** The part an attachment names: the same part path with the same bytes (checked by their MD5). */
export function findFile(files: readonly AttachmentFile[], attachment: Attachment): AttachmentFile | null {
  return files.find((f) => f.partId === attachment.partId && f.checksum === attachment.checksum) ?? null;
}

async function readStored(deps: Deps, inboundId: number, outboxId: string): Promise<AttachmentFile[]> {
  const stored = await deps.store.inbound.find(inboundId);
  if (!stored) return [];
  try {
    return await deps.readAttachments(stored.raw);
  } catch (error) {
    deps.log.warn('stored message could not be parsed for its attachments', {
      outboxId,
      inboundId,
      error: (error as Error).message,
    });
    return [];
  }
}
