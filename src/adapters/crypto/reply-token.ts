import { createHmac, timingSafeEqual } from 'node:crypto';
import type { ReplyTokens, TokenCheck } from '../../app/ports.ts';

/**
 * Reply tokens ride in `reply+<token>@<mailDomain>`. They must survive mail systems that
 * lower-case local parts, so everything is lower-case base32 and digits, dot-separated:
 * `<handoff number>.<recipient tag>.<issued day>.<mac>`.
 */
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';
const MAC_CHARS = 20; // 100 bits
const TAG_CHARS = 8;
const DAY_MS = 86_400_000;

export type { ReplyTokenClaims, TokenCheck } from '../../app/ports.ts';

function base32(bytes: Uint8Array, chars: number): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5 && out.length < chars) {
      out += ALPHABET[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
    if (out.length >= chars) break;
  }
  return out;
}

function mac(secret: string, payload: string): string {
  return base32(createHmac('sha256', secret).update(payload).digest(), MAC_CHARS);
}

/** A short keyed tag of a recipient address: names the recipient without putting the address in the token. */
export function recipientTag(secret: string, address: string): string {
  return base32(
    createHmac('sha256', secret).update(`recipient:${address.trim().toLowerCase()}`).digest(),
    TAG_CHARS,
  );
}

/** Signs a token naming one handoff and one recipient. */
export function signReplyToken(
  secret: string,
  handoffNumber: number,
  recipient: string,
  issuedAt: Date,
): string {
  const day = Math.floor(issuedAt.getTime() / DAY_MS).toString(36);
  const payload = `${handoffNumber}.${recipientTag(secret, recipient)}.${day}`;
  return `${payload}.${mac(secret, payload)}`;
}

/**
 * Verifies a token with the current secret, then each previous one (key rotation).
 * Tokens older than `maxAgeDays` are refused: a handoff's conversation does not last a year.
 */
export function verifyReplyToken(
  token: string,
  secrets: readonly string[],
  now: Date,
  maxAgeDays = 365,
): TokenCheck {
  const match = /^(\d{1,15})\.([a-z2-7]{8})\.([0-9a-z]{1,8})\.([a-z2-7]{20})$/.exec(
    token.trim().toLowerCase(),
  );
  if (!match) return { ok: false, code: 'malformed' };
  const [, number, tag, day, given] = match as unknown as [string, string, string, string, string];
  const payload = `${number}.${tag}.${day}`;
  // Every key is tried and every MAC compared whole (timingSafeEqual over equal lengths), so how
  // long a refusal takes says nothing about how close a guess came, nor which key nearly matched.
  const givenMac = Buffer.from(given);
  let index = -1;
  secrets.forEach((secret, i) => {
    const matches = timingSafeEqual(Buffer.from(mac(secret, payload)), givenMac);
    if (matches && index < 0) index = i;
  });
  if (index < 0) return { ok: false, code: 'bad-signature' };
  const issuedAt = new Date(Number.parseInt(day, 36) * DAY_MS);
  if (now.getTime() - issuedAt.getTime() > maxAgeDays * DAY_MS) return { ok: false, code: 'expired' };
  return {
    ok: true,
    claims: { handoffNumber: Number(number), recipientTag: tag, issuedAt },
    rotated: index > 0,
  };
}

/** The ReplyTokens port over HMAC keys: the first signs, all verify (rotation). */
export function replyTokens(secrets: readonly string[]): ReplyTokens {
  if (secrets.length === 0 || !secrets[0]) throw new Error('reply tokens need a secret');
  return {
    sign: (handoffNumber, recipient, now) => signReplyToken(secrets[0]!, handoffNumber, recipient, now),
    verify: (token, now) => verifyReplyToken(token, secrets, now),
  };
}
