import { describe, expect, it } from 'vitest';
import { recipientTag, signReplyToken, verifyReplyToken } from '../../src/adapters/crypto/reply-token.ts';

const now = new Date('2026-11-24T14:00:00Z');

describe('reply tokens', () => {
  it('verifies a token it signed and names the handoff and the recipient', () => {
    const token = signReplyToken('k1', 1042, 'Bob@Example.com', now);
    const check = verifyReplyToken(token, ['k1'], now);
    expect(check.ok && check.claims.handoffNumber).toBe(1042);
    expect(check.ok && check.claims.recipientTag).toBe(recipientTag('k1', 'bob@example.com'));
  });

  it('is safe in an email local part: lower-case letters, digits and dots, under 64 characters', () => {
    const token = signReplyToken('k1', 123456789, 'bob@example.com', now);
    expect(`reply+${token}`.length).toBeLessThanOrEqual(64);
    expect(token).toMatch(/^[a-z0-9.]+$/);
  });

  it('survives a mail system that upper-cases the address', () => {
    const token = signReplyToken('k1', 1042, 'bob@example.com', now);
    expect(verifyReplyToken(token.toUpperCase(), ['k1'], now).ok).toBe(true);
  });

  it('refuses a token moved to another handoff', () => {
    const token = signReplyToken('k1', 1042, 'bob@example.com', now);
    const forged = token.replace(/^1042\./, '1043.');
    expect(verifyReplyToken(forged, ['k1'], now)).toEqual({ ok: false, code: 'bad-signature' });
  });

  it('refuses a token with a tampered signature or recipient', () => {
    const token = signReplyToken('k1', 1042, 'bob@example.com', now);
    const parts = token.split('.');
    const otherTag = recipientTag('k1', 'mallory@example.com');
    expect(verifyReplyToken([parts[0], otherTag, parts[2], parts[3]].join('.'), ['k1'], now).ok).toBe(false);
    const flipped = token.slice(0, -1) + (token.endsWith('a') ? 'b' : 'a');
    expect(verifyReplyToken(flipped, ['k1'], now)).toEqual({ ok: false, code: 'bad-signature' });
  });

  it('refuses a token signed with another key, and accepts one signed with a previous key', () => {
    const old = signReplyToken('old-key', 7, 'bob@example.com', now);
    expect(verifyReplyToken(old, ['new-key'], now).ok).toBe(false);
    expect(verifyReplyToken(old, ['new-key', 'old-key'], now)).toMatchObject({ ok: true, rotated: true });
  });

  it('refuses malformed and expired tokens', () => {
    expect(verifyReplyToken('hello', ['k1'], now)).toEqual({ ok: false, code: 'malformed' });
    const token = signReplyToken('k1', 1, 'bob@example.com', new Date('2024-01-01T00:00:00Z'));
    expect(verifyReplyToken(token, ['k1'], now)).toEqual({ ok: false, code: 'expired' });
  });

  it('tries every key and compares whole MACs: a near miss is refused like a wild guess, whichever key it nearly matches', () => {
    const token = signReplyToken('k2', 1042, 'bob@example.com', now);
    const [payload, mac] = [token.slice(0, token.lastIndexOf('.')), token.slice(token.lastIndexOf('.') + 1)];
    const nearMiss = `${payload}.${mac.slice(0, -1)}${mac.endsWith('a') ? 'b' : 'a'}`;
    const wildGuess = `${payload}.${'a'.repeat(mac.length)}`;
    for (const keys of [
      ['k1', 'k2'],
      ['k2', 'k1'],
      ['k1', 'k2', 'k3'],
    ]) {
      expect(verifyReplyToken(nearMiss, keys, now)).toEqual({ ok: false, code: 'bad-signature' });
      expect(verifyReplyToken(wildGuess, keys, now)).toEqual({ ok: false, code: 'bad-signature' });
      expect(verifyReplyToken(token, keys, now)).toMatchObject({ ok: true, rotated: keys[0] !== 'k2' });
    }
  });
});
