import type { HandoffRow } from '../../db/schema.ts';
import { appendEvent } from '../adapters/db/events.ts';
import { findHandoffByNumber, lockHandoff, updateHandoff } from '../adapters/db/handoffs.ts';
import type { Route } from '../core/addresses.ts';
import { findMember, type Member } from '../core/directory.ts';
import { readFields } from '../core/handoff/fields.ts';
import { formatReference, referenceInSubject } from '../core/handoff/reference.ts';
import type { ParsedMessage } from '../core/message.ts';
import { detectAutomatic } from '../core/reply/automatic.ts';
import { readReply } from '../core/reply/read-reply.ts';
import { stripReply } from '../core/reply/strip.ts';
import { verifyReplyToken } from '../core/reply-token.ts';
import { applyReply, relayAnswer } from './apply-reply.ts';
import { askForMissingFields, openHandoff } from './create-handoff.ts';
import { deliverOutbox } from './deliver-outbox.ts';
import type { Deps } from './ports.ts';
import type { HandlerResult } from './receive-email.ts';
import { sendRefusal } from './send-refusal.ts';

export type ReplyMatch =
  | { ok: true; handoff: HandoffRow; via: 'token' | 'thread' | 'subject' }
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
  | { kind: 'thread'; handoff: HandoffRow }
  | { kind: 'subject' };

export async function matchReply(deps: Deps, message: ParsedMessage, via: ReplyVia): Promise<ReplyMatch> {
  if (via.kind === 'thread') return { ok: true, handoff: via.handoff, via: 'thread' };
  if (via.kind === 'reply' || via.kind === 'bounce') {
    const check = verifyReplyToken(via.token, deps.secrets, deps.clock.now());
    if (!check.ok)
      return { ok: false, code: 'token-invalid', detail: `reply address refused (${check.code})` };
    const handoff = await findHandoffByNumber(deps.db, check.claims.handoffNumber);
    return handoff
      ? { ok: true, handoff, via: 'token' }
      : { ok: false, code: 'no-handoff', detail: 'the handoff this address names no longer exists' };
  }
  const number = referenceInSubject(message.subject);
  const bySubject = number !== null ? await findHandoffByNumber(deps.db, number) : null;
  return bySubject
    ? { ok: true, handoff: bySubject, via: 'subject' }
    : { ok: false, code: 'no-handoff', detail: 'no handoff matches this reply' };
}

/** Members who may act on a handoff by reply: its giver, its receiver, and anyone it was escalated to. */
export async function mayAct(deps: Deps, handoff: HandoffRow, sender: Member): Promise<boolean> {
  if (sender.email === handoff.giver_email || sender.email === handoff.receiver_email) return true;
  const escalated = await deps.db
    .selectFrom('deadlines')
    .select('id')
    .where('handoff_id', '=', handoff.id)
    .where('kind', '=', 'escalation')
    .where('status', '=', 'fired')
    .where('recipient', '=', sender.email)
    .executeTakeFirst();
  return Boolean(escalated);
}

/** A reply to one of Baton's emails: completes a draft, or acts on an open handoff. */
export async function handleReplyEmail(
  deps: Deps,
  message: ParsedMessage,
  via: ReplyVia,
  inboundId: number,
): Promise<HandlerResult> {
  const { directory } = deps.config;
  const automatic = detectAutomatic(message);
  const match = await matchReply(deps, message, via);
  const sender = message.from ? findMember(directory, message.from.address) : null;
  if (!match.ok) {
    deps.log.warn('reply not matched', { inboundId, code: match.code });
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
  const receiver = findMember(directory, handoff.receiver_email ?? '');
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
    return { outcome: await applyReply(deps, { ...context, sender: receiver }), handoffId: handoff.id };
  }
  if (!sender || !(await mayAct(deps, handoff, sender))) {
    deps.log.warn('reply from someone not allowed to act on the handoff', {
      inboundId,
      handoffId: handoff.id,
    });
    return { outcome: 'refused-not-allowed', handoffId: handoff.id };
  }
  if (handoff.state === 'draft') {
    if (sender.email !== handoff.giver_email || automatic)
      return { outcome: 'ignored-draft', handoffId: handoff.id };
    return completeDraft(deps, message, handoff, inboundId);
  }
  if (sender.email === handoff.giver_email && sender.email !== handoff.receiver_email) {
    if (automatic) return { outcome: 'ignored-automatic', handoffId: handoff.id };
    return {
      outcome: await relayAnswer(deps, { ...context, sender, text: reading.text }),
      handoffId: handoff.id,
    };
  }
  return { outcome: await applyReply(deps, { ...context, sender }), handoffId: handoff.id };
}

/** The giver's answer to a missing-fields email: merge the new fields, then open or ask again. */
async function completeDraft(
  deps: Deps,
  message: ParsedMessage,
  draft: HandoffRow,
  inboundId: number,
): Promise<HandlerResult> {
  const playbook = deps.config.playbooks.find((p) => p.id === draft.playbook_id);
  const giver = findMember(deps.config.directory, draft.giver_email);
  if (!playbook || !giver) throw new Error(`handoff ${draft.id}: playbook or giver left the config`);
  // Only the giver's new words count: quoted history holds Baton's own empty fill-in block.
  const stripped = stripReply({ text: message.text, htmlText: message.htmlText });
  const text = stripped.quotedOnly ? '' : stripped.text;
  const reading = readFields(text, playbook);
  const outboxIds: string[] = [];
  const handoff = await deps.db.transaction().execute(async (trx) => {
    const locked = await lockHandoff(trx, draft.id);
    if (locked?.state !== 'draft') return locked;
    const values = { ...locked.fields, ...reading.values };
    const missing = playbook.fields.filter((f) => f.required && !values[f.key]?.trim()).map((f) => f.key);
    const now = deps.clock.now();
    const updated = await updateHandoff(trx, locked.id, {
      fields: JSON.stringify(values),
      missing_fields: JSON.stringify(missing),
      updated_at: now,
      thread_message_ids: message.messageId
        ? [...locked.thread_message_ids, message.messageId]
        : locked.thread_message_ids,
    });
    await appendEvent(trx, {
      handoffId: locked.id,
      at: now,
      actor: giver.email,
      kind: 'fields-added',
      inboundMessageId: inboundId,
      data: { fields: Object.keys(reading.values), stillMissing: missing },
    });
    if (missing.length > 0) {
      outboxIds.push(await askForMissingFields(trx, deps, updated, playbook, giver, inboundId));
      return updated;
    }
    return openHandoff(trx, deps, updated, playbook, inboundId, outboxIds);
  });
  await deliverOutbox(deps, outboxIds);
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
