import {
  addressBook,
  batonRecipients,
  isBatonAddress,
  isMailDaemon,
  type Route,
  routeAddress,
} from '../core/addresses.ts';
import { referenceInSubject } from '../core/handoff/reference.ts';
import { type ParsedMessage, relatedMessageIds, writtenAt } from '../core/message.ts';
import { NOT_CHECKED, type SenderAuthentication } from '../core/sender-authentication.ts';
import { handleNewHandoffEmail } from './hand-off-by-email.ts';
import type {
  Deps,
  HandlerResult,
  InboundConnection,
  InboundSource,
  ParseMime,
  StoredInbound,
} from './ports.ts';
import { handleReplyEmail, matchReply } from './reply-by-email.ts';

export type { ParseMime } from './ports.ts';

export interface RawInbound {
  raw: Uint8Array;
  source: InboundSource;
  envelopeFrom: string | null;
  envelopeTo: string[];
  /** The SMTP client, when Baton's own SMTP listener took the message. */
  connection?: InboundConnection;
}

export interface InboundOutcome {
  inboundId: number;
  duplicate: boolean;
  /** `pending`: stored, and another process claimed it first (it is processed there). */
  status: 'processed' | 'failed' | 'pending';
  outcome: string;
  handoffId: string | null;
}

/** A message once stored: new (to be processed) or one seen before (its outcome then). */
export type StoredEmail = { new: true; inboundId: number } | { new: false; outcome: InboundOutcome };

/**
 * The first step of every inbound adapter: the raw message is stored before anything else is done
 * with it, and a message seen before (its dedupe key) is not stored again. Once this resolves the
 * message is safe: a crash from here on leaves its row for recoverInbound.
 */
export async function storeEmail(deps: Deps, inbound: RawInbound): Promise<StoredEmail> {
  const stored = await deps.store.inbound.insert({
    source: inbound.source,
    envelopeFrom: inbound.envelopeFrom,
    envelopeTo: inbound.envelopeTo.map((a) => a.toLowerCase()),
    raw: inbound.raw,
    receivedAt: deps.clock.now(),
    ...(inbound.connection ? { connection: inbound.connection } : {}),
  });
  if (stored.stored) return { new: true, inboundId: stored.id };
  const { existing } = stored;
  deps.log.info('duplicate inbound message ignored', { inboundId: existing?.id });
  return {
    new: false,
    outcome: {
      inboundId: existing?.id ?? 0,
      duplicate: true,
      status: existing?.status === 'failed' ? 'failed' : 'processed',
      outcome: existing?.outcome ?? 'duplicate',
      handoffId: existing?.handoffId ?? null,
    },
  };
}

/**
 * Processes a message storeEmail stored, unless another process claimed it first (a recovering
 * one: it is processed there). The claim is what keeps two processes from acting on one message.
 */
export async function processStoredEmail(
  deps: Deps,
  parse: ParseMime,
  inboundId: number,
): Promise<InboundOutcome> {
  const claimed = await deps.store.inbound.claim(inboundId, deps.clock.now(), leaseOf(deps));
  if (!claimed) {
    deps.log.info('inbound message claimed by another process', { inboundId });
    return { inboundId, duplicate: false, status: 'pending', outcome: 'claimed', handoffId: null };
  }
  return processRow(deps, parse, claimed);
}

/**
 * The whole inbound pipeline of the adapters that answer with the outcome (HTTP, Email Workers,
 * webhooks): stored first, a message seen before not processed again, processing failures recorded
 * on the stored row for replay.
 */
export async function receiveEmail(
  deps: Deps,
  parse: ParseMime,
  inbound: RawInbound,
): Promise<InboundOutcome> {
  const stored = await storeEmail(deps, inbound);
  return stored.new ? processStoredEmail(deps, parse, stored.inboundId) : stored.outcome;
}

const DEFAULT_LEASE_MS = 60_000;
const RECOVERY_BATCH = 100;

function leaseOf(deps: Deps): number {
  return deps.leaseMs ?? DEFAULT_LEASE_MS;
}

