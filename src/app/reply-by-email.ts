import type { Route } from '../core/addresses.ts';
import { findMember, type Member } from '../core/directory.ts';
import { addAttachments, attachmentsOf } from '../core/handoff/attachments.ts';
import { missingFields, readFields } from '../core/handoff/fields.ts';
import type { Handoff } from '../core/handoff/handoff.ts';
import { replyAddressExpired } from '../core/handoff/lifecycle.ts';
import { partiesOf } from '../core/handoff/parties.ts';
import {
  formatReference,
  referenceInSubject,
  referencesInText,
  SEVERAL_HANDOFFS,
  withoutReference,
} from '../core/handoff/reference.ts';
import type { ParsedMessage } from '../core/message.ts';
import { detectAutomatic } from '../core/reply/automatic.ts';
import { readReply } from '../core/reply/read-reply.ts';
import { stripReply } from '../core/reply/strip.ts';
import { actOnReply } from './act-on-reply.ts';
import { askForMissingFields, openHandoff } from './hand-off.ts';
import type { Deps, HandlerResult } from './ports.ts';
import { sendRefusal } from './steps/send-refusal.ts';

export type ReplyMatch =
  | { ok: true; handoff: Handoff; via: 'token' | 'thread' | 'subject' }
  | { ok: false; code: 'token-invalid' | 'no-handoff'; detail: string };

/**
 * Finds the handoff a reply is about, in order of trust: the signed reply address, then the
 * Message-IDs Baton sent (In-Reply-To, References), then a `[H-n]` subject reference.
 */
/**
 * How the pipeline already knows a message is a reply: its signed address, a Message-ID of Baton's
 * it answers (looked up once by the router), or only possibly a `[H-n]` subject.
 */
export type ReplyVia =
  | Extract<Route, { kind: 'reply' | 'bounce' }>
  | { kind: 'thread'; handoff: Handoff }
  | { kind: 'subject' }
  // A Message-ID of one of Baton's emails that lists several handoffs (a bundle, the weekly digest).
  | { kind: 'several' };

export async function matchReply(
  deps: Deps,
  message: ParsedMessage,
  via: Exclude<ReplyVia, { kind: 'several' }>,
): Promise<ReplyMatch> {
  const { store } = deps;
  if (via.kind === 'thread') return { ok: true, handoff: via.handoff, via: 'thread' };
  if (via.kind === 'reply' || via.kind === 'bounce') {
    const check = deps.tokens.verify(via.token, deps.clock.now());
    if (!check.ok)
      return { ok: false, code: 'token-invalid', detail: `reply address refused (${check.code})` };
    const handoff = await store.handoffs.findByNumber(store.pool, check.claims.handoffNumber);
    if (!handoff)
      return { ok: false, code: 'no-handoff', detail: 'the handoff this address names no longer exists' };
    if (replyAddressExpired(handoff, deps.clock.now(), deps.config.replyTokenGrace.ms))
      return { ok: false, code: 'token-invalid', detail: 'reply address refused (expired)' };
    return { ok: true, handoff, via: 'token' };
  }
  const number = referenceInSubject(message.subject);
  const bySubject = number !== null ? await store.handoffs.findByNumber(store.pool, number) : null;
  return bySubject
    ? { ok: true, handoff: bySubject, via: 'subject' }
    : { ok: false, code: 'no-handoff', detail: 'no handoff matches this reply' };
}

/** Members who may act on a handoff by reply: its giver, its receiver, and anyone it was escalated to. */
export async function mayAct(deps: Deps, handoff: Handoff, sender: Member): Promise<boolean> {
  if (sender.email === handoff.giverEmail || sender.email === handoff.receiverEmail) return true;
  return deps.store.deadlines.wasEscalatedTo(deps.store.pool, handoff.id, sender.email);
}

/**
 * A reply to one of Baton's emails: completes a draft, or acts on an open handoff. Unless the
 * sender is `authenticated`, only a delivery report vouched for by Baton's own address or Message-ID
 * is acted on, and nobody is answered.
 */
