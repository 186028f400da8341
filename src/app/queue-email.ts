import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB, HandoffRow } from '../../db/schema.ts';
import { insertOutbound, threadMessageIds } from '../adapters/db/outbox.ts';
import { bounceAddress, replyAddress } from '../core/addresses.ts';
import { formatReference } from '../core/handoff/reference.ts';
import { signReplyToken } from '../core/reply-token.ts';
import type { Deps } from './ports.ts';

export interface QueueEmail {
  handoff: HandoffRow | null;
  kind: string;
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
  /**
   * `delivery` stores the props and renders when the email is sent, outside the caller's
   * transaction: the tick keeps its claims short that way. Default: render now.
   */
  renderAt?: 'now' | 'delivery';
}

/** The most References a message carries: the first (thread root) and the latest ones. */
const MAX_REFERENCES = 20;

/**
 * Renders an email and writes it to the outbox inside the caller's transaction, so the state
 * change and the email commit together. Returns the outbox id (the idempotency key of the send).
 */
export async function queueEmail(trx: Kysely<DB>, deps: Deps, email: QueueEmail): Promise<string> {
  const { config } = deps;
  const now = deps.clock.now();
  const id = randomUUID();
  const to = email.to.email.toLowerCase();
  const rendered = email.renderAt === 'delivery' ? null : await deps.render(email.kind, email.props);
  const handoff = email.handoff;
  const scope = handoff ? `h${handoff.number}` : 'baton';
  const messageId = `<${scope}.${email.kind}.${id}@${config.mailDomain}>`;

  const earlier = handoff ? await threadMessageIds(trx, handoff.id, to) : [];
  const thread = [...new Set([...(email.threadRoots ?? []), ...earlier])];
  const references =
    thread.length > MAX_REFERENCES ? [thread[0]!, ...thread.slice(-(MAX_REFERENCES - 1))] : thread;
  const inReplyTo = email.inReplyTo ?? thread.at(-1) ?? null;
  if (inReplyTo && !references.includes(inReplyTo)) references.push(inReplyTo);

  const token = handoff && !email.replyTo ? signReplyToken(deps.secrets[0]!, handoff.number, to, now) : null;
  const headers: Record<string, string> = {
    // RFC 3834: marks Baton's mail as automatic so well-behaved responders stay quiet.
    'Auto-Submitted': 'auto-generated',
    // Exchange/Outlook: suppress out-of-office and other auto-responses to this message.
    'X-Auto-Response-Suppress': 'All',
    'X-Baton-Kind': email.kind,
  };
  if (handoff) headers['X-Baton-Handoff'] = formatReference(handoff.number);

  await insertOutbound(trx, {
    id,
    handoff_id: handoff?.id ?? null,
    kind: email.kind,
    from_address: `${quoteName(email.fromName ?? 'Baton')} <handoff@${config.mailDomain}>`,
    to_addresses: [to],
    reply_to: email.replyTo ?? (token ? replyAddress(token, config.mailDomain) : null),
    subject: rendered?.subject ?? null,
    html: rendered?.html ?? null,
    text: rendered?.text ?? null,
    props: rendered ? null : JSON.stringify(email.props),
    message_id: messageId,
    in_reply_to: inReplyTo,
    references,
    headers: JSON.stringify({
      ...headers,
      ...(token ? { 'X-Baton-Return-Path': bounceAddress(token, config.mailDomain) } : {}),
    }),
    created_at: now,
    send_after: email.sendAfter ?? now,
  });
  return id;
}

function quoteName(name: string): string {
  return /^[\p{L}\p{N} .'-]+$/u.test(name) ? name : `"${name.replace(/["\\]/g, '')}"`;
}
