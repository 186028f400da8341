import type { Config } from '../config/schema.ts';
import type { EmailKind } from '../core/email-kind.ts';
import type { Attachment } from '../core/handoff/attachments.ts';
import type {
  DeadlineKind,
  Handoff,
  HandoffChanges,
  HandoffEvent,
  NewHandoff,
  StoredDeadline,
} from '../core/handoff/handoff.ts';
import type { HandoffState } from '../core/handoff/lifecycle.ts';
import type { ParsedMessage } from '../core/message.ts';
import type { MetricGroup, MetricsFilter, OpenState, PlaybookWindows } from '../core/metrics.ts';
import type { SenderAuthentication } from '../core/sender-authentication.ts';

declare const transactionBrand: unique symbol;
declare const poolBrand: unique symbol;

/**
 * An open database transaction. Only the store's `transaction()` hands one out, so a function that
 * takes a `Tx` (every lock and every write that must commit with a state change) cannot run outside one.
 */
export interface Tx {
  readonly [transactionBrand]: true;
}

/** The database outside any transaction: reads only. */
export interface Pool {
  readonly [poolBrand]: true;
}

/** Where a read may run: inside the caller's transaction, or on the pool. */
export type Reader = Tx | Pool;

export interface HandoffStore {
  insert(tx: Tx, handoff: NewHandoff): Promise<Handoff>;
  update(tx: Tx, id: string, changes: HandoffChanges): Promise<Handoff>;
  /** Locks the row for the rest of the transaction: replies and ticks on one handoff go one at a time. */
  lock(tx: Tx, id: string): Promise<Handoff | null>;
  /** Locks many rows in id order, so concurrent lockers never deadlock. */
  lockMany(tx: Tx, ids: readonly string[]): Promise<Map<string, Handoff>>;
  /** Raises each handoff's escalation level to at least the given one. */
  raiseEscalationLevels(tx: Tx, levels: ReadonlyMap<string, number>, at: Date): Promise<void>;
  find(on: Reader, id: string): Promise<Handoff | null>;
  findByNumber(on: Reader, number: number): Promise<Handoff | null>;
  findByIdempotencyKey(on: Reader, key: string): Promise<Handoff | null>;
  /** The handoff a Message-ID belongs to: one Baton sent, or the giver's email that created (or completed) it. */
  findByMessageIds(on: Reader, messageIds: readonly string[]): Promise<Handoff | null>;
  /** Handoffs newest first (by number), those numbered below `before` when given, at most `limit`. */
  list(on: Reader, filter: HandoffListFilter, before: number | null, limit: number): Promise<Handoff[]>;
  /** Scores of a playbook's other handoffs since a date: what triage compares a new score with. */
  recentScores(on: Reader, playbookId: string, since: Date, excludeId: string): Promise<number[]>;
  /** Whether this address was ever sent the lead's automated email, or bounced. */
  prospectWasWritten(on: Reader, address: string): Promise<boolean>;
}

export interface HandoffListFilter {
  state: HandoffState | null;
  receiver: string | null;
  playbook: string | null;
}

export interface NewEvent {
  handoffId: string;
  at: Date;
  actor: string;
  kind: string;
  inboundMessageId?: number | null;
  outboundMessageId?: string | null;
  data?: Record<string, unknown>;
}

/** The handoffs' timelines: every change is an event. */
export interface EventLog {
  append(tx: Tx, events: readonly NewEvent[]): Promise<void>;
  list(on: Reader, handoffId: string): Promise<HandoffEvent[]>;
  /** The latest event of a kind on a handoff, or null. */
  latest(on: Reader, handoffId: string, kind: string): Promise<HandoffEvent | null>;
}

export interface NewDeadline {
  handoffId: string;
  kind: DeadlineKind;
  level?: number;
  recipient?: string | null;
  dueAt: Date;
  explanation: string;
  createdAt: Date;
}

export interface Deadlines {
  insert(tx: Tx, deadlines: readonly NewDeadline[]): Promise<void>;
  /** Settles a handoff's pending deadlines, all or of some kinds. */
  settlePending(
    tx: Tx,
    handoffId: string,
    at: Date,
    status: 'cancelled' | 'met',
    kinds?: readonly DeadlineKind[],
  ): Promise<void>;
  /** Claims due deadlines with one write (SKIP LOCKED): they fire with the transaction's commit. */
  claimDue(tx: Tx, now: Date, limit: number): Promise<StoredDeadline[]>;
  markSkipped(tx: Tx, ids: readonly number[]): Promise<void>;
  linkEmail(tx: Tx, ids: readonly number[], outboxId: string): Promise<void>;
  list(on: Reader, handoffId: string): Promise<StoredDeadline[]>;
  /** Whether an escalation of this handoff went to this address. */
  wasEscalatedTo(on: Reader, handoffId: string, address: string): Promise<boolean>;
  /** Everyone an escalation of this handoff went to so far. */
  escalatedTo(on: Reader, handoffId: string): Promise<string[]>;
}

