/**
 * Whether an inbound message really comes from the domain in its From header. Baton acts on a
 * member's mail only when it passes DMARC for that domain or carries a DKIM signature aligned with
 * it; everything else is judged here from data (mailauth's results, or the Authentication-Results
 * header of a relay Baton trusts), never from the network.
 */

/** How a verdict was reached: Baton's own check, a trusted relay's header, or no check at all. */
export type AuthenticationMethod = 'checked' | 'relay-header' | 'off';

export interface SenderAuthentication {
  /** `temperror`: the check could not finish (DNS); the message is not acted on, and replay checks again. */
  verdict: 'pass' | 'fail' | 'temperror' | 'not-checked';
  method: AuthenticationMethod;
  /** The From header's domain, lower-cased. */
  fromDomain: string | null;
  /** DMARC result for the From domain (`pass`, `fail`, `none`, …), null when not evaluated. */
  dmarc: string | null;
  /** The published DMARC policy (`reject`, `quarantine`, `none`), when known. */
  policy: string | null;
  /** Every DKIM signature and its result. */
  dkim: { domain: string | null; result: string }[];
  spf: string | null;
  /** The relay whose header was believed (its address), for `relay-header`. */
  relay: string | null;
  /** One line for people: why it passed or failed. */
  reason: string;
}

export const NOT_CHECKED: SenderAuthentication = {
  verdict: 'not-checked',
  method: 'off',
  fromDomain: null,
  dmarc: null,
  policy: null,
  dkim: [],
  spf: null,
  relay: null,
  reason: 'sender authentication is off',
};

/** The domain of an address (`Sam <sam@Example.com>` → `example.com`), or null. */
export function domainOf(address: string | null | undefined): string | null {
  if (!address) return null;
  const at = address.lastIndexOf('@');
  if (at < 0) return null;
  const domain = address
    .slice(at + 1)
    .replace(/[>\s].*$/, '')
    .toLowerCase();
  return domain || null;
}

/**
 * Relaxed alignment (RFC 7489 §3.1): the signing domain and the From domain are the same domain or
 * one is a subdomain of the other. Without the public suffix list this is stricter than DMARC's
 * organizational domains, never looser: `d=example.com` aligns with `mail.example.com`, and nobody
 * can publish a DKIM key for a bare public suffix.
 */
export function aligned(signingDomain: string | null, fromDomain: string | null): boolean {
  if (!signingDomain || !fromDomain) return false;
  const a = signingDomain.toLowerCase().replace(/\.$/, '');
  const b = fromDomain.toLowerCase().replace(/\.$/, '');
  return a === b || a.endsWith(`.${b}`) || b.endsWith(`.${a}`);
}

export interface ResultsInput {
  fromDomain: string | null;
  dmarc: { result: string; domain: string | null; policy: string | null } | null;
  dkim: { domain: string | null; result: string }[];
  spf: string | null;
}

/** The verdict from one set of results: DMARC pass for the From domain, or a passing aligned DKIM signature. */
export function judgeResults(
  input: ResultsInput,
  method: Exclude<AuthenticationMethod, 'off'>,
  relay: string | null = null,
): SenderAuthentication {
  const { fromDomain, dmarc, dkim, spf } = input;
  const base = {
    method,
    fromDomain,
    dmarc: dmarc?.result ?? null,
    policy: dmarc?.policy ?? null,
    dkim,
    spf,
    relay,
  };
  const by = method === 'relay-header' && relay ? ` (reported by the relay ${relay})` : '';
  if (!fromDomain) return { ...base, verdict: 'fail', reason: `no From address to authenticate${by}` };
  if (dmarc?.result === 'pass' && aligned(dmarc.domain ?? fromDomain, fromDomain))
    return { ...base, verdict: 'pass', reason: `DMARC pass for ${fromDomain}${by}` };
  const signature = dkim.find((d) => d.result === 'pass' && aligned(d.domain, fromDomain));
  if (signature)
    return {
      ...base,
      verdict: 'pass',
      reason: `DKIM signature of ${signature.domain} aligned with ${fromDomain}${by}`,
    };
  const temporary = [dmarc?.result, ...dkim.map((d) => d.result)].some((r) => r === 'temperror');
  if (temporary)
    return { ...base, verdict: 'temperror', reason: `DNS lookup failed while checking ${fromDomain}${by}` };
  const failed = dkim.filter((d) => d.result !== 'none');
  const why = [
    dmarc ? `DMARC ${dmarc.result}${dmarc.policy ? ` (p=${dmarc.policy})` : ''}` : 'no DMARC result',
    failed.length
      ? failed.map((d) => `DKIM ${d.result}${d.domain ? ` for ${d.domain}` : ''}`).join(', ')
      : 'no aligned DKIM signature',
  ];
  return { ...base, verdict: 'fail', reason: `${why.join(', ')} for ${fromDomain}${by}` };
}

