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
    default:
      return kind.replace(/-/g, ' ');
  }
}
