import { bounceAddress, replyAddress } from '../../core/addresses.ts';
import type { EmailKind } from '../../core/email-kind.ts';
import type { Attachment } from '../../core/handoff/attachments.ts';
import type { Handoff } from '../../core/handoff/handoff.ts';
import { formatReference } from '../../core/handoff/reference.ts';
import type { Deps, Tx } from '../ports.ts';

export interface QueueEmail {
  handoff: Handoff | null;
  kind: EmailKind;
  to: { email: string; name: string };
  props: Record<string, unknown>;
  /** Display name on the From line, e.g. "Maya Patel via Baton". */
  fromName?: string;
  /** The message this one answers; defaults to the last one in the recipient's thread. */
  inReplyTo?: string | null;
  /** Message-IDs the recipient already has in this conversation (e.g. the giver's own email). */
  threadRoots?: readonly string[];
  sendAfter?: Date;
  /** A plain Reply-To instead of Baton's signed address (mail to people outside the team). */
  replyTo?: string;
  /** Files it carries: attached when sent, up to the size limit, linked above it. */
  attachments?: readonly Attachment[];
}

/** The most References a message carries: the first (thread root) and the latest ones. */
const MAX_REFERENCES = 20;

/**
 * Writes an email to the outbox inside the caller's transaction, so the state change and the email
 * commit together. It is rendered when it is sent, outside the transaction (see deliver-outbox.ts).
 * Returns the outbox id (the idempotency key of the send).
 */
export async function queueEmail(tx: Tx, deps: Deps, email: QueueEmail): Promise<string> {
  const { config } = deps;
  const now = deps.clock.now();
  const id = crypto.randomUUID();
  const to = email.to.email.toLowerCase();
  const handoff = email.handoff;
  const scope = handoff ? `h${handoff.number}` : 'baton';
  const messageId = `<${scope}.${email.kind}.${id}@${config.mailDomain}>`;

  const earlier = handoff ? await deps.store.outbox.thread(tx, handoff.id, to) : [];
  const thread = [...new Set([...(email.threadRoots ?? []), ...earlier])];
  const references =
    thread.length > MAX_REFERENCES ? [thread[0]!, ...thread.slice(-(MAX_REFERENCES - 1))] : thread;
  const inReplyTo = email.inReplyTo ?? thread.at(-1) ?? null;
  if (inReplyTo && !references.includes(inReplyTo)) references.push(inReplyTo);

  const token = handoff && !email.replyTo ? deps.tokens.sign(handoff.number, to, now) : null;
  const headers: Record<string, string> = {
    // RFC 3834: marks Baton's mail as automatic so well-behaved responders stay quiet.
    'Auto-Submitted': 'auto-generated',
    // Exchange/Outlook: suppress out-of-office and other auto-responses to this message.
    'X-Auto-Response-Suppress': 'All',
    'X-Baton-Kind': email.kind,
  };
  if (handoff) headers['X-Baton-Handoff'] = formatReference(handoff.number);

  await deps.store.outbox.queue(tx, {
    id,
    handoffId: handoff?.id ?? null,
    kind: email.kind,
    from: `${quoteName(email.fromName ?? 'Baton')} <handoff@${config.mailDomain}>`,
    to: [to],
    replyTo: email.replyTo ?? (token ? replyAddress(token, config.mailDomain) : null),
    props: email.props,
    messageId,
    inReplyTo,
    references,
    headers: {
      ...headers,
      ...(token ? { 'X-Baton-Return-Path': bounceAddress(token, config.mailDomain) } : {}),
    },
    createdAt: now,
    sendAfter: email.sendAfter ?? now,
    ...(email.attachments ? { attachments: email.attachments } : {}),
  });
  return id;
}

function quoteName(name: string): string {
  return /^[\p{L}\p{N} .'-]+$/u.test(name) ? name : `"${name.replace(/["\\]/g, '')}"`;
}