export async function handleReplyEmail(
  deps: Deps,
  message: ParsedMessage,
  via: ReplyVia,
  inboundId: number,
  authenticated: boolean,
): Promise<HandlerResult> {
  if (answersSeveral(deps, via)) return handleReplyToSeveral(deps, message, inboundId, authenticated);
  const { directory } = deps.config;
  const automatic = detectAutomatic(message);
  const match = await matchReply(deps, message, via);
  const sender = message.from ? findMember(directory, message.from.address) : null;
  if (!match.ok) {
    deps.log.warn('reply not matched', { inboundId, code: match.code });
    if (!authenticated) return { outcome: 'ignored-unauthenticated', handoffId: null };
    if (sender && !automatic)
      await sendRefusal(deps, {
        to: sender,
        kind: 'refusal',
        props: {
          reason: match.code,
          reference: null,
          detail: `${match.detail}. To start a new handoff, write to handoff@${deps.config.mailDomain}.`,
        },
        inReplyTo: message.messageId,
      });
    return { outcome: `refused-${match.code}`, handoffId: null };
  }
  const { handoff } = match;
  const receiver = findMember(directory, handoff.receiverEmail ?? '');
  const reader = sender ?? receiver;
  if (!reader) throw new Error(`handoff ${handoff.id}: its receiver left the config`);
  const reading = readReply(message, {
    timeZone: reader.schedule.timeZone,
    hours: reader.schedule.hours,
    holidays: reader.schedule.holidays,
  });
  const context = { handoffId: handoff.id, reading, inboundId, messageId: message.messageId };

  // A delivery report comes from a mail server, not a member: the signed address or Baton's own
  // Message-ID vouches for it (a subject reference alone is too easy to forge).
  if (reading.intent === 'bounce') {
    if (match.via === 'subject' || !receiver)
      return { outcome: 'ignored-unverified-bounce', handoffId: handoff.id };
    return { outcome: await actOnReply(deps, { ...context, sender: receiver }), handoffId: handoff.id };
  }
  if (!authenticated) return { outcome: 'ignored-unauthenticated', handoffId: handoff.id };
  if (!sender || !(await mayAct(deps, handoff, sender))) {
    deps.log.warn('reply from someone not allowed to act on the handoff', {
      inboundId,
      handoffId: handoff.id,
    });
    // A member is told why nothing happened (through another member's address, say); a stranger
    // or a robot is not answered.
    if (sender && !automatic)
      await sendRefusal(deps, {
        to: sender,
        kind: 'refusal',
        props: {
          reason: 'not-allowed',
          reference: formatReference(handoff.number),
          detail: `Baton changed nothing. It is with ${receiver?.name ?? 'its receiver'}; ask them or its giver to forward you the request if you should take it.`,
        },
        inReplyTo: message.messageId,
      });
    return { outcome: 'refused-not-allowed', handoffId: handoff.id };
  }
  if (handoff.state === 'draft') {
    if (sender.email !== handoff.giverEmail || automatic)
      return { outcome: 'ignored-draft', handoffId: handoff.id };
    return completeDraft(deps, message, handoff, inboundId);
  }
  if (sender.email === handoff.giverEmail && sender.email !== handoff.receiverEmail) {
    if (automatic) return { outcome: 'ignored-automatic', handoffId: handoff.id };
    return { outcome: await actOnReply(deps, { ...context, sender }, 'giver'), handoffId: handoff.id };
  }
  return { outcome: await actOnReply(deps, { ...context, sender }), handoffId: handoff.id };
}

/** Whether a reply answers an email that lists several handoffs: its Message-ID, or its signed address. */
function answersSeveral(deps: Deps, via: ReplyVia): via is ReplyVia & { kind: 'several' } {
  if (via.kind === 'several') return true;
  if (via.kind !== 'reply' && via.kind !== 'bounce') return false;
  const check = deps.tokens.verify(via.token, deps.clock.now());
  return check.ok && check.claims.handoffNumber === SEVERAL_HANDOFFS;
}

/**
 * A reply to an email listing several handoffs: its new words must name exactly one (`H-1042`), and
 * then it is a reply to that handoff, under the same rule of who may act. A reply naming none or
 * several is answered with a question; robots and strangers are not answered.
 */
