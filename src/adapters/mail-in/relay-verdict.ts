import type { AuthenticateSender } from '../../app/ports.ts';
import {
  domainOf,
  judgeAuthenticationResults,
  type SenderAuthentication,
} from '../../core/sender-authentication.ts';

// Worker-safe: no Node module, so Email Workers can judge the verdict Email Routing wrote.

const HEADER_BLOCK_LIMIT = 256 * 1024;

/** The header block of a raw message as unfolded `[name, value]` pairs, top first (the order relays prepend in). */
export function rawHeaders(raw: Uint8Array): [string, string][] {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(raw.subarray(0, HEADER_BLOCK_LIMIT));
  const end = text.search(/\r?\n\r?\n/);
  const block = end >= 0 ? text.slice(0, end) : text;
  const out: [string, string][] = [];
  for (const line of block.split(/\r?\n/)) {
    if (/^[ \t]/.test(line) && out.length > 0) {
      const last = out[out.length - 1]!;
      last[1] = `${last[1]} ${line.trim()}`;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon > 0) out.push([line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim()]);
  }
  return out;
}

/**
 * The From header's domain, or null when there is none or more than one: a message with two From
 * headers is the classic way to show one address and authenticate another.
 */
export function fromDomainOf(headers: readonly [string, string][]): string | null {
  const from = headers.filter(([name]) => name === 'from');
  if (from.length !== 1) return null;
  const value = from[0]![1];
  const bracketed = [...value.matchAll(/<([^<>\s]+@[^<>\s]+)>/g)];
  if (bracketed.length > 1) return null;
  const address = bracketed[0]?.[1] ?? /[^\s<>",;:]+@[^\s<>",;:]+/.exec(value)?.[0] ?? null;
  return domainOf(address);
}

/**
 * The verdict of the relay that handed Baton the message, from the topmost header of the given
 * names (the last one added, so the relay's own, not one the sender wrote).
 */
export function judgeRelayHeader(
  raw: Uint8Array,
  relay: string,
  names: readonly string[] = ['authentication-results'],
): SenderAuthentication {
  const headers = rawHeaders(raw);
  const topmost = headers.find(([name]) => names.includes(name))?.[1] ?? null;
  return judgeAuthenticationResults(topmost, fromDomainOf(headers), relay);
}

/**
 * On Workers: Email Routing has checked SPF, DKIM and DMARC before the Worker runs and records it in
 * the headers it adds on top (Authentication-Results, or ARC-Authentication-Results when it seals).
 */
export function emailRoutingAuthenticator(): AuthenticateSender {
  return async ({ raw }) =>
    judgeRelayHeader(raw, 'Cloudflare Email Routing', [
      'authentication-results',
      'arc-authentication-results',
    ]);
}
