import type { Route } from '../core/addresses.ts';
import { findMember } from '../core/directory.ts';
import { attachmentsOf } from '../core/handoff/attachments.ts';
import { type FieldReading, readFields } from '../core/handoff/fields.ts';
import type { ForwardedEmail } from '../core/handoff/handoff.ts';
import type { Playbook } from '../core/handoff/playbook.ts';
import type { ParsedMessage } from '../core/message.ts';
import { chooseReceiver } from '../core/receiver.ts';
import { detectAutomatic } from '../core/reply/automatic.ts';
import { type ForwardedEmail as ForwardedBlock, forwardOf } from '../core/reply/forwarded.ts';
import { stripReply } from '../core/reply/strip.ts';
import { formatLocalDate } from '../core/time/business-time.ts';
import { readDateText } from '../core/time/date-text.ts';
import { createHandoff, pickPlaybook } from './hand-off.ts';
import type { Deps, HandlerResult } from './ports.ts';
import { sendRefusal } from './steps/send-refusal.ts';

/** The forwarded lead's own email, shown to the receiver: enough to read, never the whole thread. */
const FORWARDED_CONTEXT_CHARS = 2_000;

/**
 * A new handoff by email: identify the giver, pick the playbook and the receiver, read the
 * fields (and a forwarded lead email), then create the handoff or answer why not.
 */
export async function handleNewHandoffEmail(
  deps: Deps,
  message: ParsedMessage,
  route: Extract<Route, { kind: 'new-handoff' | 'team' }>,
  inboundId: number,
): Promise<HandlerResult> {
  const { config } = deps;
  const sender = message.from?.address ?? null;
  // Mail from robots never starts a handoff and is never answered: that is how loops start.
  if (detectAutomatic(message)) {
    deps.log.info('automatic message to a handoff address ignored', { inboundId });
    return { outcome: 'ignored-automatic', handoffId: null };
  }
  const giver = sender ? findMember(config.directory, sender) : null;
  if (!giver) {
    deps.log.warn('handoff from a non-member refused', { inboundId });
    if (sender)
      await sendRefusal(deps, {
        to: { email: sender, name: message.from?.name ?? '' },
        kind: 'unknown-sender',
        props: { senderEmail: sender, mailDomain: config.mailDomain },
        inReplyTo: message.messageId,
      });
    return { outcome: 'refused-unknown-sender', handoffId: null };
  }
  const playbook = pickPlaybook(deps, route.kind === 'new-handoff' ? route.playbookId : null, giver);
  if (!playbook) return { outcome: 'refused-unknown-playbook', handoffId: null };

  const forwarded = forwardOf(message);
  // Fields come from the giver's own new words, never from quoted history (a Reply-All quotes the
  // `Lead:` lines of the email it answers).
  const own = forwarded ? forwarded.before : newText(message);
  const reading = readFields(own, playbook);
  const forwardedAt = readDateText(forwarded?.date ?? null, giver.schedule.timeZone, forwarded?.languages);
  const { values, note } = forwarded
    ? fillFromForward(reading, forwarded, forwardedAt, playbook, giver.schedule.timeZone)
    : { values: { ...reading.values }, note: reading.note };

  const receiver = chooseReceiver(config.directory, {
    to: message.to,
    cc: message.cc,
    teamAddress: route.kind === 'team' ? route.teamId : null,
    receiverLine: reading.receiver,
    giverEmail: giver.email,
    mailDomain: config.mailDomain,
    playbookDefault: playbook.defaultReceiver,
  });
  if (!receiver.ok) {
    await sendRefusal(deps, {
      to: giver,
      kind: 'unknown-receiver',
      props: {
        giverName: giver.name,
        attempted: receiver.attempted,
        known: [
          ...config.directory.members
            .filter((m) => m.email !== giver.email)
            .map((m) => ({ name: m.name, email: m.email, kind: 'member' as const })),
          ...config.directory.teams.map((t) => ({
            name: t.name,
            email: `team:${t.id}`,
            kind: 'team' as const,
          })),
        ],
      },
      inReplyTo: message.messageId,
    });
    return { outcome: 'refused-unknown-receiver', handoffId: null };
  }

  const stored: ForwardedEmail | null = forwarded
    ? {
        from: forwarded.from,
        date: forwarded.date,
        subject: forwarded.subject,
        body: stripReply({ text: forwarded.body, htmlText: null }).text.slice(0, FORWARDED_CONTEXT_CHARS),
      }
    : null;
  const score = reading.score !== null ? Number.parseFloat(reading.score) : Number.NaN;
  const result = await createHandoff(
    deps,
    {
      playbookId: playbook.id,
      giverEmail: giver.email,
      recipient: receiver.recipient,
      values,
      note,
      forwarded: stored,
      attachments: attachmentsOf(message.parts, inboundId),
      score: Number.isFinite(score) ? score : null,
      triggerAt: readDateText(reading.triggerDate, giver.schedule.timeZone) ?? forwardedAt,
      sourceInboundId: inboundId,
      giverMessageId: message.messageId,
      idempotency: null,
    },
    'draft',
  );
  if (!result.ok) return { outcome: `refused-${result.code}`, handoffId: null };
  return {
    outcome: result.handoff.state === 'draft' ? 'draft-missing-fields' : 'handoff-opened',
    handoffId: result.handoff.id,
  };
}

function newText(message: ParsedMessage): string {
  const stripped = stripReply({ text: message.text, htmlText: message.htmlText });
  return stripped.quotedOnly ? '' : stripped.text;
}

/**
 * A forward alone is a handoff: the forwarded email names the lead (its sender), its date and
 * subject are the trigger ("emailed on Tue 1 Dec 2026: Pricing for 300 seats"), and the giver's
 * note above it is the summary. Fields the giver wrote always win; what neither gives is asked for.
 */
function fillFromForward(
  reading: FieldReading,
  forwarded: ForwardedBlock,
  forwardedAt: Date | null,
  playbook: Playbook,
  timeZone: string,
): { values: Record<string, string>; note: string | null } {
  const values = { ...reading.values };
  let note = reading.note;
  const has = (key: string) => playbook.fields.some((f) => f.key === key) && !values[key];
  // A forward that shows a name but no address names nobody Baton can write to: the giver is asked.
  if (has('lead') && forwarded.from?.address)
    values.lead = forwarded.from.name
      ? `${forwarded.from.name} <${forwarded.from.address}>`
      : forwarded.from.address;
  if (has('trigger') && (forwarded.subject || forwardedAt)) {
    const when = forwardedAt ? ` on ${formatLocalDate(forwardedAt, timeZone)}` : '';
    values.trigger = `emailed${when}${forwarded.subject ? `: ${forwarded.subject}` : ''}`;
  }
  if (has('summary') && note) {
    values.summary = note;
    note = null;
  }
  return { values, note };
}
