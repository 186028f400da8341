import type { ClaimedEmail, Deps, OutboundEmail, RenderedEmail } from './ports.ts';
import { type CarriedAttachments, carryAttachments } from './steps/carry-attachments.ts';

const LEASE_MS = 60_000;
const MAX_ATTEMPTS = 8;

export interface DeliveryReport {
  sent: number;
  retrying: number;
  failed: number;
}

function toEmail(
  row: ClaimedEmail,
  rendered: RenderedEmail,
  files: CarriedAttachments['files'],
): OutboundEmail {
  const headers = { ...row.headers };
  const returnPath = headers['X-Baton-Return-Path'] ?? null;
  delete headers['X-Baton-Return-Path'];
  return {
    id: row.id,
    from: row.from,
    to: row.to,
    replyTo: row.replyTo,
    ...rendered,
    messageId: row.messageId,
    inReplyTo: row.inReplyTo,
    references: row.references,
    headers,
    returnPath,
    ...(files.length > 0 ? { attachments: files } : {}),
  };
}

/**
 * The row's subject and bodies, rendering (and storing) them first when it still holds props. A row
 * with attachments is rendered at each attempt: what it says about them depends on what could be
 * read back this time.
 */
async function render(
  deps: Deps,
  row: ClaimedEmail,
  carried: CarriedAttachments | null,
): Promise<RenderedEmail | null> {
  if (row.rendered && !(carried && row.props)) return row.rendered;
  const { outbox } = deps.store;
  try {
    const props = carried ? { ...row.props, attachments: carried.lines } : (row.props ?? {});
    const email = await deps.render(row.kind, props);
    await outbox.storeRendering(row.id, email);
    return email;
  } catch (error) {
    // A template that cannot render is a bug: retrying would fail the same way.
    const message = `render failed: ${(error as Error).message}`;
    await outbox.markFailed(row.id, message, null);
    deps.log.error('email could not be rendered', { outboxId: row.id, kind: row.kind, error: message });
    return null;
  }
}

/**
 * Renders and sends committed outbox rows (all due ones, or just `ids`). At-least-once: a row is
 * claimed with a lease, sent with its id as idempotency key, then marked; a crash between send and
 * mark resends with the same key, which the provider (or the mailbox file name) deduplicates.
 */
export async function deliverOutbox(
  deps: Deps,
  ids?: readonly string[],
  limit = 100,
): Promise<DeliveryReport> {
  const report: DeliveryReport = { sent: 0, retrying: 0, failed: 0 };
  if (ids && ids.length === 0) return report;
  const { outbox } = deps.store;
  const now = deps.clock.now();
  const rows = await outbox.claim({ now, leaseMs: deps.leaseMs ?? LEASE_MS, limit, ...(ids ? { ids } : {}) });
  for (const row of rows) {
    const carried = row.attachments?.length
      ? await carryAttachments(deps, { ...row, attachments: row.attachments })
      : null;
    const rendered = await render(deps, row, carried);
    if (!rendered) {
      report.failed++;
      continue;
    }
    const result = await deps.mailer.send(toEmail(row, rendered, carried?.files ?? []));
    const at = deps.clock.now();
    if (result.ok) {
      await outbox.markSent(row.id, at, result.providerId);
      report.sent++;
    } else if (result.retryable && row.attempts < MAX_ATTEMPTS) {
      const backoffMs = Math.min(3_600_000, 30_000 * 2 ** (row.attempts - 1));
      await outbox.markFailed(row.id, result.error, new Date(at.getTime() + backoffMs));
      deps.log.warn('send failed, will retry', { outboxId: row.id, kind: row.kind, error: result.error });
      report.retrying++;
    } else {
      await outbox.markFailed(row.id, result.error, null);
      deps.log.error('send failed permanently', { outboxId: row.id, kind: row.kind, error: result.error });
      report.failed++;
    }
  }
  return report;
}
