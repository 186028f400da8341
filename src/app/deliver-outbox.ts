import type { OutboundRow } from '../../db/schema.ts';
import { claimOutbound, markFailed, markSent, storeRendering } from '../adapters/db/outbox.ts';
import type { Deps, OutboundEmail } from './ports.ts';

const LEASE_MS = 60_000;
const MAX_ATTEMPTS = 8;

export interface DeliveryReport {
  sent: number;
  retrying: number;
  failed: number;
}

function toEmail(row: OutboundRow & { subject: string; html: string; text: string }): OutboundEmail {
  const headers = { ...row.headers };
  const returnPath = headers['X-Baton-Return-Path'] ?? null;
  delete headers['X-Baton-Return-Path'];
  return {
    id: row.id,
    from: row.from_address,
    to: row.to_addresses,
    replyTo: row.reply_to,
    subject: row.subject,
    html: row.html,
    text: row.text,
    messageId: row.message_id,
    inReplyTo: row.in_reply_to,
    references: row.references,
    headers,
    returnPath,
  };
}

/** The row with its subject and bodies, rendering (and storing) them first when it was queued with props. */
async function rendered(deps: Deps, row: OutboundRow) {
  if (row.subject !== null && row.html !== null && row.text !== null)
    return { ...row, subject: row.subject, html: row.html, text: row.text };
  try {
    const email = await deps.render(row.kind, row.props ?? {});
    await storeRendering(deps.db, row.id, email);
    return { ...row, ...email };
  } catch (error) {
    // A template that cannot render is a bug: retrying would fail the same way.
    const message = `render failed: ${(error as Error).message}`;
    await markFailed(deps.db, row.id, message, null);
    deps.log.error('email could not be rendered', { outboxId: row.id, kind: row.kind, error: message });
    return null;
  }
}

/**
 * Sends committed outbox rows (all due ones, or just `ids`). At-least-once: a row is claimed
 * with a lease, sent with its id as idempotency key, then marked; a crash between send and mark
 * resends with the same key, which the provider (or the mailbox file name) deduplicates.
 */
export async function deliverOutbox(
  deps: Deps,
  ids?: readonly string[],
  limit = 100,
): Promise<DeliveryReport> {
  const report: DeliveryReport = { sent: 0, retrying: 0, failed: 0 };
  if (ids && ids.length === 0) return report;
  const now = deps.clock.now();
  const rows = await claimOutbound(deps.db, { now, leaseMs: LEASE_MS, limit, ...(ids ? { ids } : {}) });
  for (const claimed of rows) {
    const row = await rendered(deps, claimed);
    if (!row) {
      report.failed++;
      continue;
    }
    const result = await deps.mailer.send(toEmail(row));
    const at = deps.clock.now();
    if (result.ok) {
      await markSent(deps.db, row.id, at, result.providerId);
      report.sent++;
    } else if (result.retryable && row.attempts < MAX_ATTEMPTS) {
      const backoffMs = Math.min(3_600_000, 30_000 * 2 ** (row.attempts - 1));
      await markFailed(deps.db, row.id, result.error, new Date(at.getTime() + backoffMs));
      deps.log.warn('send failed, will retry', { outboxId: row.id, kind: row.kind, error: result.error });
      report.retrying++;
    } else {
      await markFailed(deps.db, row.id, result.error, null);
      deps.log.error('send failed permanently', { outboxId: row.id, kind: row.kind, error: result.error });
      report.failed++;
    }
  }
  return report;
}
