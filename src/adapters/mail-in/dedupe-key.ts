import { createHash } from 'node:crypto';

/** The Message-ID when there is one (the same mail retried by a server is one message), else the content hash. */
export function dedupeKey(raw: Uint8Array): string {
  const head = Buffer.from(raw.subarray(0, 64 * 1024)).toString('latin1');
  const headerEnd = head.search(/\r?\n\r?\n/);
  const headers = (headerEnd >= 0 ? head.slice(0, headerEnd) : head).replace(/\r?\n[ \t]+/g, ' ');
  // No NUL (PostgreSQL text cannot hold it) and no control characters: such an id is no id.
  const messageId = /^message-id:\s*(<[^<>\s\x00-\x1f\x7f]+>)/im.exec(headers)?.[1];
  if (messageId) return `mid:${messageId.toLowerCase()}`;
  return `sha256:${createHash('sha256').update(raw).digest('hex')}`;
}
