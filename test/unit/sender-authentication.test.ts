import { describe, expect, it } from 'vitest';
import { relayMatcher } from '../../src/adapters/mail-in/authenticate-sender.ts';
import {
  emailRoutingAuthenticator,
  fromDomainOf,
  rawHeaders,
} from '../../src/adapters/mail-in/relay-verdict.ts';
import { parseConfig } from '../../src/config/schema.ts';
import {
  aligned,
  judgeAuthenticationResults,
  parseAuthenticationResults,
} from '../../src/core/sender-authentication.ts';
import { teamConfig } from '../support/team-config.ts';

const raw = (headers: string[], body = 'hello') =>
  new TextEncoder().encode(`${headers.join('\r\n')}\r\n\r\n${body}\r\n`);

describe('Authentication-Results', () => {
  it('reads methods, results and properties, ignoring comments and an ARC instance tag', () => {
    const parsed = parseAuthenticationResults(
      'i=1; mx.cloudflare.net; dkim=pass (2048-bit key; secure) header.d=example.com header.s=s1; spf=pass (mx.cloudflare.net: domain of sam@example.com designates 1.2.3.4 as permitted sender) smtp.mailfrom=sam@example.com; dmarc=pass header.from=example.com policy.dmarc=reject',
    );
    expect(parsed.authservId).toBe('mx.cloudflare.net');
    expect(parsed.results.map((r) => `${r.method}=${r.result}`)).toEqual([
      'dkim=pass',
      'spf=pass',
      'dmarc=pass',
    ]);
    expect(parsed.results[0]!.properties['header.d']).toBe('example.com');
    expect(parsed.results[2]!.properties['policy.dmarc']).toBe('reject');
  });

  it('passes DMARC only for the From domain, and DKIM only when aligned with it', () => {
    const forOther = judgeAuthenticationResults('mx; dmarc=pass header.from=evil.test', 'example.com', 'r');
    expect(forOther.verdict).toBe('fail');
    const unaligned = judgeAuthenticationResults('mx; dkim=pass header.d=evil.test', 'example.com', 'r');
    expect(unaligned.verdict).toBe('fail');
    const subdomain = judgeAuthenticationResults(
      'mx; dkim=pass header.i=@mail.example.com',
      'example.com',
      'r',
    );
    expect(subdomain).toMatchObject({ verdict: 'pass', method: 'relay-header' });
    expect(judgeAuthenticationResults(null, 'example.com', 'r').verdict).toBe('fail');
  });

  it('aligns a domain with itself and its subdomains, never with a lookalike', () => {
    expect(aligned('example.com', 'EXAMPLE.com')).toBe(true);
    expect(aligned('example.com', 'eu.example.com')).toBe(true);
    expect(aligned('badexample.com', 'example.com')).toBe(false);
    expect(aligned(null, 'example.com')).toBe(false);
  });

  it('authenticates nobody when a message has two From headers', () => {
    const headers = rawHeaders(raw(['From: sam@example.com', 'From: mallory@evil.test', 'Subject: x']));
    expect(fromDomainOf(headers)).toBeNull();
    expect(fromDomainOf(rawHeaders(raw(['From: "sam@example.com" <mallory@evil.test>'])))).toBe('evil.test');
  });
});

describe('Email Routing verdict (Workers)', () => {
  const authenticate = emailRoutingAuthenticator();
  const connection = { clientAddress: null, helo: null };

  it('believes the header Email Routing added on top', async () => {
    const verdict = await authenticate({
      raw: raw([
        'ARC-Authentication-Results: i=1; mx.cloudflare.net; dkim=pass header.d=example.com; dmarc=pass header.from=example.com policy.dmarc=reject',
        'Authentication-Results: mx.sender.test; dmarc=fail header.from=example.com',
        'From: Sam Lee <sam@example.com>',
      ]),
      envelopeFrom: 'sam@example.com',
      connection,
    });
    expect(verdict).toMatchObject({ verdict: 'pass', dmarc: 'pass', policy: 'reject' });
  });

  it('does not believe a pass the sender wrote beneath a failing verdict', async () => {
    const verdict = await authenticate({
      raw: raw([
        'Authentication-Results: mx.cloudflare.net; dkim=none; dmarc=fail header.from=example.com',
        'Authentication-Results: mx.sender.test; dkim=pass header.d=example.com; dmarc=pass header.from=example.com',
        'From: sam@example.com',
      ]),
      envelopeFrom: null,
      connection,
    });
    expect(verdict.verdict).toBe('fail');
  });
});

describe('trusted relays', () => {
  it('matches IPv4 and IPv6 CIDR ranges, and IPv4 clients reported as mapped IPv6', () => {
    const trusted = relayMatcher(['127.0.0.1/32', '10.0.0.0/8', '2001:db8::/32']);
    expect(trusted('127.0.0.1')).toBe(true);
    expect(trusted('::ffff:10.20.30.40')).toBe(true);
    expect(trusted('2001:db8::1')).toBe(true);
    expect(trusted('127.0.0.2')).toBe(false);
    expect(trusted('not-an-ip')).toBe(false);
  });

  it('are CIDR ranges in the config, and authentication is required unless turned off', () => {
    const { senderAuthentication: _off, ...rest } = teamConfig;
    const parsed = parseConfig(rest);
    expect(parsed.ok && parsed.config.senderAuthentication).toBe('required');
    expect(parsed.ok && parsed.config.trustedRelays).toEqual([]);
    const bad = parseConfig({ ...teamConfig, trustedRelays: ['127.0.0.1'] });
    expect(bad.ok ? [] : bad.errors).toEqual(['trustedRelays[0]: expected a CIDR range like 127.0.0.1/32']);
  });
});