/**
 * Processes the stored messages nobody finished: a crash between storing and processing, or during
 * processing. Each is claimed in one write (so two recovering processes never share one), and one
 * whose effects already committed before the crash is recorded, not acted on again.
 */
export async function recoverInbound(deps: Deps, parse: ParseMime): Promise<InboundOutcome[]> {
  const outcomes: InboundOutcome[] = [];
  for (;;) {
    const ids = await deps.store.inbound.claimUnfinished(deps.clock.now(), leaseOf(deps), RECOVERY_BATCH);
    for (const id of ids) {
      const acted = await deps.store.inbound.effects(id);
      if (acted) {
        const row = await deps.store.inbound.find(id);
        const message = row ? await parse(row.raw).catch(() => null) : null;
        await deps.store.inbound.record(id, deps.clock.now(), {
          status: 'processed',
          outcome: 'recovered',
          handoffId: acted.handoffId,
          sender: message?.from?.address ?? null,
          subject: message?.subject ?? null,
        });
        deps.log.warn('inbound message had acted before a crash: recorded, not processed again', {
          inboundId: id,
        });
        outcomes.push({
          inboundId: id,
          duplicate: false,
          status: 'processed',
          outcome: 'recovered',
          handoffId: acted.handoffId,
        });
        continue;
      }
      deps.log.warn('processing an inbound message nobody finished', { inboundId: id });
      outcomes.push(await processInbound(deps, parse, id));
    }
    if (ids.length < RECOVERY_BATCH) return outcomes;
  }
}

/** Processes (or replays) one stored inbound message. */
export async function processInbound(
  deps: Deps,
  parse: ParseMime,
  inboundId: number,
): Promise<InboundOutcome> {
  const row = await deps.store.inbound.find(inboundId);
  if (!row) throw new Error(`inbound message ${inboundId} not found`);
  return processRow(deps, parse, row);
}

async function processRow(deps: Deps, parse: ParseMime, row: StoredInbound): Promise<InboundOutcome> {
  const inboundId = row.id;
  let message: ParsedMessage;
  try {
    const parsed = await parse(row.raw);
    // Every reading of times in the message is relative to when it was written (see writtenAt).
    message = { ...parsed, date: writtenAt(parsed.date, row.receivedAt) };
  } catch (error) {
    // A message over a limit (header count, header size, line length) says so; anything else is a parse error.
    const kind = (error as { kind?: unknown } | null)?.kind;
    return fail(deps, inboundId, typeof kind === 'string' ? kind : 'parse', error, null);
  }
  try {
    const authentication = await authenticationOf(deps, row);
    const authenticated = deps.config.senderAuthentication === 'off' || authentication.verdict === 'pass';
    if (!authenticated)
      deps.log.warn('inbound sender not authenticated', { inboundId, reason: authentication.reason });
    const result = await route(deps, message, row.envelopeTo, inboundId, authenticated);
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
    const about = await handoffAbout(deps, message, row.envelopeTo).catch(() => null);
    return fail(deps, inboundId, 'processing', error, message, about);
  }
}

/**
 * The handoff a message is about, told without acting on it (its reply address, the thread of
 * Baton's emails it answers, a `[H-n]` subject): kept on a message whose processing failed, so the
 * handoff's own replay (`POST /api/handoffs/:id/replay-inbound`) finds it.
 */
async function handoffAbout(
  deps: Deps,
  message: ParsedMessage,
  envelopeTo: readonly string[],
): Promise<string | null> {
  const reply = routes(deps, message, envelopeTo).find((r) => r.kind === 'reply' || r.kind === 'bounce');
  if (reply) {
    const match = await matchReply(deps, message, reply);
    if (match.ok) return match.handoff.id;
  }
  // Then as the router goes on: the thread of Baton's emails, else a `[H-n]` subject.
  const threaded = await deps.store.handoffs.findByMessageIds(deps.store.pool, relatedMessageIds(message));
  const match = await matchReply(
    deps,
    message,
    threaded ? { kind: 'thread', handoff: threaded } : { kind: 'subject' },
  );
  return match.ok ? match.handoff.id : null;
}

