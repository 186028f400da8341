// The mailer port belongs to the use cases; the mail-out adapters implement it.
export type { Mailer, OutboundEmail, SendResult } from '../../app/ports.ts';
