/*
 * What Baton measures, defined once. The repository counts in SQL (one pass over the period's
 * handoffs, grouped by week, playbook, giver and receiver); these functions turn its counts into
 * the figures people read, so every rate has one definition and one denominator.
 *
 * Definitions (each handoff counts in the ISO week, UTC, of its creation):
 * - handoffs: handoffs created in the period, drafts included.
 * - leak rate: handoffs whose acknowledgment window lapsed with no specific reply (a `window-lapsed`
 *   event before any acknowledgment; a chain re-opened over an unconfirmed promise is a follow-through
 *   failure, not a leak) over handoffs whose window is decided: lapsed, acknowledged, or declined.
 *   Handoffs still inside their window, cancelled ones and light ones (no window) are in neither.
 * - time to acknowledge: from the handoff reaching its receiver (opened) to its acknowledgment,
 *   wall-clock and in the receiver's working time (stored with the acknowledgment, since working
 *   hours, holidays and zones live in the config, not the database); median and p90, interpolated.
 * - within-24h share: opened handoffs with a trigger time that were opened within their playbook's
 *   `handoffWithin` of it, over opened handoffs with a trigger time. Late ones are counted apart.
 * - reach-out share: commitments with a due time inside the playbook's `reachOutWithin` of the
 *   trigger (else of the handoff's creation), over commitments with a due time.
 * - follow-through rate: commitments reported done without the chain having to re-open, over
 *   commitments whose outcome is known (reported done, or the follow-through question lapsed).
 * - vague-reply rate: handoffs that got at least one vague reply over handoffs that got any reply
 *   from a person (automatic replies and bounces are not replies).
 * - missing fields: per field, handoffs whose giver was asked for it.
 * - questions by field: per field, handoffs whose receiver asked about it (see `fieldsAskedAbout`).
 * - decline reasons: declines per reason as the receiver wrote it (trimmed, lower-case).
 */

import type { Playbook } from './handoff/playbook.ts';

/** What a metrics request narrows to. `members` limits to handoffs given or received by these addresses. */
export interface MetricsFilter {
  from: Date;
  to: Date;
  playbook: string | null;
  giver: string | null;
  receiver: string | null;
  members: readonly string[] | null;
}

/** The windows the SQL compares against, per playbook, from the config. */
export interface PlaybookWindows {
  playbookId: string;
  handoffWithinMs: number;
  reachOutWithinMs: number;
}

export function playbookWindows(playbooks: readonly Playbook[]): PlaybookWindows[] {
  return playbooks.map((p) => ({
    playbookId: p.id,
    handoffWithinMs: p.handoffWithin.ms,
    reachOutWithinMs: p.reachOutWithin.ms,
  }));
}

/** The counts and percentiles the repository returns for one group of handoffs. */
export interface MetricCounts {
  handoffs: number;
  opened: number;
  light: number;
  leaked: number;
  windowsDecided: number;
  acknowledged: number;
  /** Seconds; null when nothing was acknowledged. */
  ackWallMedian: number | null;
  ackWallP90: number | null;
  ackBusinessMedian: number | null;
  ackBusinessP90: number | null;
  withTrigger: number;
  onTime: number;
  withDue: number;
  dueWithinReachOut: number;
  followThroughKnown: number;
  followedThrough: number;
  replied: number;
  vague: number;
  declined: number;
  questions: number;
}

/** Per-key counts for one group: fields asked for, fields asked about, decline reasons. */
export interface KeyedCounts {
  missingFields: Record<string, number>;
  questionsByField: Record<string, number>;
  declineReasons: Record<string, number>;
}

export interface Percentiles {
  median: number | null;
  p90: number | null;
}

/** The figures of one group (the whole period, one week, one playbook, giver or receiver). */
export interface Figures {
  handoffs: number;
  opened: number;
  light: number;
  leaked: number;
  leakRate: number | null;
  acknowledged: number;
  /** Seconds from opened to acknowledged. */
  timeToAcknowledge: { unit: 'seconds'; wallClock: Percentiles; business: Percentiles };
  within24hShare: number | null;
  lateHandoffs: number;
  reachOutWithin48hShare: number | null;
  followThroughRate: number | null;
  vagueReplyRate: number | null;
  declines: number;
  declineReasons: { reason: string; count: number }[];
  missingFields: Record<string, number>;
  questions: number;
  questionsByField: Record<string, number>;
}

/** A share, or null when nothing was there to share: 0 of 0 is no information, not 0 %. */
export function rate(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}

export const NO_KEYED_COUNTS: KeyedCounts = { missingFields: {}, questionsByField: {}, declineReasons: {} };

