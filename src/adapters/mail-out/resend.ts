import { type ErrorResponse, Resend } from 'resend';
import type { Mailer, OutboundEmail } from './mailer.ts';

export interface ResendMailerOptions {
  /** API origin, e.g. a local fake in tests; the SDK falls back to RESEND_BASE_URL, then api.resend.com. */
  baseUrl?: string;
  /** The SDK sets no timeout of its own, so a stalled connection would hold the outbox claim forever. */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 30_000;

/** Error names that say "try again later" even when the response carried no usable status code. */
const RETRYABLE_NAMES = new Set([
  'application_error',
  'internal_server_error',
  'rate_limit_exceeded',
  'daily_quota_exceeded',
  'concurrent_idempotent_requests',
]);

function isRetryable(error: Partial<ErrorResponse>): boolean {
  const status = error.statusCode;
  // statusCode null is the SDK's way of saying the request never got a response (refused, reset, timeout).
  if (status === null) return true;
  if (typeof status === 'number') {
    if (status >= 500 || status === 429 || status === 408) return true;
    // 409 is both "same key, different payload" (final) and "same key still in flight" (retry).
    return status === 409 && error.name === 'concurrent_idempotent_requests';
  }
  // A JSON error body without a status (e.g. from a proxy): trust the name, else assume transient.
  return error.name === undefined || RETRYABLE_NAMES.has(error.name);
}

function describe(error: Partial<ErrorResponse>): string {
  const status = typeof error.statusCode === 'number' ? ` (${error.statusCode})` : '';
  return `resend ${error.name ?? 'unknown_error'}${status}: ${error.message ?? 'no message'}`;
}

function threadingHeaders(email: OutboundEmail): Record<string, string> {
  const headers: Record<string, string> = { ...email.headers, 'Message-ID': email.messageId };
  if (email.inReplyTo) headers['In-Reply-To'] = email.inReplyTo;
  if (email.references.length > 0) headers.References = email.references.join(' ');
  return headers;
}

/**
 * A mailer that sends through Resend's HTTP API with the official SDK. The outbox id is the
 * Idempotency-Key, so a send repeated after a lost response is not delivered twice.
 */
export function createResendMailer(apiKey: string, options: ResendMailerOptions = {}): Mailer {
  const baseUrl = options.baseUrl?.replace(/\/+$/, '');
  const client = new Resend(apiKey, baseUrl ? { baseUrl } : undefined);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  return {
    async send(email) {
      // Resend's API takes no per-message envelope sender: its bounces go to the domain's Resend
      // return path and are reported by its own webhooks, so email.returnPath (the VERP address)
      // has nowhere to go here. The local mailbox records it as Return-Path, as a receiving MTA would.
      let response: Awaited<ReturnType<typeof client.emails.send>>;
      try {
        response = await client.emails.send(
          {
            from: email.from,
            to: email.to,
            ...(email.cc && email.cc.length > 0 ? { cc: email.cc } : {}),
            ...(email.replyTo ? { replyTo: email.replyTo } : {}),
            subject: email.subject,
            html: email.html,
            text: email.text,
            headers: threadingHeaders(email),
            ...(email.attachments && email.attachments.length > 0
              ? {
                  attachments: email.attachments.map((a) => ({
                    filename: a.filename,
                    contentType: a.contentType,
                    content: a.content,
                  })),
                }
              : {}),
          },
          { idempotencyKey: email.id, signal: AbortSignal.timeout(timeoutMs) },
        );
      } catch (error) {
        // The SDK turns HTTP and network failures into values; a throw is unexpected but still transient.
        return { ok: false, retryable: true, error: `resend threw: ${(error as Error).message}` };
      }
      if (response.error) {
        const error = response.error as Partial<ErrorResponse>;
        return { ok: false, retryable: isRetryable(error), error: describe(error) };
      }
      // The SDK passes an error body of literal `null` through as { data: null, error: null }.
      if (!response.data)
        return { ok: false, retryable: true, error: 'resend returned neither data nor error' };
      return { ok: true, providerId: typeof response.data.id === 'string' ? response.data.id : null };
    },
  };
}