export interface AuthenticationResultsHeader {
  authservId: string;
  results: { method: string; result: string; properties: Record<string, string> }[];
}

/** Drops RFC 5322 comments (`(…)`, nested) and the quotes around values. */
function withoutComments(value: string): string {
  let out = '';
  let depth = 0;
  for (const char of value) {
    if (char === '(') depth++;
    else if (char === ')') depth = Math.max(0, depth - 1);
    else if (depth === 0) out += char;
  }
  return out.replace(/"/g, '');
}

/** Reads one Authentication-Results (or ARC-Authentication-Results) value, RFC 8601. */
export function parseAuthenticationResults(value: string): AuthenticationResultsHeader {
  const [head = '', ...rest] = withoutComments(value).split(';');
  // ARC-Authentication-Results starts with `i=<n>;` before the authserv-id.
  const first = /^\s*i\s*=\s*\d+\s*$/i.test(head) ? (rest.shift() ?? '') : head;
  const authservId = first.trim().split(/\s+/)[0]?.toLowerCase() ?? '';
  const results: AuthenticationResultsHeader['results'] = [];
  for (const clause of rest) {
    const tokens = clause.trim().split(/\s+/).filter(Boolean);
    const [method, ...props] = tokens;
    const m = method ? /^([a-z0-9-]+)(?:\/\d+)?=([a-z0-9-]+)$/i.exec(method) : null;
    if (!m) continue;
    const properties: Record<string, string> = {};
    for (const prop of props) {
      const eq = prop.indexOf('=');
      if (eq > 0) properties[prop.slice(0, eq).toLowerCase()] = prop.slice(eq + 1);
    }
    results.push({ method: m[1]!.toLowerCase(), result: m[2]!.toLowerCase(), properties });
  }
  return { authservId, results };
}

/**
 * The verdict a relay reported in its Authentication-Results header, for the given From domain:
 * `dmarc=… header.from=…` and each `dkim=… header.d=…` (or `header.i=@…`).
 */
export function judgeAuthenticationResults(
  header: string | null,
  fromDomain: string | null,
  relay: string,
): SenderAuthentication {
  if (header === null)
    return judgeResults({ fromDomain, dmarc: null, dkim: [], spf: null }, 'relay-header', relay);
  const { results } = parseAuthenticationResults(header);
  const dmarcResult = results.find(
    (r) =>
      r.method === 'dmarc' &&
      (!r.properties['header.from'] || aligned(r.properties['header.from'], fromDomain)),
  );
  const policy = dmarcResult?.properties['policy.dmarc'] ?? null;
  return judgeResults(
    {
      fromDomain,
      dmarc: dmarcResult
        ? {
            result: dmarcResult.result,
            domain: dmarcResult.properties['header.from']?.toLowerCase() ?? fromDomain,
            policy,
          }
        : null,
      dkim: results
        .filter((r) => r.method === 'dkim')
        .map((r) => ({
          domain: (r.properties['header.d'] ?? domainOf(r.properties['header.i']))?.toLowerCase() ?? null,
          result: r.result,
        })),
      spf: results.find((r) => r.method === 'spf')?.result ?? null,
    },
    'relay-header',
    relay,
  );
}

/** One line for a timeline: `authenticated: DMARC pass for example.com`. */
export function describeAuthentication(auth: SenderAuthentication | null): string {
  if (!auth || auth.verdict === 'not-checked') return 'sender not authenticated (authentication off)';
  if (auth.verdict === 'pass') return `sender authenticated: ${auth.reason}`;
  if (auth.verdict === 'temperror') return `sender authentication could not finish: ${auth.reason}`;
  return `sender authentication failed: ${auth.reason}`;
}
