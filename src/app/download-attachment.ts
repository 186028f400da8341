import { canSee, type Viewer } from '../core/visibility.ts';
import type { Deps } from './ports.ts';
import { findFile } from './steps/carry-attachments.ts';
import { findHandoff } from './steps/find-handoff.ts';

export interface AttachmentDownload {
  filename: string;
  contentType: string;
  content: Uint8Array;
}

export type DownloadResult =
  | { ok: true; file: AttachmentDownload }
  /** No such handoff or attachment, or not one the viewer may see: the same answer for all three. */
  | { ok: false; code: 'not_found' }
  /** Listed on the handoff, but its bytes could not be read back from the stored message. */
  | { ok: false; code: 'unreadable' };

/**
 * A file attached to a handoff (its 1-based number in the handoff's list), read back out of the
 * stored inbound message it came in, for a viewer allowed to see that handoff.
 */
export async function downloadAttachment(
  deps: Deps,
  viewer: Viewer,
  idOrReference: string,
  number: number,
): Promise<DownloadResult> {
  const handoff = await findHandoff(deps, idOrReference);
  if (!handoff || !canSee(viewer, handoff)) return { ok: false, code: 'not_found' };
  const attachment = Number.isInteger(number) ? handoff.attachments[number - 1] : undefined;
  if (!attachment) return { ok: false, code: 'not_found' };
  const stored = await deps.store.inbound.find(attachment.inboundId);
  const files = stored ? await deps.readAttachments(stored.raw).catch(() => []) : [];
  const file = findFile(files, attachment);
  if (!file) {
    deps.log.warn('attachment could not be read back for download', {
      handoffId: handoff.id,
      inboundId: attachment.inboundId,
      partId: attachment.partId,
    });
    return { ok: false, code: 'unreadable' };
  }
  return {
    ok: true,
    file: { filename: attachment.filename, contentType: attachment.contentType, content: file.content },
  };
}