/** One email waiting in the outbox: stored with its template props, rendered when it is sent. */
export interface QueuedEmail {
  id: string;
  handoffId: string | null;
  kind: EmailKind;
  from: string;
  to: string[];
  replyTo: string | null;
  props: Record<string, unknown>;
  messageId: string;
  inReplyTo: string | null;
  references: string[];
  headers: Record<string, string>;
  createdAt: Date;
  sendAfter: Date;
  /** Files it carries (or links, above the size limit): re-extracted from stored inbound mail when sent. */
  attachments?: readonly Attachment[];
}

/** An outbox row claimed for sending. */
export interface ClaimedEmail extends Omit<QueuedEmail, 'props'> {
  props: Record<string, unknown> | null;
  rendered: RenderedEmail | null;
  attempts: number;
}

export interface Outbox {
  queue(tx: Tx, email: QueuedEmail): Promise<void>;
  /** Claims sendable rows (all due ones, or just `ids`) with a lease, in one write. */
  claim(options: {
    now: Date;
    leaseMs: number;
    limit: number;
    ids?: readonly string[];
  }): Promise<ClaimedEmail[]>;
  storeRendering(id: string, email: RenderedEmail): Promise<void>;
  markSent(id: string, at: Date, providerId: string | null): Promise<void>;
  /** A retryable failure waits until `retryAt`; null stops it for good. */
  markFailed(id: string, error: string, retryAt: Date | null): Promise<void>;
  /** Message-IDs of a handoff's conversation with one recipient, oldest first. */
  thread(on: Reader, handoffId: string, recipient: string): Promise<string[]>;
  /** Whether one of these Message-IDs is of an email Baton sent listing several handoffs. */
  listsSeveral(on: Reader, messageIds: readonly string[]): Promise<boolean>;
  /** How many emails of these kinds went to this address since `since`. */
  countSince(on: Reader, address: string, kinds: readonly string[], since: Date): Promise<number>;
  listForHandoff(
    on: Reader,
    handoffId: string,
  ): Promise<
    {
      kind: string;
      to: string[];
      subject: string | null;
      status: string;
      createdAt: Date;
      sentAt: Date | null;
    }[]
  >;
}

export type InboundSource = 'smtp' | 'http' | 'email-worker' | 'resend' | 'replay';

/** Who handed Baton the message: the SMTP client, or nobody known (HTTP, Email Workers, webhooks). */
export interface InboundConnection {
  /** The SMTP client's IP address; null when the message did not arrive over Baton's own SMTP. */
  clientAddress: string | null;
  /** The name the SMTP client gave in EHLO/HELO. */
  helo: string | null;
}

export interface StoredInbound {
  id: number;
  raw: Uint8Array;
  receivedAt: Date;
  envelopeFrom: string | null;
  envelopeTo: string[];
  connection: InboundConnection;
  /** The sender authentication verdict, once checked. */
  authentication: SenderAuthentication | null;
  status: string;
  outcome: string | null;
  handoffId: string | null;
}

export interface InboundResult {
  status: 'processed' | 'failed';
  outcome: string;
  handoffId: string | null;
  sender: string | null;
  subject: string | null;
  errorKind?: string | null;
  errorMessage?: string | null;
}

/** Every inbound message, raw, before anything else happens to it. */
export interface InboundLedger {
  /**
   * Stores a raw message once. The same message delivered again (the same Message-ID, else the same
   * bytes) is not stored twice: the first copy is returned instead.
   */
  insert(message: {
    source: InboundSource;
    envelopeFrom: string | null;
    envelopeTo: string[];
    raw: Uint8Array;
    receivedAt: Date;
    connection?: InboundConnection;
  }): Promise<{ stored: true; id: number } | { stored: false; existing: StoredInbound | null }>;
  find(id: number): Promise<StoredInbound | null>;
  /** Claims a stored message for processing with a lease, in one write: null when another process has it. */
  claim(id: number, now: Date, leaseMs: number): Promise<StoredInbound | null>;
  /**
   * Claims messages nobody finished (stored and not claimed within a lease, or claimed under a lease
   * that ran out: a crash), in one write; their ids, oldest first.
   */
  claimUnfinished(now: Date, leaseMs: number, limit: number): Promise<number[]>;
  /** The handoff whose committed effects name this message, or null when it has not acted yet. */
  effects(id: number): Promise<{ handoffId: string } | null>;
  record(id: number, at: Date, result: InboundResult): Promise<void>;
  /**
   * Claims, in one write, the messages recorded against a handoff whose processing failed (to
   * process them again): their ids, oldest first. A message claimed here is not claimed twice.
   */
  claimFailed(handoffId: string, now: Date, leaseMs: number): Promise<number[]>;
  recordAuthentication(id: number, authentication: SenderAuthentication): Promise<void>;
  /** The stored messages that touched a handoff: those recorded against it, and those named by `ids`. */
  touching(
    handoffId: string,
    ids: readonly number[],
  ): Promise<
    {
      id: number;
      receivedAt: Date;
      sender: string | null;
      outcome: string | null;
      authentication: SenderAuthentication | null;
    }[]
  >;
}

