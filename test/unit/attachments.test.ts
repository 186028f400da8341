import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/schema.ts';
import {
  type Attachment,
  attachmentsOf,
  formatSize,
  planAttachments,
} from '../../src/core/handoff/attachments.ts';
import type { MessagePart } from '../../src/core/message.ts';
import { teamConfig } from '../support/team-config.ts';

function part(
  contentType: string,
  filename: string | null,
  file: Partial<MessagePart['file']> = {},
): MessagePart {
  return {
    contentType,
    filename,
    text: null,
    file: {
      partId: '2',
      size: 1000,
      checksum: 'abc',
      disposition: 'attachment',
      contentId: null,
      related: false,
      ...file,
    },
  };
}

const file = (size: number): Attachment => ({
  inboundId: 1,
  partId: '2',
  checksum: 'abc',
  filename: `f${size}`,
  contentType: 'application/pdf',
  size,
});

describe('which files travel with a handoff', () => {
  it('keeps attached files, and a PDF sent inline, but not images the HTML shows or delivery reports', () => {
    const kept = attachmentsOf(
      [
        part('application/pdf', 'deck.pdf'),
        part('image/png', 'logo.png', { disposition: 'inline', contentId: 'logo@x', related: true }),
        part('image/jpeg', 'pasted.jpg', { disposition: null, contentId: 'img1', related: true }),
        part('image/jpeg', 'photo.jpg', { disposition: 'attachment', contentId: 'photo1' }),
        part('application/pdf', 'inline.pdf', { disposition: 'inline', contentId: 'pdf1' }),
        part('message/delivery-status', null),
        { contentType: 'text/plain', filename: 'no-file.txt', text: 'x' },
      ],
      7,
    );
    expect(kept.map((a) => a.filename)).toEqual(['deck.pdf', 'photo.jpg', 'inline.pdf']);
    expect(kept[0]).toEqual({
      inboundId: 7,
      partId: '2',
      checksum: 'abc',
      filename: 'deck.pdf',
      contentType: 'application/pdf',
      size: 1000,
    });
  });

  it('names a file that came without a name', () => {
    const kept = attachmentsOf([part('application/octet-stream', null), part('message/rfc822', '  ')], 1);
    expect(kept.map((a) => a.filename)).toEqual(['attachment-1', 'message-2.eml']);
  });
});

describe('attached or linked', () => {
  it('attaches files in order while the total fits, and links the rest, leaving none out', () => {
    const plan = planAttachments([file(6), file(5), file(4), file(0)], 10);
    expect(plan.map((p) => [p.number, p.delivery])).toEqual([
      [1, 'attached'],
      [2, 'linked'],
      [3, 'attached'],
      [4, 'attached'],
    ]);
  });

  it('links everything when the limit is 0', () => {
    expect(planAttachments([file(1)], 0).map((p) => p.delivery)).toEqual(['linked']);
  });
});

describe('sizes as mail clients show them', () => {
  it.each([
    [1, '1 byte'],
    [880, '880 bytes'],
    [100 * 1024, '100 KB'],
    [2 * 1024 * 1024, '2.0 MB'],
    [2_516_582, '2.4 MB'],
  ])('%i bytes read "%s"', (bytes, text) => {
    expect(formatSize(bytes)).toBe(text);
  });
});

describe('the attachment size limit in the config', () => {
  it('defaults to 10 MB, and refuses a limit above what inbound mail can hold, naming the key', () => {
    const parsed = parseConfig(teamConfig);
    expect(parsed.ok && parsed.config.attachmentMaxBytes).toBe(10 * 1024 * 1024);
    const tooBig = parseConfig({ ...teamConfig, attachmentMaxBytes: 30 * 1024 * 1024 });
    expect(tooBig.ok ? [] : tooBig.errors).toEqual([expect.stringMatching(/^attachmentMaxBytes: at most/)]);
  });
});
