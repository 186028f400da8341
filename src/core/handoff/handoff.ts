import type { NoticeKind } from '../escalation.ts';
import type { Attachment } from './attachments.ts';
import type { HandoffState } from './lifecycle.ts';

/** The forwarded email a handoff came with, kept as context. */
export interface ForwardedEmail {
  from: { address: string; name: string } | null;
  date: string | null;
  subject: string | null;
  body: string;
}

/** One handoff as the domain sees it: a stored row, read through the repository's mapper. */
export interface Handoff {
  id: string;
  /** The number of its `H-n` reference. */
  number: number;
  playbookId: string;
  state: HandoffState;
  giverEmail: string;
  receiverEmail: string | null;
  receiverTeam: string | null;
  fields: Record<string, string>;
  missingFields: string[];
  note: string | null;
  forwarded: ForwardedEmail | null;
  /** Files the giver attached, in the order they came; their bytes stay in the stored inbound mail. */
  attachments: Attachment[];
  score: number | null;
  light: boolean;
  triggerAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  openedAt: Date | null;
  ackDeadline: Date | null;
  ackDeadlineExplanation: string | null;
  acknowledgedAt: Date | null;
  /** Working time of the receiver from opening to acknowledgment, measured when it was acknowledged. */
  ackBusinessMs: number | null;
  action: string | null;
  dueAt: Date | null;
  dueExplanation: string | null;
  closedAt: Date | null;
  escalationLevel: number;
  /** The giver's own Message-IDs: Baton's answers to the giver thread under them. */
  threadMessageIds: string[];
  sourceInboundId: number | null;
  idempotencyKey: string | null;
  /** What identifies the request the key first came with (the API's hash of its body). */
  idempotencyFingerprint: string | null;
}

/** What a new handoff is stored with; the store assigns id, number and the rest. */
export type NewHandoff = Pick<
  Handoff,
  | 'playbookId'
  | 'state'
  | 'giverEmail'
  | 'receiverEmail'
  | 'receiverTeam'
  | 'fields'
  | 'missingFields'
  | 'note'
  | 'forwarded'
  | 'attachments'
  | 'score'
  | 'triggerAt'
  | 'createdAt'
  | 'updatedAt'
  | 'threadMessageIds'
  | 'sourceInboundId'
  | 'idempotencyKey'
  | 'idempotencyFingerprint'
>;

/** The columns a use case may change. */
export type HandoffChanges = Partial<
  Omit<Handoff, 'id' | 'number' | 'createdAt' | 'idempotencyKey' | 'idempotencyFingerprint'>
>;

/** What a stored deadline is for: a notice of the escalation plan, or a light handoff's daily digest. */
export type DeadlineKind = NoticeKind | 'light-digest';

export type DeadlineStatus = 'pending' | 'fired' | 'met' | 'cancelled' | 'skipped';

/** One stored deadline with its one-line explanation. */
export interface StoredDeadline {
  id: number;
  handoffId: string;
  kind: DeadlineKind;
  level: number;
  dueAt: Date;
  explanation: string;
  status: DeadlineStatus;
  recipient: string | null;
}

/** One entry of a handoff's timeline. */
export interface HandoffEvent {
  at: Date;
  actor: string;
  kind: string;
  inboundMessageId: number | null;
  outboundMessageId: string | null;
  data: Record<string, unknown>;
}