/**
 * Processes again the stored messages about one handoff whose processing failed, through the same
 * pipeline as `baton replay`; each is claimed first, so two replays never process one message twice.
 */
export async function replayFailedInbound(
  deps: Deps,
  parse: ParseMime,
  handoffId: string,
): Promise<InboundOutcome[]> {
  const ids = await deps.store.inbound.claimFailed(handoffId, deps.clock.now(), leaseOf(deps));
  const outcomes: InboundOutcome[] = [];
  for (const id of ids) outcomes.push(await processInbound(deps, parse, id));
  return outcomes;
}

/**
 * The message's sender authentication: checked once and kept on the stored row (a replay uses the
 * verdict reached when the message arrived), checked again only when it could not finish.
 */
async function authenticationOf(deps: Deps, row: StoredInbound): Promise<SenderAuthentication> {
  if (deps.config.senderAuthentication === 'off') return NOT_CHECKED;
  const stored = row.authentication;
  if (stored && stored.verdict !== 'temperror' && stored.verdict !== 'not-checked') return stored;
  const verdict = await deps.authenticate({
    raw: row.raw,
    envelopeFrom: row.envelopeFrom,
    connection: row.connection,
  });
  await deps.store.inbound.recordAuthentication(row.id, verdict);
  return verdict;
}

async function fail(
  deps: Deps,
  inboundId: number,
  kind: string,
  error: unknown,
  message: ParsedMessage | null,
  handoffId: string | null = null,
): Promise<InboundOutcome> {
  const text = error instanceof Error ? error.message : String(error);
  deps.log.error('inbound message failed', { inboundId, kind, error: text });
  await deps.store.inbound.record(inboundId, deps.clock.now(), {
    status: 'failed',
    outcome: 'error',
    handoffId,
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
  authenticated: boolean,
): Promise<HandlerResult> {
  // Baton's own mail come back (an alias or a forwarding rule pointing at Baton) is never acted on
  // nor answered: that is a loop. A delivery report from the domain's own mail server still counts.
  const from = message.from?.address ?? '';
  if (isBatonAddress(from, deps.config.mailDomain) && !isMailDaemon(from))
    return { outcome: 'ignored-own-mail', handoffId: null };
  const all = routes(deps, message, envelopeTo);
  // A reply address is the most specific thing a message can be sent to.
  const reply = all.find((r) => r.kind === 'reply' || r.kind === 'bounce');
  if (reply) return handleReplyEmail(deps, message, reply, inboundId, authenticated);
  // Reply-All to one of Baton's emails, or to the giver's own email the receiver was on Cc of,
  // reaches handoff@ too, and a bounce quotes the original it reports on: all are replies to a
  // handoff, never new handoffs.
  const threaded = await deps.store.handoffs.findByMessageIds(deps.store.pool, relatedMessageIds(message));
  if (threaded)
    return handleReplyEmail(deps, message, { kind: 'thread', handoff: threaded }, inboundId, authenticated);
  // A reply to an email listing several handoffs names the one it is about in its words.
  if (await deps.store.outbox.listsSeveral(deps.store.pool, relatedMessageIds(message)))
    return handleReplyEmail(deps, message, { kind: 'several' }, inboundId, authenticated);
  // A forged sender creates nothing and hears nothing back: an answer would go to the person forged.
  if (!authenticated) return { outcome: 'ignored-unauthenticated', handoffId: null };
  const creation = all.find((r) => r.kind === 'new-handoff' || r.kind === 'team');
  if (creation) return handleNewHandoffEmail(deps, message, creation, inboundId);
  // No Baton address we know and no thread: still a reply when the subject names a handoff.
  if (referenceInSubject(message.subject) !== null)
    return handleReplyEmail(deps, message, { kind: 'subject' }, inboundId, authenticated);
  return { outcome: 'ignored-unknown-address', handoffId: null };
}
