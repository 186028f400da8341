import type { Deps, InboundSource, ParseMime } from './ports.ts';
import { type InboundOutcome, receiveEmail } from './receive-email.ts';

/** A provider's webhook saying it received a message for Baton: metadata, the message stays with it. */
export interface WebhookEmail {
  provider: Extract<InboundSource, 'resend'>;
  /** The provider's id of this delivery (Resend: svix-id), the same on each of its retries. */
  deliveryId: string;
  /** The provider's id of the received message. */
  emailId: string;
  envelopeFrom: string | null;
  envelopeTo: string[];
}

export type WebhookEmailResult =
  | { ok: true; replayed: true }
  | { ok: true; replayed: false; inbound: InboundOutcome }
  | { ok: false; code: 'provider_unavailable' | 'payload_too_large' | 'webhook_closed'; message: string };

/**
 * Takes one webhook delivery of a received message into the inbound pipeline. A delivery taken
 * before is acknowledged and nothing else; the raw message is fetched from the provider and stored
 * before anything acts on it (so it dedupes by Message-ID with the same mail by any other route);
 * the delivery is recorded as taken only after that, so a failed one leaves nothing behind and the
 * provider's retry of it goes through.
 */
export async function receiveWebhookEmail(
  deps: Deps,
  parse: ParseMime,
  email: WebhookEmail,
): Promise<WebhookEmailResult> {
  if (!deps.receivedMail)
    return {
      ok: false,
      code: 'webhook_closed',
      message: 'no receiving API is set up to fetch the message from',
    };
  if (await deps.store.webhookDeliveries.replayed(email.provider, email.deliveryId, deps.clock.now())) {
    deps.log.info('webhook delivery seen before: acknowledged, not processed again', {
      provider: email.provider,
      deliveryId: email.deliveryId,
    });
    return { ok: true, replayed: true };
  }
  const maxBytes = deps.config.maxMessageBytes;
  const fetched = await deps.receivedMail.fetchRaw(email.emailId, maxBytes);
  if (!fetched.ok) {
    deps.log.warn('could not fetch a message announced by webhook', {
      provider: email.provider,
      emailId: email.emailId,
      error: fetched.error,
    });
    return fetched.reason === 'too_large'
      ? { ok: false, code: 'payload_too_large', message: `messages are limited to ${maxBytes} bytes` }
      : { ok: false, code: 'provider_unavailable', message: 'the message could not be fetched; try again' };
  }
  const inbound = await receiveEmail(deps, parse, {
    raw: fetched.raw,
    source: email.provider,
    envelopeFrom: email.envelopeFrom,
    envelopeTo: email.envelopeTo,
  });
  // A duplicate whose first copy could not be read back has no id (0): the delivery is still taken.
  await deps.store.webhookDeliveries.record(
    email.provider,
    email.deliveryId,
    inbound.inboundId || null,
    deps.clock.now(),
  );
  return { ok: true, replayed: false, inbound };
}