async function handleReplyToSeveral(
  deps: Deps,
  message: ParsedMessage,
  inboundId: number,
  authenticated: boolean,
): Promise<HandlerResult> {
  // A bounce or an out-of-office about a bundle concerns no one handoff.
  if (detectAutomatic(message)) return { outcome: 'ignored-automatic', handoffId: null };
  if (!authenticated) return { outcome: 'ignored-unauthenticated', handoffId: null };
  const sender = message.from ? findMember(deps.config.directory, message.from.address) : null;
  if (!sender) return { outcome: 'ignored-not-a-member', handoffId: null };
  // Only the new words count: the quoted bundle names every handoff it lists.
  const stripped = stripReply({ text: message.text, htmlText: message.htmlText });
  const named = stripped.quotedOnly ? [] : referencesInText(stripped.text);
  const only = named.length === 1 ? named[0]! : null;
  const handoff = only !== null ? await deps.store.handoffs.findByNumber(deps.store.pool, only) : null;
  if (only !== null && handoff) {
    const about = {
      ...message,
      text: message.text === null ? null : withoutReference(message.text, only),
      htmlText: message.htmlText === null ? null : withoutReference(message.htmlText, only),
    };
    return handleReplyEmail(deps, about, { kind: 'thread', handoff }, inboundId, authenticated);
  }
  const detail =
    only !== null
      ? `No handoff is ${formatReference(only)}. Baton changed nothing.`
      : named.length > 1
        ? `It names ${named.map(formatReference).join(', ')}. Baton changed nothing.`
        : 'It names no handoff. Baton changed nothing.';
  await sendRefusal(deps, {
    to: sender,
    kind: 'refusal',
    props: { reason: 'which-handoff', reference: null, detail },
    inReplyTo: message.messageId,
  });
  deps.log.info('reply to several handoffs names no single one', { inboundId, named: named.length });
  return {
    outcome:
      only !== null
        ? 'refused-no-handoff'
        : named.length > 1
          ? 'refused-several-named'
          : 'refused-none-named',
    handoffId: null,
  };
}

/** The giver's answer to a missing-fields email: merge the new fields, then open or ask again. */
async function completeDraft(
  deps: Deps,
  message: ParsedMessage,
  draft: Handoff,
  inboundId: number,
): Promise<HandlerResult> {
  const { store } = deps;
  const parties = partiesOf(draft, deps.config);
  if (!parties) throw new Error(`handoff ${draft.id}: its playbook, giver or receiver left the config`);
  const { playbook, giver } = parties;
  // Only the giver's new words count: quoted history holds Baton's own empty fill-in block.
  const stripped = stripReply({ text: message.text, htmlText: message.htmlText });
  const text = stripped.quotedOnly ? '' : stripped.text;
  const reading = readFields(text, playbook);
  const outboxIds: string[] = [];
  const handoff = await store.transaction(async (tx) => {
    const locked = await store.handoffs.lock(tx, draft.id);
    if (locked?.state !== 'draft') return locked;
    const values = { ...locked.fields, ...reading.values };
    const missing = missingFields(playbook, values).map((f) => f.key);
    const now = deps.clock.now();
    const updated = await store.handoffs.update(tx, locked.id, {
      fields: values,
      missingFields: missing,
      // A deck forgotten the first time often comes with the missing fields.
      attachments: addAttachments(locked.attachments, attachmentsOf(message.parts, inboundId)),
      updatedAt: now,
      threadMessageIds: message.messageId
        ? [...locked.threadMessageIds, message.messageId]
        : locked.threadMessageIds,
    });
    await store.events.append(tx, [
      {
        handoffId: locked.id,
        at: now,
        actor: giver.email,
        kind: 'fields-added',
        inboundMessageId: inboundId,
        data: { fields: Object.keys(reading.values), stillMissing: missing },
      },
    ]);
    if (missing.length > 0) {
      outboxIds.push(await askForMissingFields(tx, deps, updated, playbook, giver, inboundId));
      return updated;
    }
    return openHandoff(tx, deps, updated, playbook, inboundId, outboxIds);
  });
  await deps.deliver(outboxIds);
  if (!handoff) return { outcome: 'ignored-no-handoff', handoffId: null };
  deps.log.info('draft completed by reply', {
    reference: formatReference(handoff.number),
    state: handoff.state,
  });
  return {
    outcome: handoff.state === 'draft' ? 'draft-missing-fields' : 'handoff-opened',
    handoffId: handoff.id,
  };
}
