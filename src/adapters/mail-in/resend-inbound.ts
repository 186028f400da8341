import { Resend } from 'resend';
import type { FetchedRaw, ReceivedMail } from '../../app/ports.ts';

export interface ResendInboundOptions {
  /** API origin, e.g. a local fake in tests; the SDK falls back to RESEND_BASE_URL, then api.resend.com. */
  baseUrl?: string;
  /**
   * For the metadata call and the raw download together. Resend's webhooks wait 15 s for an answer
   * and count a slower one as failed, so the fetch has to finish well inside that.
   */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 10_000;

function client(apiKey: string, baseUrl: string | undefined): Resend {
  const origin = baseUrl?.replace(/\/+$/, '');
  return new Resend(apiKey, origin ? { baseUrl: origin } : undefined);
}

/** The body, or null once it grows past `maxBytes` (the download is abandoned there). */
async function readAtMost(response: Response, maxBytes: number): Promise<Uint8Array | null> {
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (declared > maxBytes) {
    await response.body?.cancel();
    return null;
  }
  if (!response.body) return new Uint8Array(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const raw = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    raw.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return raw;
}

/**
 * Resend's receiving API through the official SDK: `emails.receiving.get` names a signed download URL
 * of the message as received (headers, body and attachments, byte for byte), which is fetched here
 * because the SDK keeps its own download private.
 */
export function createResendReceivedMail(apiKey: string, options: ResendInboundOptions = {}): ReceivedMail {
  const resend = client(apiKey, options.baseUrl);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return {
    async fetchRaw(emailId, maxBytes): Promise<FetchedRaw> {
      const signal = AbortSignal.timeout(timeoutMs);
      try {
        const email = await resend.emails.receiving.get(encodeURIComponent(emailId), {}, { signal });
        if (email.error || !email.data) {
          const status = email.error?.statusCode ? ` (${email.error.statusCode})` : '';
          return {
            ok: false,
            reason: 'unavailable',
            error: `resend ${email.error?.name ?? 'no data'}${status}: ${email.error?.message ?? 'no message'}`,
          };
        }
        const url = email.data.raw?.download_url;
        if (!url)
          return { ok: false, reason: 'unavailable', error: 'resend names no raw download for this email' };
        const response = await fetch(url, { signal });
        if (!response.ok) {
          await response.body?.cancel();
          return { ok: false, reason: 'unavailable', error: `raw download answered ${response.status}` };
        }
        const raw = await readAtMost(response, maxBytes);
        if (!raw) return { ok: false, reason: 'too_large', error: `raw message over ${maxBytes} bytes` };
        if (raw.byteLength === 0)
          return { ok: false, reason: 'unavailable', error: 'raw download was empty' };
        return { ok: true, raw };
      } catch (error) {
        // A timeout, a refused connection or a reset: all worth the provider's retry.
        return { ok: false, reason: 'unavailable', error: `raw fetch failed: ${(error as Error).message}` };
      }
    },
  };
}

/** The signature headers of one webhook delivery, as sent (any may be missing). */
export interface WebhookSignatureHeaders {
  id: string | undefined;
  timestamp: string | undefined;
  signature: string | undefined;
}

export type WebhookVerification =
  | { ok: true; deliveryId: string; event: unknown }
  | {
      ok: false;
      code:
        | 'webhook_unsigned'
        | 'webhook_bad_signature'
        | 'webhook_timestamp_out_of_range'
        | 'invalid_request';
      message: string;
    };

export type VerifyResendWebhook = (payload: string, headers: WebhookSignatureHeaders) => WebhookVerification;

/** The header names Resend signs its deliveries with (Svix's). */
export const RESEND_SIGNATURE_HEADERS = {
  id: 'svix-id',
  timestamp: 'svix-timestamp',
  signature: 'svix-signature',
} as const;

/**
 * Checks a delivery with the SDK's `webhooks.verify` (Svix's scheme: HMAC-SHA256 over
 * `id.timestamp.body`, a timestamp within 5 minutes of this machine's clock). The secret never
 * appears in what this returns.
 */
export function createResendWebhookVerifier(apiKey: string, webhookSecret: string): VerifyResendWebhook {
  // Verification is local: the client is built only because the SDK hangs `verify` on one.
  const resend = client(apiKey, undefined);
  return (payload, headers) => {
    const missing = (Object.keys(RESEND_SIGNATURE_HEADERS) as (keyof WebhookSignatureHeaders)[])
      .filter((k) => !headers[k])
      .map((k) => RESEND_SIGNATURE_HEADERS[k]);
    const { id, timestamp, signature } = headers;
    if (missing.length > 0 || !id || !timestamp || !signature)
      return {
        ok: false,
        code: 'webhook_unsigned',
        message: `missing signature headers: ${missing.join(', ')}`,
      };
    let event: unknown;
    try {
      event = resend.webhooks.verify({ payload, headers: { id, timestamp, signature }, webhookSecret });
    } catch (error) {
      const e = error as Error;
      if (e.name !== 'WebhookVerificationError')
        return { ok: false, code: 'invalid_request', message: 'the signed body is not JSON' };
      if (/timestamp too (old|new)/i.test(e.message))
        return {
          ok: false,
          code: 'webhook_timestamp_out_of_range',
          message: 'the signature timestamp is more than 5 minutes from now',
        };
      return { ok: false, code: 'webhook_bad_signature', message: 'the signature does not match the body' };
    }
    return { ok: true, deliveryId: id, event };
  };
}