/** What a mail provider's receiving API handed back for one message it announced by webhook. */
export type FetchedRaw =
  | { ok: true; raw: Uint8Array }
  | { ok: false; reason: 'unavailable' | 'too_large'; error: string };

/** Mail a provider received for Baton and announced by webhook (metadata only): its raw message. */
export interface ReceivedMail {
  /** The raw RFC 822 message stored under the provider's id; never more than `maxBytes`. */
  fetchRaw(emailId: string, maxBytes: number): Promise<FetchedRaw>;
}

/** The webhook deliveries taken, by the provider's delivery id: a retried delivery is not acted on twice. */
export interface WebhookDeliveries {
  /**
   * Whether this delivery was taken before, counting it as a replay when it was: one write, never a
   * read a connection pooler could answer from its cache.
   */
  replayed(provider: string, deliveryId: string, at: Date): Promise<boolean>;
  /** Records a delivery as taken, once the message it announced is stored. */
  record(provider: string, deliveryId: string, inboundId: number | null, at: Date): Promise<void>;
}

/**
 * Checks that a stored message comes from the domain in its From header (DMARC, aligned DKIM), or
 * reads the verdict of a relay trusted to have checked it. Never throws for a bad message: a DNS
 * failure is a `temperror` verdict.
 */
export type AuthenticateSender = (message: {
  raw: Uint8Array;
  envelopeFrom: string | null;
  connection: InboundConnection;
}) => Promise<SenderAuthentication>;

/** Parses raw MIME; the adapter differs per runtime, the pipeline does not. */
export type ParseMime = (raw: Uint8Array) => Promise<ParsedMessage>;

/** One attached part of a stored message, with its bytes, named as `ParseMime` names it. */
export interface AttachmentFile {
  partId: string;
  /** MD5 of the bytes, hex: the same as the part's `checksum` when it was first parsed. */
  checksum: string;
  contentType: string;
  content: Uint8Array;
}

/** The attached parts of a raw message, with their bytes. */
export type ReadAttachments = (raw: Uint8Array) => Promise<AttachmentFile[]>;

/** What the use case that took an inbound message decided: recorded on the stored message. */
export interface HandlerResult {
  outcome: string;
  handoffId: string | null;
}

/** The counts behind the metrics (core/metrics.ts defines them); the store aggregates them in SQL. */
export interface MetricsReader {
  /** The filtered period's counts, for the whole period and per week, playbook, giver and receiver. */
  count(on: Reader, filter: MetricsFilter, windows: readonly PlaybookWindows[]): Promise<MetricGroup[]>;
  /** The filtered period's handoffs that leaked (as the leak rate counts them), oldest first. */
  leaked(on: Reader, filter: MetricsFilter, limit: number): Promise<Handoff[]>;
}

/** The weekly digests sent: one per manager and reported week. */
export interface WeeklyDigests {
  /**
   * Claims digests with one insert that skips those claimed already (a unique key): of ticks running
   * at once, exactly one gets each. Returns the claimed ones.
   */
  claim(
    tx: Tx,
    digests: readonly { manager: string; week: string }[],
    at: Date,
  ): Promise<{ manager: string; week: string }[]>;
  linkEmail(tx: Tx, digest: { manager: string; week: string }, outboxId: string): Promise<void>;
}

export interface OpenHandoffFilter {
  state: OpenState | null;
  receiver: string | null;
  playbook: string | null;
  /** Handoffs given or received by these addresses only; null for all. */
  members: readonly string[] | null;
}

/** Handoffs nobody has closed yet, as the dashboard lists and charts them. */
export interface OpenHandoffs {
  /** Oldest first, at most `limit`. */
  list(on: Reader, filter: OpenHandoffFilter, limit: number): Promise<Handoff[]>;
  /** How many have been open for less than each bound (seconds, ascending), and beyond the last. */
  countByAge(
    on: Reader,
    now: Date,
    boundsSeconds: readonly number[],
    filter: OpenHandoffFilter,
  ): Promise<number[]>;
}

