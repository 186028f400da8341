import { replyAddress } from '../core/addresses.ts';
import { SEVERAL_HANDOFFS } from '../core/handoff/reference.ts';
import type { MetricsFilter } from '../core/metrics.ts';
import { dueDigests, weeklyDigestProps } from '../core/weekly-digest.ts';
import { getMetrics } from './get-metrics.ts';
import type { Deps } from './ports.ts';
import { queueEmail } from './steps/queue-email.ts';

/** Leaks a digest lists by name; the rest are counted, and on the dashboard. */
const LEAKS_LISTED = 20;

/**
 * What the clock does each Monday at 09:00 in each manager's zone: queues their weekly digest, once.
 * The claim of every due (manager, week) is one insert committed with the emails, so concurrent
 * ticks queue each digest exactly once. Returns the outbox ids to send.
 */
export async function queueWeeklyDigests(deps: Deps): Promise<string[]> {
  const { store, config } = deps;
  const now = deps.clock.now();
  const due = dueDigests(config.directory, now);
  if (due.length === 0) return [];
  return store.transaction(async (tx) => {
    const claimed = await store.weeklyDigests.claim(
      tx,
      due.map((d) => ({ manager: d.manager.email, week: d.week.week })),
      now,
    );
    const ids: string[] = [];
    for (const digest of due) {
      const key = { manager: digest.manager.email, week: digest.week.week };
      if (!claimed.some((c) => c.manager === key.manager && c.week === key.week)) continue;
      const team = (from: Date, to: Date): MetricsFilter => ({
        from,
        to,
        playbook: null,
        giver: null,
        receiver: null,
        members: digest.reports,
      });
      const thisWeek = team(digest.week.from, digest.week.to);
      const weekBefore = team(digest.week.previousFrom, digest.week.from);
      const props = weeklyDigestProps({
        manager: digest.manager,
        week: digest.week,
        directory: config.directory,
        thisWeek: (await getMetrics(deps, thisWeek, tx)).totals,
        weekBefore: (await getMetrics(deps, weekBefore, tx)).totals,
        leaked: await store.metrics.leaked(tx, thisWeek, LEAKS_LISTED),
        publicUrl: deps.publicUrl,
        replyAddress: (handoff) =>
          replyAddress(deps.tokens.sign(handoff.number, digest.manager.email, now), config.mailDomain),
      });
      const id = await queueEmail(tx, deps, {
        handoff: null,
        kind: 'weekly-digest',
        to: digest.manager,
        props,
        // A reply to the digest itself names the handoff in its words (see reply-by-email.ts).
        replyTo: replyAddress(
          deps.tokens.sign(SEVERAL_HANDOFFS, digest.manager.email, now),
          config.mailDomain,
        ),
      });
      await store.weeklyDigests.linkEmail(tx, key, id);
      ids.push(id);
    }
    return ids;
  });
}
