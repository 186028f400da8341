import { addressBook, batonRecipients, type Route, routeAddress } from '../core/addresses.ts';
import { referenceInSubject } from '../core/handoff/reference.ts';
import { type ParsedMessage, relatedMessageIds, writtenAt } from '../core/message.ts';
import { handleNewHandoffEmail } from './hand-off-by-email.ts';
import type { Deps, HandlerResult, InboundSource, ParseMime, StoredInbound } from './ports.ts';
import { handleReplyEmail } from './reply-by-email.ts';

export type { ParseMime } from './ports.ts';

export interface RawInbound {
  raw: Uint8Array;
  source: InboundSource;
  envelopeFrom: string | null;
  envelopeTo: string[];
}

export interface InboundOutcome {
  inboundId: number;
  duplicate: boolean;
  status: 'processed' | 'failed';
  outcome: string;
  handoffId: string | null;
}

/**
 * The one inbound pipeline of every adapter (SMTP, HTTP, Email Workers, webhooks): the raw
 * message is stored before anything else, a message seen before is not processed again, and
 * processing failures are recorded on the stored row for replay.
 */
export async function receiveEmail(
  deps: Deps,
  parse: ParseMime,
  inbound: RawInbound,
): Promise<InboundOutcome> {
  const row = {
    envelopeTo: inbound.envelopeTo.map((a) => a.toLowerCase()),
    raw: inbound.raw,
    receivedAt: deps.clock.now(),
  };
  const stored = await deps.store.inbound.insert({
    source: inbound.source,
    envelopeFrom: inbound.envelopeFrom,
    ...row,
  });
  if (!stored.stored) {
    const { existing } = stored;
    deps.log.info('duplicate inbound message ignored', { inboundId: existing?.id });
    return {
      inboundId: existing?.id ?? 0,
      duplicate: true,
      status: existing?.status === 'failed' ? 'failed' : 'processed',
      outcome: existing?.outcome ?? 'duplicate',
      handoffId: existing?.handoffId ?? null,
    };
  }
  // What was just stored is still in hand: processed as is, not read back.
  return processStored(deps, parse, { id: stored.id, ...row });
}

/** Processes (or replays) one stored inbound message. */
export async function processInbound(
  deps: Deps,
  parse: ParseMime,
  inboundId: number,
): Promise<InboundOutcome> {
  const row = await deps.store.inbound.find(inboundId);
  if (!row) throw new Error(`inbound message ${inboundId} not found`);
  return processStored(deps, parse, row);
}

async function processStored(
  deps: Deps,
  parse: ParseMime,
  row: Pick<StoredInbound, 'id' | 'raw' | 'receivedAt' | 'envelopeTo'>,
): Promise<InboundOutcome> {
  const inboundId = row.id;
  let message: ParsedMessage;
  try {
    const parsed = await parse(row.raw);
    // Every reading of times in the message is relative to when it was written (see writtenAt).
    message = { ...parsed, date: writtenAt(parsed.date, row.receivedAt) };
  } catch (error) {
    return fail(deps, inboundId, 'parse', error, null);
  }
  try {
    const result = await route(deps, message, row.envelopeTo, inboundId);
    await deps.store.inbound.record(inboundId, deps.clock.now(), {
      status: 'processed',
      outcome: result.outcome,
      handoffId: result.handoffId,
      sender: message.from?.address ?? null,
      subject: message.subject,
    });
    deps.log.info('inbound processed', { inboundId, outcome: result.outcome, handoffId: result.handoffId });
    return { inboundId, duplicate: false, status: 'processed', ...result };
  } catch (error) {
    return fail(deps, inboundId, 'processing', error, message);
  }
}

async function fail(
  deps: Deps,
  inboundId: number,
  kind: string,
  error: unknown,
  message: ParsedMessage | null,
): Promise<InboundOutcome> {
  const text = error instanceof Error ? error.message : String(error);
  deps.log.error('inbound message failed', { inboundId, kind, error: text });
  await deps.store.inbound.record(inboundId, deps.clock.now(), {
    status: 'failed',
    outcome: 'error',
    handoffId: null,
    sender: message?.from?.address ?? null,
    subject: message?.subject ?? null,
    errorKind: kind,
    errorMessage: text,
  });
  return { inboundId, duplicate: false, status: 'failed', outcome: 'error', handoffId: null };
}

function routes(deps: Deps, message: ParsedMessage, envelopeTo: readonly string[]): Route[] {
  const book = addressBook(deps.config);
  return batonRecipients(envelopeTo, message, book.mailDomain).map((a) => routeAddress(a, book));
}

async function route(
  deps: Deps,
  message: ParsedMessage,
  envelopeTo: readonly string[],
  inboundId: number,
): Promise<HandlerResult> {
  const all = routes(deps, message, envelopeTo);
  // A reply address is the most specific thing a message can be sent to.
  const reply = all.find((r) => r.kind === 'reply' || r.kind === 'bounce');
  if (reply) return handleReplyEmail(deps, message, reply, inboundId);
  // Reply-All to one of Baton's emails reaches handoff@ too, and a bounce quotes the original it
  // reports on: both are replies to a handoff, not new handoffs.
  const threaded = await deps.store.handoffs.findByMessageIds(deps.store.pool, relatedMessageIds(message));
  if (threaded) return handleReplyEmail(deps, message, { kind: 'thread', handoff: threaded }, inboundId);
  const creation = all.find((r) => r.kind === 'new-handoff' || r.kind === 'team');
  if (creation) return handleNewHandoffEmail(deps, message, creation, inboundId);
  // No Baton address we know and no thread: still a reply when the subject names a handoff.
  if (referenceInSubject(message.subject) !== null)
    return handleReplyEmail(deps, message, { kind: 'subject' }, inboundId);
  return { outcome: 'ignored-unknown-address', handoffId: null };
}