/** Sign-in links and sessions, stored by the SHA-256 of their tokens. */
export interface SignIns {
  createLink(
    tx: Tx,
    link: { tokenHash: string; email: string; createdAt: Date; expiresAt: Date },
  ): Promise<void>;
  /** Marks an unused, unexpired link used in one write (one claim wins); its address, or null. */
  claimLink(tokenHash: string, now: Date): Promise<string | null>;
  findLink(on: Reader, tokenHash: string): Promise<{ usedAt: Date | null; expiresAt: Date } | null>;
  createSession(session: {
    tokenHash: string;
    email: string;
    createdAt: Date;
    expiresAt: Date;
  }): Promise<void>;
  /** The address of a session that has not expired (recording that it was seen), or null. */
  touchSession(tokenHash: string, now: Date): Promise<string | null>;
  deleteSession(tokenHash: string): Promise<void>;
}

/** The database as the use cases see it. */
export interface Store {
  pool: Pool;
  transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
  handoffs: HandoffStore;
  events: EventLog;
  deadlines: Deadlines;
  outbox: Outbox;
  inbound: InboundLedger;
  metrics: MetricsReader;
  open: OpenHandoffs;
  signIns: SignIns;
  weeklyDigests: WeeklyDigests;
  webhookDeliveries: WebhookDeliveries;
}

/** One rendered outbound email, as a mailer transports it. */
export interface OutboundEmail {
  id: string;
  from: string;
  to: string[];
  cc?: string[];
  replyTo: string | null;
  subject: string;
  html: string;
  text: string;
  messageId: string;
  inReplyTo: string | null;
  references: string[];
  headers: Record<string, string>;
  returnPath?: string | null;
  attachments?: readonly { filename: string; contentType: string; content: Uint8Array }[];
}

export type SendResult =
  | { ok: true; providerId: string | null }
  | { ok: false; retryable: boolean; error: string };

export interface Mailer {
  send(email: OutboundEmail): Promise<SendResult>;
}

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

/** Renders one email kind with its props; the mail-out adapter implements it with React Email. */
export type RenderEmail = (kind: EmailKind, props: Record<string, unknown>) => Promise<RenderedEmail>;

export interface Clock {
  now(): Date;
}

export interface Log {
  info(message: string, data?: Record<string, unknown>): void;
  warn(message: string, data?: Record<string, unknown>): void;
  error(message: string, data?: Record<string, unknown>): void;
}

/**
 * Hands committed outbox rows to delivery. A use case calls it after its transaction commits and
 * does not wait for the provider: on Node it drains in the background, on Workers through
 * `ctx.waitUntil`; the tick retries whatever is left.
 */
export type ScheduleDelivery = (outboxIds: readonly string[]) => Promise<void>;

export interface ReplyTokenClaims {
  handoffNumber: number;
  /** Tag of the intended recipient's address; compare with `recipientTag(address)`. */
  recipientTag: string;
  issuedAt: Date;
}

export type TokenCheck =
  | { ok: true; claims: ReplyTokenClaims; rotated: boolean }
  | { ok: false; code: 'malformed' | 'bad-signature' | 'expired' };

/** The signed reply addresses: `reply+<token>@…` names one handoff and one recipient. */
export interface ReplyTokens {
  sign(handoffNumber: number, recipient: string, now: Date): string;
  verify(token: string, now: Date): TokenCheck;
}

/** Everything a use case may touch. Built once on Node, per request on Workers. */
export interface Deps {
  store: Store;
  mailer: Mailer;
  render: RenderEmail;
  clock: Clock;
  log: Log;
  config: Config;
  /** HMAC keys for reply tokens: the first signs, all verify (rotation). */
  secrets: readonly string[];
  /** Signs and verifies reply addresses with those keys. */
  tokens: ReplyTokens;
  deliver: ScheduleDelivery;
  /** Sender authentication of inbound mail; consulted only when `config.senderAuthentication` is `required`. */
  authenticate: AuthenticateSender;
  /**
   * How long a claim (a stored message being processed, an outbox row being sent) holds before
   * another process may take it over; 60 s when absent.
   */
  leaseMs?: number;
  /** Reads attachments back out of stored inbound mail, for the emails that carry them. */
  readAttachments: ReadAttachments;
  /** The origin of links in emails (the dashboard), e.g. https://baton.example.com; null: none known. */
  publicUrl: string | null;
  /** Where mail announced by a provider's webhook is fetched from; absent: no such provider set up. */
  receivedMail?: ReceivedMail;
}
