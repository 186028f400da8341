import { BlockList, isIPv4, isIPv6 } from 'node:net';
import { authenticate, type DNSResolver } from 'mailauth';
import type { AuthenticateSender } from '../../app/ports.ts';
import { domainOf, judgeResults, type SenderAuthentication } from '../../core/sender-authentication.ts';
import { judgeRelayHeader } from './relay-verdict.ts';

// Node only: mailauth needs node:dns, node:crypto and streams. The Worker reads Email Routing's
// verdict instead (relay-verdict.ts).

export type { DNSResolver } from 'mailauth';

export interface SenderAuthenticatorOptions {
  /** CIDR ranges (`127.0.0.1/32`, `2001:db8::/32`) of relays whose Authentication-Results header is believed. */
  trustedRelays: readonly string[];
  /** Baton's name in the Authentication-Results it computes (the authserv-id). */
  mta: string;
  /** DNS lookups (`resolver(name, rrtype)`); the system resolver when absent. Tests inject one. */
  resolver?: DNSResolver;
}

/** `::ffff:10.0.0.1`, as Node reports IPv4 clients on a dual-stack socket, is 10.0.0.1. */
function plainAddress(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped ? mapped[1]! : address;
}

/** Whether an address is inside one of the CIDR ranges. */
export function relayMatcher(ranges: readonly string[]): (address: string) => boolean {
  const list = new BlockList();
  for (const range of ranges) {
    const [network = '', bits = ''] = range.split('/');
    const type = isIPv4(network) ? 'ipv4' : 'ipv6';
    list.addSubnet(network, Number(bits || (type === 'ipv4' ? 32 : 128)), type);
  }
  return (address) => {
    const plain = plainAddress(address);
    if (isIPv4(plain)) return list.check(plain, 'ipv4');
    if (isIPv6(plain)) return list.check(plain, 'ipv6');
    return false;
  };
}

function temporaryFailure(raw: Uint8Array, error: unknown): SenderAuthentication {
  const from = /^from:.*@([^\s>]+)/im.exec(Buffer.from(raw.subarray(0, 64 * 1024)).toString('latin1'));
  return {
    verdict: 'temperror',
    method: 'checked',
    fromDomain: domainOf(from ? `x@${from[1]}` : null),
    dmarc: null,
    policy: null,
    dkim: [],
    spf: null,
    relay: null,
    reason: `the check could not finish: ${(error as Error).message ?? String(error)}`,
  };
}

/**
 * The Node SMTP path's AuthenticateSender: a message from a trusted relay, or handed over without
 * an SMTP client (HTTP, by a provider holding an API token), is judged by the topmost
 * Authentication-Results header; any other SMTP client is checked with mailauth (DKIM, SPF, DMARC),
 * and headers it wrote itself count for nothing.
 */
export function createSenderAuthenticator(options: SenderAuthenticatorOptions): AuthenticateSender {
  const trusted = relayMatcher(options.trustedRelays);
  return async ({ raw, envelopeFrom, connection }) => {
    const client = connection.clientAddress;
    if (client === null) return judgeRelayHeader(raw, 'the inbound provider');
    if (trusted(client)) return judgeRelayHeader(raw, plainAddress(client));
    try {
      const result = await authenticate(Buffer.from(raw), {
        ip: plainAddress(client),
        helo: connection.helo ?? plainAddress(client),
        ...(envelopeFrom ? { sender: envelopeFrom } : {}),
        mta: options.mta,
        ...(options.resolver ? { resolver: options.resolver } : {}),
        disableBimi: true,
        disableArc: true,
      });
      const from = result.dkim.headerFrom ?? [];
      const dmarc = result.dmarc
        ? {
            result: result.dmarc.status.result,
            domain: (result.dmarc.status.header?.from as string | undefined)?.toLowerCase() ?? null,
            policy: result.dmarc.policy ?? null,
          }
        : null;
      return judgeResults(
        {
          // Two From addresses (or none) authenticate nobody.
          fromDomain: from.length === 1 ? domainOf(from[0]) : null,
          dmarc,
          dkim: (result.dkim.results ?? []).map((r) => ({
            domain: r.signingDomain?.toLowerCase() ?? null,
            result: r.status.result,
          })),
          spf: result.spf ? result.spf.status.result : null,
        },
        'checked',
      );
    } catch (error) {
      return temporaryFailure(raw, error);
    }
  };
}