/** One group's counts as figures. */
export function toFigures(c: MetricCounts, keyed: KeyedCounts = NO_KEYED_COUNTS): Figures {
  return {
    handoffs: c.handoffs,
    opened: c.opened,
    light: c.light,
    leaked: c.leaked,
    leakRate: rate(c.leaked, c.windowsDecided),
    acknowledged: c.acknowledged,
    timeToAcknowledge: {
      unit: 'seconds',
      wallClock: { median: c.ackWallMedian, p90: c.ackWallP90 },
      business: { median: c.ackBusinessMedian, p90: c.ackBusinessP90 },
    },
    within24hShare: rate(c.onTime, c.withTrigger),
    lateHandoffs: c.withTrigger - c.onTime,
    reachOutWithin48hShare: rate(c.dueWithinReachOut, c.withDue),
    followThroughRate: rate(c.followedThrough, c.followThroughKnown),
    vagueReplyRate: rate(c.vague, c.replied),
    declines: c.declined,
    declineReasons: Object.entries(keyed.declineReasons)
      .map(([reason, count]) => ({ reason, count }))
      .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason)),
    missingFields: keyed.missingFields,
    questions: c.questions,
    questionsByField: keyed.questionsByField,
  };
}

/** The groups a report breaks the period into. */
export type Breakdown = 'week' | 'playbook' | 'giver' | 'receiver';

/** One group the repository counted: the whole period (`total`), or one week, playbook, giver or receiver. */
export interface MetricGroup {
  by: Breakdown | 'total';
  key: string;
  counts: MetricCounts;
  keyed: KeyedCounts;
}

export interface MetricsReport {
  from: Date;
  to: Date;
  totals: Figures;
  byWeek: (Figures & { week: string })[];
  byPlaybook: (Figures & { playbook: string })[];
  byGiver: (Figures & { giver: string })[];
  byReceiver: (Figures & { receiver: string })[];
}

const EMPTY_COUNTS: MetricCounts = {
  handoffs: 0,
  opened: 0,
  light: 0,
  leaked: 0,
  windowsDecided: 0,
  acknowledged: 0,
  ackWallMedian: null,
  ackWallP90: null,
  ackBusinessMedian: null,
  ackBusinessP90: null,
  withTrigger: 0,
  onTime: 0,
  withDue: 0,
  dueWithinReachOut: 0,
  followThroughKnown: 0,
  followedThrough: 0,
  replied: 0,
  vague: 0,
  declined: 0,
  questions: 0,
};

/** The report of a period from the repository's groups: weeks in order, the rest busiest first. */
export function buildReport(
  filter: Pick<MetricsFilter, 'from' | 'to'>,
  groups: readonly MetricGroup[],
): MetricsReport {
  const of = (by: MetricGroup['by']) =>
    groups
      .filter((g) => g.by === by)
      .map((g) => ({ key: g.key, figures: toFigures(g.counts, g.keyed) }))
      .sort((a, b) =>
        by === 'week'
          ? a.key.localeCompare(b.key)
          : b.figures.handoffs - a.figures.handoffs || a.key.localeCompare(b.key),
      );
  const total = groups.find((g) => g.by === 'total');
  return {
    from: filter.from,
    to: filter.to,
    totals: toFigures(total?.counts ?? EMPTY_COUNTS, total?.keyed),
    byWeek: of('week').map((g) => ({ week: g.key, ...g.figures })),
    byPlaybook: of('playbook').map((g) => ({ playbook: g.key, ...g.figures })),
    byGiver: of('giver').map((g) => ({ giver: g.key, ...g.figures })),
    byReceiver: of('receiver').map((g) => ({ receiver: g.key, ...g.figures })),
  };
}

/** The ages the dashboard sorts open handoffs into, from when they reached the receiver. */
export const OPEN_AGE_BUCKETS: readonly { label: string; underHours: number | null }[] = [
  { label: '< 4 h', underHours: 4 },
  { label: '4–24 h', underHours: 24 },
  { label: '1–3 d', underHours: 72 },
  { label: '3–7 d', underHours: 168 },
  { label: '> 7 d', underHours: null },
];

/** The states of a handoff nobody has closed yet: what "open handoffs" lists. */
export const OPEN_STATES = ['draft', 'open', 'acknowledged', 'undeliverable'] as const;
export type OpenState = (typeof OPEN_STATES)[number];

export function isOpenState(state: string): state is OpenState {
  return (OPEN_STATES as readonly string[]).includes(state);
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The playbook fields a receiver's question is about: those whose key, label or a synonym appears
 * in it as a whole word ("Which channel do they prefer?" → channel). What a team writes as synonyms
 * is what it calls the field, so the same words find it in questions.
 */
export function fieldsAskedAbout(playbook: Playbook, question: string): string[] {
  const text = question.toLowerCase();
  return playbook.fields
    .filter((field) =>
      [field.key, field.label, ...field.synonyms].some((word) =>
        new RegExp(`(^|[^\\p{L}\\p{N}])${escapeRegExp(word.toLowerCase())}($|[^\\p{L}\\p{N}])`, 'u').test(
          text,
        ),
      ),
    )
    .map((field) => field.key);
}
