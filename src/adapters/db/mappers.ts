import type {
  DeadlineRow,
  EventRow,
  HandoffRow,
  HandoffUpdate,
  NewHandoff as NewHandoffRow,
} from '../../../db/schema.ts';
import { EMAIL_KINDS, type EmailKind } from '../../core/email-kind.ts';
import type {
  DeadlineKind,
  DeadlineStatus,
  Handoff,
  HandoffChanges,
  HandoffEvent,
  NewHandoff,
  StoredDeadline,
} from '../../core/handoff/handoff.ts';
import { isHandoffState } from '../../core/handoff/lifecycle.ts';
import type { SenderAuthentication } from '../../core/sender-authentication.ts';

/** A stored row as the domain reads it; a state the code does not know is corrupt data, not a case. */
export function toHandoff(row: HandoffRow): Handoff {
  if (!isHandoffState(row.state)) throw new Error(`handoff ${row.id}: unknown state '${row.state}'`);
  return {
    id: row.id,
    number: row.number,
    playbookId: row.playbook_id,
    state: row.state,
    giverEmail: row.giver_email,
    receiverEmail: row.receiver_email,
    receiverTeam: row.receiver_team,
    fields: row.fields,
    missingFields: row.missing_fields,
    note: row.note,
    forwarded: row.forwarded,
    attachments: row.attachments,
    score: row.score,
    light: row.light,
    triggerAt: row.trigger_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    openedAt: row.opened_at,
    ackDeadline: row.ack_deadline,
    ackDeadlineExplanation: row.ack_deadline_explanation,
    acknowledgedAt: row.acknowledged_at,
    ackBusinessMs: row.ack_business_ms,
    action: row.action,
    dueAt: row.due_at,
    dueExplanation: row.due_explanation,
    closedAt: row.closed_at,
    escalationLevel: row.escalation_level,
    threadMessageIds: row.thread_message_ids,
    sourceInboundId: row.source_inbound_id,
    idempotencyKey: row.idempotency_key,
    idempotencyFingerprint: row.idempotency_fingerprint,
  };
}

export function toNewHandoffRow(h: NewHandoff): NewHandoffRow {
  return {
    playbook_id: h.playbookId,
    state: h.state,
    giver_email: h.giverEmail,
    receiver_email: h.receiverEmail,
    receiver_team: h.receiverTeam,
    fields: JSON.stringify(h.fields),
    missing_fields: JSON.stringify(h.missingFields),
    note: h.note,
    forwarded: h.forwarded ? JSON.stringify(h.forwarded) : null,
    attachments: JSON.stringify(h.attachments),
    score: h.score,
    trigger_at: h.triggerAt,
    created_at: h.createdAt,
    updated_at: h.updatedAt,
    thread_message_ids: h.threadMessageIds,
    source_inbound_id: h.sourceInboundId,
    idempotency_key: h.idempotencyKey,
    idempotency_fingerprint: h.idempotencyFingerprint,
  };
}

const COLUMNS = {
  playbookId: 'playbook_id',
  state: 'state',
  giverEmail: 'giver_email',
  receiverEmail: 'receiver_email',
  receiverTeam: 'receiver_team',
  fields: 'fields',
  missingFields: 'missing_fields',
  note: 'note',
  forwarded: 'forwarded',
  attachments: 'attachments',
  score: 'score',
  light: 'light',
  triggerAt: 'trigger_at',
  updatedAt: 'updated_at',
  openedAt: 'opened_at',
  ackDeadline: 'ack_deadline',
  ackDeadlineExplanation: 'ack_deadline_explanation',
  acknowledgedAt: 'acknowledged_at',
  ackBusinessMs: 'ack_business_ms',
  action: 'action',
  dueAt: 'due_at',
  dueExplanation: 'due_explanation',
  closedAt: 'closed_at',
  escalationLevel: 'escalation_level',
  threadMessageIds: 'thread_message_ids',
  sourceInboundId: 'source_inbound_id',
} as const satisfies Record<keyof HandoffChanges, keyof HandoffUpdate>;

const JSON_COLUMNS: ReadonlySet<keyof HandoffChanges> = new Set([
  'fields',
  'missingFields',
  'forwarded',
  'attachments',
]);

/** The columns a change sets; JSON columns serialised as the driver expects. */
export function toHandoffUpdate(changes: HandoffChanges): HandoffUpdate {
  const update: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(changes) as [keyof HandoffChanges, unknown][]) {
    if (value === undefined) continue;
    update[COLUMNS[key]] = JSON_COLUMNS.has(key) && value !== null ? JSON.stringify(value) : value;
  }
  return update as HandoffUpdate;
}

const DEADLINE_KINDS: readonly DeadlineKind[] = [
  'ack',
  'reminder',
  'escalation',
  'follow-through',
  'follow-through-lapse',
  'light-digest',
];
const DEADLINE_STATUSES: readonly DeadlineStatus[] = ['pending', 'fired', 'met', 'cancelled', 'skipped'];

export function toEvent(row: EventRow): HandoffEvent {
  return {
    at: row.at,
    actor: row.actor,
    kind: row.kind,
    inboundMessageId: row.inbound_message_id,
    outboundMessageId: row.outbound_message_id,
    data: row.data,
  };
}

/** An outbox row's kind; one the code no longer knows is corrupt data. */
export function toEmailKind(kind: string): EmailKind {
  const known = EMAIL_KINDS.find((k) => k === kind);
  if (!known) throw new Error(`outbox: unknown email kind '${kind}'`);
  return known;
}

export function toDeadline(row: DeadlineRow): StoredDeadline {
  const kind = DEADLINE_KINDS.find((k) => k === row.kind);
  const status = DEADLINE_STATUSES.find((s) => s === row.status);
  if (!kind || !status)
    throw new Error(`deadline ${row.id}: unknown kind or status '${row.kind}/${row.status}'`);
  return {
    id: row.id,
    handoffId: row.handoff_id,
    kind,
    level: row.level,
    dueAt: row.due_at,
    explanation: row.explanation,
    status,
    recipient: row.recipient,
  };
}

const VERDICTS: readonly string[] = ['pass', 'fail', 'temperror', 'not-checked'];

/** A stored verdict (jsonb): believed only with a known verdict and a reason, else treated as never checked. */
export function toAuthentication(value: unknown): SenderAuthentication | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Partial<SenderAuthentication>;
  if (typeof v.verdict !== 'string' || !VERDICTS.includes(v.verdict) || typeof v.reason !== 'string')
    return null;
  return {
    verdict: v.verdict,
    method: v.method ?? 'checked',
    fromDomain: v.fromDomain ?? null,
    dmarc: v.dmarc ?? null,
    policy: v.policy ?? null,
    dkim: Array.isArray(v.dkim) ? v.dkim : [],
    spf: v.spf ?? null,
    relay: v.relay ?? null,
    reason: v.reason,
  };
}
