/** Every email Baton sends, by kind: one React Email template each (emails/index.ts implements them all). */
export const EMAIL_KINDS = [
  'handoff-request',
  'handoff-receipt',
  'missing-fields',
  'unknown-receiver',
  'unknown-sender',
  'acknowledged',
  'ask-specific',
  'confirm-step',
  'declined',
  'reassigned',
  'question-relay',
  'answer-relay',
  'done',
  'auto-reply-noted',
  'undeliverable',
  'refusal',
  'reminder',
  'escalation',
  'follow-through',
  'notice-digest',
  'light-digest',
  'prospect-intro',
  'noted',
  'cancelled',
  'sign-in-link',
  'weekly-digest',
] as const;

export type EmailKind = (typeof EMAIL_KINDS)[number];

/** Kinds that list several handoffs: a reply to one must name the handoff it is about. */
export const LISTS_SEVERAL_HANDOFFS: readonly EmailKind[] = ['notice-digest', 'weekly-digest'];
