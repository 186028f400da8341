import type { Database } from '../adapters/db/connect.ts';
import type { Config } from '../config/schema.ts';

/** One rendered outbound email, as the outbox stores it and a mailer transports it. */
export interface OutboundEmail {
  id: string;
  from: string;
  to: string[];
  cc?: string[];
  replyTo: string | null;
  subject: string;
  html: string;
  text: string;
  messageId: string;
  inReplyTo: string | null;
  references: string[];
  headers: Record<string, string>;
  returnPath?: string | null;
}

export type SendResult =
  | { ok: true; providerId: string | null }
  | { ok: false; retryable: boolean; error: string };

export interface Mailer {
  send(email: OutboundEmail): Promise<SendResult>;
}

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

/** Renders one email kind with its props; the mail-out adapter implements it with React Email. */
export type RenderEmail = (kind: string, props: Record<string, unknown>) => Promise<RenderedEmail>;

export interface Clock {
  now(): Date;
}

export interface Log {
  info(message: string, data?: Record<string, unknown>): void;
  warn(message: string, data?: Record<string, unknown>): void;
  error(message: string, data?: Record<string, unknown>): void;
}

/** Everything a use case may touch. Built once on Node, per request on Workers. */
export interface Deps {
  db: Database;
  mailer: Mailer;
  render: RenderEmail;
  clock: Clock;
  log: Log;
  config: Config;
  /** HMAC keys for reply tokens: the first signs, all verify (rotation). */
  secrets: readonly string[];
}
