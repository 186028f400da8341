/**
 * Limits on the shape of a raw message, checked before it is parsed: a parser fed ten thousand
 * header fields or a megabyte-long header spends its time (and memory) on an attacker's behalf.
 * The message stays stored raw either way; over a limit it is recorded as failed with this error.
 */
export const MESSAGE_LIMITS = {
  /** Header fields in the top-level header block (ordinary mail has 20–60, heavily relayed mail a few hundred). */
  headerFields: 1_000,
  /** Bytes of the top-level header block. */
  headerBytes: 512 * 1024,
  /** Bytes of one header field, folded lines included. */
  fieldBytes: 64 * 1024,
  /** Bytes of one line anywhere in the message (RFC 5322 allows 998; clients that ignore it stay far below this). */
  lineBytes: 4 * 1024 * 1024,
} as const;

export class MessageLimitError extends Error {
  /** The error kind recorded on the stored message. */
  readonly kind = 'limit';
}

const LF = 0x0a;
const SPACE = 0x20;
const TAB = 0x09;
const CR = 0x0d;

/** Throws a MessageLimitError naming the first limit the raw message exceeds. */
export function checkMessageLimits(raw: Uint8Array, limits = MESSAGE_LIMITS): void {
  let fields = 0;
  let fieldStart = 0;
  let inHeader = true;
  let lineStart = 0;
  for (let i = raw.indexOf(LF); lineStart <= raw.length; i = raw.indexOf(LF, i + 1)) {
    if (i < 0) i = raw.length;
    const lineEnd = i > lineStart && raw[i - 1] === CR ? i - 1 : i;
    if (i - lineStart > limits.lineBytes)
      throw new MessageLimitError(`a line of ${i - lineStart} bytes (limit ${limits.lineBytes})`);
    if (inHeader) {
      const blank = lineEnd === lineStart;
      const continuation = !blank && (raw[lineStart] === SPACE || raw[lineStart] === TAB);
      if (!continuation) {
        if (fields > 0 && lineStart - fieldStart > limits.fieldBytes)
          throw new MessageLimitError(
            `a header field of ${lineStart - fieldStart} bytes (limit ${limits.fieldBytes})`,
          );
        if (!blank) {
          fields++;
          fieldStart = lineStart;
          if (fields > limits.headerFields)
            throw new MessageLimitError(`more than ${limits.headerFields} header fields`);
        }
      }
      if (lineStart > limits.headerBytes)
        throw new MessageLimitError(`a header block over ${limits.headerBytes} bytes`);
      if (blank) inHeader = false;
    }
    lineStart = i + 1;
  }
}
