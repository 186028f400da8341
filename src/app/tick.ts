import { replyAddress } from '../core/addresses.ts';
import { findMember } from '../core/directory.ts';
import { decideDeadline, type Notice, recentHistory } from '../core/handoff/decide-deadline.ts';
import { leadSummary } from '../core/handoff/fields.ts';
import type { Handoff, StoredDeadline } from '../core/handoff/handoff.ts';
import { partiesOf } from '../core/handoff/parties.ts';
import { formatReference, SEVERAL_HANDOFFS } from '../core/handoff/reference.ts';
import { formatLocal } from '../core/time/business-time.ts';
import { deliverOutbox } from './deliver-outbox.ts';
import type { Deps, NewEvent, Tx } from './ports.ts';
import { queueWeeklyDigests } from './send-weekly-digests.ts';
import { queueEmail } from './steps/queue-email.ts';
import { storeNotices } from './steps/store-notices.ts';

export interface TickReport {
  fired: number;
  skipped: number;
  emails: number;
  sent: number;
  retrying: number;
  failed: number;
}

/** One notice that is due for one recipient, ready to be written alone or in a digest. */
interface DueNotice extends Notice {
  deadline: StoredDeadline;
  handoff: Handoff;
}

const BATCH = 500;
const DIGEST_ITEMS = 50;

/**
 * What the clock does, once per tick on each runtime: fires due reminders, escalations and
 * follow-through checks exactly once (claims are writes committed with their effects), queues the
 * weekly digests that are due, then renders and sends what the outbox holds.
 */
export async function tick(deps: Deps): Promise<TickReport> {
  const fired = await fireDueNotices(deps);
  // After the notices, so a window lapsing at this tick is counted in the digest.
  fired.outboxIds.push(...(await queueWeeklyDigests(deps)));
  const sent = await deliverOutbox(deps, fired.outboxIds, fired.outboxIds.length);
  // Retries and anything queued earlier that is now sendable.
  const rest = await deliverOutbox(deps);
  return {
    fired: fired.fired,
    skipped: fired.skipped,
    emails: fired.outboxIds.length,
    sent: sent.sent + rest.sent,
    retrying: sent.retrying + rest.retrying,
    failed: sent.failed + rest.failed,
  };
}

/** The committed half of a tick: claims due deadlines and writes their effects and outbox rows. */
export async function fireDueNotices(
  deps: Deps,
): Promise<{ fired: number; skipped: number; outboxIds: string[] }> {
  const { store } = deps;
  const result = { fired: 0, skipped: 0, outboxIds: [] as string[] };
  for (;;) {
    const claimed = await store.transaction(async (tx) => {
      const rows = await store.deadlines.claimDue(tx, deps.clock.now(), BATCH);
      await fire(tx, deps, rows, result);
      return rows.length;
    });
    // Effects may plan notices that are already due (a re-opened chain): claim until nothing is left.
    if (claimed === 0) return result;
  }
}

