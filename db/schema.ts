import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

type Timestamp = ColumnType<Date, Date, Date>;
type Json<T> = ColumnType<T, string, string>;

export interface InboundMessagesTable {
  id: Generated<number>;
  dedupe_key: string;
  source: string;
  envelope_from: string | null;
  envelope_to: ColumnType<string[], string[] | undefined, string[]>;
  raw: Uint8Array;
  received_at: Timestamp;
  status: ColumnType<string, string | undefined, string>;
  outcome: string | null;
  error_kind: string | null;
  error_message: string | null;
  attempts: ColumnType<number, number | undefined, number>;
  processed_at: Timestamp | null;
  handoff_id: string | null;
  sender: string | null;
  subject: string | null;
  client_address: string | null;
  helo: string | null;
  /** The sender authentication verdict (core's SenderAuthentication), once checked. */
  authentication: ColumnType<unknown, string | null | undefined, string | null>;
  /** Until when the process that claimed the message for processing holds it. */
  lease_until: Timestamp | null;
}

export interface HandoffsTable {
  id: Generated<string>;
  number: Generated<number>;
  playbook_id: string;
  state: string;
  giver_email: string;
  receiver_email: string | null;
  receiver_team: string | null;
  fields: Json<Record<string, string>>;
  missing_fields: Json<string[]>;
  note: string | null;
  forwarded: Json<StoredForwarded | null> | null;
  attachments: ColumnType<StoredAttachment[], string | undefined, string>;
  score: number | null;
  light: ColumnType<boolean, boolean | undefined, boolean>;
  trigger_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  opened_at: Timestamp | null;
  ack_deadline: Timestamp | null;
  ack_deadline_explanation: string | null;
  acknowledged_at: Timestamp | null;
  ack_business_ms: ColumnType<number | null, number | null | undefined, number | null>;
  action: string | null;
  due_at: Timestamp | null;
  due_explanation: string | null;
  closed_at: Timestamp | null;
  escalation_level: ColumnType<number, number | undefined, number>;
  thread_message_ids: ColumnType<string[], string[] | undefined, string[]>;
  source_inbound_id: number | null;
  idempotency_key: string | null;
  idempotency_fingerprint: string | null;
}

export interface StoredForwarded {
  from: { address: string; name: string } | null;
  date: string | null;
  subject: string | null;
  body: string;
}

/** A file attached to a handoff's email: its bytes stay in inbound_messages.raw. */
export interface StoredAttachment {
  inboundId: number;
  partId: string;
  checksum: string;
  filename: string;
  contentType: string;
  size: number;
}

export interface HandoffEventsTable {
  id: Generated<number>;
  handoff_id: string;
  at: Timestamp;
  actor: string;
  kind: string;
  inbound_message_id: number | null;
  outbound_message_id: string | null;
  data: Json<Record<string, unknown>>;
}

export interface DeadlinesTable {
  id: Generated<number>;
  handoff_id: string;
  kind: string;
  level: ColumnType<number, number | undefined, number>;
  due_at: Timestamp;
  explanation: string;
  status: ColumnType<string, string | undefined, string>;
  created_at: Timestamp;
  settled_at: Timestamp | null;
  recipient: string | null;
  outbound_message_id: string | null;
}

export interface OutboundMessagesTable {
  id: ColumnType<string, string, never>;
  handoff_id: string | null;
  kind: string;
  from_address: string;
  to_addresses: string[];
  reply_to: string | null;
  subject: string | null;
  html: string | null;
  text: string | null;
  /** The template's props when the email is rendered at delivery (clock-driven notices). */
  props: Json<Record<string, unknown> | null> | null;
  message_id: string;
  in_reply_to: string | null;
  references: string[];
  headers: Json<Record<string, string>>;
  status: ColumnType<string, string | undefined, string>;
  attempts: ColumnType<number, number | undefined, number>;
  created_at: Timestamp;
  send_after: Timestamp;
  lease_until: Timestamp | null;
  sent_at: Timestamp | null;
  provider_id: string | null;
  last_error: string | null;
  /** Files the email carries or links, re-extracted from stored inbound mail when it is sent. */
  attachments: ColumnType<StoredAttachment[], string | undefined, string>;
}

export interface SignInLinksTable {
  token_hash: string;
  email: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: Timestamp | null;
}

export interface SessionsTable {
  token_hash: string;
  email: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  last_seen_at: Timestamp;
}

export interface WeeklyDigestsTable {
  manager_email: string;
  week: string;
  claimed_at: Timestamp;
  outbound_message_id: string | null;
}

/** One row per handoff with what the metrics count, kept by triggers (migration 2026-12-17T09-00-metric-facts). */
export interface HandoffMetricFactsTable {
  handoff_id: string;
  created_at: Timestamp;
  week: string;
  playbook_id: string;
  giver_email: string;
  receiver_email: string;
  state: string;
  light: boolean;
  opened: boolean;
  acknowledged_at: Timestamp | null;
  ack_wall_s: number | null;
  ack_business_s: number | null;
  open_after_trigger_ms: number | null;
  due_after_start_ms: number | null;
  first_lapsed_at: Timestamp | null;
  leaked: Generated<boolean>;
  follow_through_lapsed: boolean;
  declined: boolean;
  questioned: boolean;
  vague: boolean;
  replied: boolean;
  missing_fields: string[];
  asked_fields: string[];
  decline_reasons: string[];
}

/** A webhook delivery taken, by the provider's delivery id (Resend: svix-id). */
export interface WebhookDeliveriesTable {
  provider: string;
  delivery_id: string;
  inbound_message_id: number | null;
  received_at: Timestamp;
  replays: ColumnType<number, number | undefined, number>;
  last_replayed_at: Timestamp | null;
}

export interface DB {
  inbound_messages: InboundMessagesTable;
  handoffs: HandoffsTable;
  handoff_events: HandoffEventsTable;
  handoff_metric_facts: HandoffMetricFactsTable;
  deadlines: DeadlinesTable;
  outbound_messages: OutboundMessagesTable;
  sign_in_links: SignInLinksTable;
  sessions: SessionsTable;
  weekly_digests: WeeklyDigestsTable;
  webhook_deliveries: WebhookDeliveriesTable;
}

export type HandoffRow = Selectable<HandoffsTable>;
export type NewHandoff = Insertable<HandoffsTable>;
export type HandoffUpdate = Updateable<HandoffsTable>;
export type InboundRow = Selectable<InboundMessagesTable>;
export type OutboundRow = Selectable<OutboundMessagesTable>;
export type NewOutbound = Insertable<OutboundMessagesTable>;
export type EventRow = Selectable<HandoffEventsTable>;
export type DeadlineRow = Selectable<DeadlinesTable>;
