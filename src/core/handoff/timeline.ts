import { describeAuthentication, NOT_CHECKED, type SenderAuthentication } from '../sender-authentication.ts';
import type { HandoffEvent } from './handoff.ts';

/** One line per timeline event, as a person would tell it: escalation emails show the history. */
export function describeEvent(kind: string, actor: string, data: Record<string, unknown>): string {
  const s = (key: string) => (typeof data[key] === 'string' ? (data[key] as string) : '');
  switch (kind) {
    case 'created':
      return `${actor} handed it off`;
    case 'fields-requested':
      return 'Baton asked the giver for missing fields';
    case 'fields-added':
      return `${actor} added the missing fields`;
    case 'opened':
      return `sent to ${s('receiver')}; acknowledgment due (${s('explanation')})`;
    case 'window-lapsed':
      return 'the acknowledgment window lapsed with no specific reply';
    case 'reminded':
      return `reminded ${s('recipient')}`;
    case 'escalated':
      return `escalated to ${s('recipient')} (level ${String(data.level ?? '')})`;
    case 'acknowledged':
      return `${actor} committed: “${s('action')}”`;
    case 'rescheduled':
      return `${actor} changed the plan: “${s('action')}”`;
    case 'confirmation-asked':
      return `${actor} was asked to confirm the step Baton understood: “${s('action')}”`;
    case 'vague-reply':
      return `${actor} replied without a specific next step: “${s('text').slice(0, 120)}”`;
    case 'declined':
      return `${actor} declined${s('reason') ? `: ${s('reason')}` : ''}`;
    case 'reassigned':
      return `${actor} reassigned it from ${s('from')} to ${s('to')}`;
    case 'question-relayed':
      return `${actor} asked: “${s('question').slice(0, 120)}”`;
    case 'answer-relayed':
      return `${actor} answered the question`;
    case 'auto-reply':
      return `automatic reply from the receiver${s('returnDate') ? ` (back ${s('returnDate')})` : ''}`;
    case 'undeliverable':
      return `the receiver’s address bounced${s('diagnostic') ? `: ${s('diagnostic').slice(0, 120)}` : ''}`;
    case 'follow-through-asked':
      return `asked ${s('recipient')} whether the promised step happened`;
    case 'follow-through-lapsed':
      return 'no answer to the follow-through question: the chain re-opened';
    case 'done':
      return `${actor} marked it done`;
    case 'cancelled':
      return `${actor} cancelled it`;
    case 'message-not-acted-on':
      return `a message from ${actor} was not acted on (${s('outcome')})`;
    default:
      return kind.replace(/-/g, ' ');
  }
}

/** A stored inbound message that touched a handoff, with the verdict on its sender. */
export interface TouchingMessage {
  id: number;
  receivedAt: Date;
  sender: string | null;
  outcome: string | null;
  authentication: SenderAuthentication | null;
}

export interface TimelineEntry extends HandoffEvent {
  /** For an entry caused by an inbound message: whether its sender was authenticated, and why. */
  authentication: { verdict: SenderAuthentication['verdict']; reason: string; summary: string } | null;
}

function verdictOf(message: TouchingMessage | undefined): TimelineEntry['authentication'] {
  if (!message) return null;
  const auth = message.authentication ?? NOT_CHECKED;
  return { verdict: auth.verdict, reason: auth.reason, summary: describeAuthentication(auth) };
}

/**
 * A handoff's timeline: its events, each with the authentication verdict of the message that caused
 * it, and the messages that named the handoff but changed nothing (a forged reply, say) as entries of
 * their own, in time order.
 */
export function mergeInboundIntoTimeline(
  events: readonly HandoffEvent[],
  messages: readonly TouchingMessage[],
): TimelineEntry[] {
  const byId = new Map(messages.map((m) => [m.id, m]));
  const cited = new Set(events.map((e) => e.inboundMessageId));
  const entries: TimelineEntry[] = events.map((e) => ({
    ...e,
    authentication: e.inboundMessageId === null ? null : verdictOf(byId.get(e.inboundMessageId)),
  }));
  for (const m of messages) {
    if (cited.has(m.id)) continue;
    const entry: TimelineEntry = {
      at: m.receivedAt,
      actor: m.sender ?? 'unknown sender',
      kind: 'message-not-acted-on',
      inboundMessageId: m.id,
      outboundMessageId: null,
      data: { outcome: m.outcome },
      authentication: verdictOf(m),
    };
    // The events keep their own order; a message goes in before the first event that came after it.
    const later = entries.findIndex((e) => e.at.getTime() > m.receivedAt.getTime());
    entries.splice(later < 0 ? entries.length : later, 0, entry);
  }
  return entries;
}