async function fire(
  tx: Tx,
  deps: Deps,
  deadlines: readonly StoredDeadline[],
  result: { fired: number; skipped: number; outboxIds: string[] },
): Promise<void> {
  const { store, config } = deps;
  const { directory } = config;
  const now = deps.clock.now();
  const due: DueNotice[] = [];
  const events: NewEvent[] = [];
  const held: NewEvent[] = [];
  const levels = new Map<string, number>();
  const skipped: number[] = [];
  const handoffs = await store.handoffs.lockMany(tx, [...new Set(deadlines.map((d) => d.handoffId))]);
  for (const deadline of [...deadlines].sort((a, b) => a.id - b.id)) {
    const handoff = handoffs.get(deadline.handoffId);
    if (!handoff) continue;
    result.fired++;
    const parties = partiesOf(handoff, config);
    const recipient = deadline.recipient ? findMember(directory, deadline.recipient) : null;
    const decision = parties
      ? decideDeadline({ handoff, deadline, ...parties, recipient, directory, now })
      : ({ fire: false, why: 'config changed' } as const);
    if (!decision.fire) {
      skipped.push(deadline.id);
      deps.log.info('notice skipped', { deadlineId: deadline.id, kind: deadline.kind, why: decision.why });
      continue;
    }
    events.push({ handoffId: handoff.id, at: now, actor: 'clock', ...decision.event });
    let fired = handoff;
    if (decision.changes) fired = await store.handoffs.update(tx, handoff.id, decision.changes);
    if (decision.escalationLevel !== null) {
      fired = { ...fired, escalationLevel: decision.escalationLevel };
      levels.set(handoff.id, decision.escalationLevel);
    }
    held.push(...(await storeNotices(tx, deps, handoff.id, decision.plan)));
    handoffs.set(handoff.id, fired);
    if (decision.notice) due.push({ ...decision.notice, deadline, handoff: fired });
  }
  result.skipped += skipped.length;
  await store.deadlines.markSkipped(tx, skipped);
  await store.handoffs.raiseEscalationLevels(tx, levels, now);
  await store.events.append(tx, [...events, ...held]);

  // Notices falling due for one person at the same tick go out as one email listing them;
  // light handoffs always travel in their receiver's daily digest.
  const byRecipient = new Map<string, DueNotice[]>();
  for (const notice of due) {
    const key = `${notice.kind === 'light-digest' ? 'light' : 'notice'}:${notice.recipient.email}`;
    byRecipient.set(key, [...(byRecipient.get(key) ?? []), notice]);
  }
  const emails: [string, DueNotice[]][] = [];
  // A digest stays readable: at most DIGEST_ITEMS handoffs per email.
  for (const [key, notices] of byRecipient)
    for (let i = 0; i < notices.length; i += DIGEST_ITEMS)
      emails.push([key, notices.slice(i, i + DIGEST_ITEMS)]);
  for (const [key, notices] of emails) {
    const first = notices[0]!;
    const id = key.startsWith('light:')
      ? await queueEmail(tx, deps, {
          handoff: notices.length === 1 ? first.handoff : null,
          kind: 'light-digest',
          to: first.recipient,
          props: {
            receiverName: first.recipient.name,
            dateLocal: formatLocal(now, first.recipient.schedule.timeZone).split(',')[0],
            items: notices.map((n) => n.props),
          },
        })
      : notices.length === 1
        ? await queueEmail(tx, deps, {
            handoff: first.handoff,
            kind: first.kind,
            to: first.recipient,
            props: first.withTimeline
              ? {
                  ...first.props,
                  timeline: recentHistory(
                    await store.events.list(tx, first.handoff.id),
                    first.recipient,
                    directory,
                  ),
                }
              : first.props,
          })
        : await queueEmail(tx, deps, {
            handoff: null,
            kind: 'notice-digest',
            to: first.recipient,
            // A reply to the bundle itself names the handoff in its words (see reply-by-email.ts).
            replyTo: replyAddress(
              deps.tokens.sign(SEVERAL_HANDOFFS, first.recipient.email, now),
              config.mailDomain,
            ),
            props: {
              recipientName: first.recipient.name,
              items: await bundleItems(tx, deps, notices, now),
            },
          });
    result.outboxIds.push(id);
    await store.deadlines.linkEmail(
      tx,
      notices.map((n) => n.deadline.id),
      id,
    );
  }
}

/** Each handoff of a bundle with the context a single escalation email carries, history included. */
async function bundleItems(tx: Tx, deps: Deps, notices: readonly DueNotice[], now: Date) {
  const { store, config } = deps;
  const items = [];
  // One after the other: a transaction is one connection.
  for (const n of notices)
    items.push({
      reference: formatReference(n.handoff.number),
      kind: n.kind,
      leadSummary: leadSummary(n.handoff.fields, n.handoff.playbookId),
      line: n.line,
      replyAddress: replyAddress(
        deps.tokens.sign(n.handoff.number, n.recipient.email, now),
        config.mailDomain,
      ),
      ...n.context,
      timeline: recentHistory(await store.events.list(tx, n.handoff.id), n.recipient, config.directory),
    });
  return items;
}
