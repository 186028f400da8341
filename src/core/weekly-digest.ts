/*
 * The weekly digest to each manager: when it is due, whose handoffs it counts, and what it says.
 *
 * A manager is a member others name as `manager`. Their team is everyone who reports to them,
 * directly or through a manager below them; the digest counts the handoffs given or received by the
 * team. It reports the past ISO week in the manager's own zone (Monday 00:00 to Monday 00:00 there)
 * against the week before, and goes out on Monday at 09:00 in that zone, or at the first tick within
 * a day after (a digest a week late is old news: a restart on Friday sends nothing).
 */
import type { Temporal } from 'temporal-polyfill';
import type { Directory, Member } from './directory.ts';
import { leadSummary } from './handoff/fields.ts';
import type { Handoff } from './handoff/handoff.ts';
import { formatReference } from './handoff/reference.ts';
import type { Figures } from './metrics.ts';
import { localDate, wallClockToInstant } from './time/business-time.ts';

const SEND_AT_MINUTES = 9 * 60;
const LATE_LIMIT_MS = 86_400_000;

/** The reported week of one digest, in its manager's zone. */
export interface DigestWeek {
  /** The ISO week reported, e.g. "2026-W48": with the manager, the digest's unique key. */
  week: string;
  /** Monday 00:00 of the reported week, and of the week after it (exclusive). */
  from: Date;
  to: Date;
  /** Monday 00:00 of the week before the reported one: the comparison is `previousFrom`..`from`. */
  previousFrom: Date;
  /** Monday 09:00 of the week after the reported one: when the digest goes out. */
  sendAt: Date;
  /** "Mon 23 Nov – Sun 29 Nov 2026" */
  label: string;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function isoWeek(date: Temporal.PlainDate): string {
  return `${date.yearOfWeek}-W${String(date.weekOfYear).padStart(2, '0')}`;
}

/** The week a digest sent in `now`'s week reports: the ISO week before it, in `timeZone`. */
export function digestWeek(now: Date, timeZone: string): DigestWeek {
  const today = localDate(now, timeZone);
  const monday = today.subtract({ days: today.dayOfWeek - 1 });
  const reported = monday.subtract({ days: 7 });
  const sunday = monday.subtract({ days: 1 });
  const at = (date: Temporal.PlainDate, minutes: number) =>
    new Date(wallClockToInstant(date, minutes, timeZone));
  const day = (d: Temporal.PlainDate) => `${d.day} ${MONTHS[d.month - 1]}`;
  return {
    week: isoWeek(reported),
    from: at(reported, 0),
    to: at(monday, 0),
    previousFrom: at(reported.subtract({ days: 7 }), 0),
    sendAt: at(monday, SEND_AT_MINUTES),
    label: `Mon ${day(reported)} – Sun ${day(sunday)} ${sunday.year}`,
  };
}

/** Everyone who reports to `email`, directly or through a manager below them, sorted. */
export function reportsOf(directory: Directory, email: string): string[] {
  const seen = new Set<string>();
  let frontier = [email];
  while (frontier.length > 0) {
    const reports = directory.members.filter(
      (m) => m.manager && frontier.includes(m.manager) && m.email !== email && !seen.has(m.email),
    );
    for (const m of reports) seen.add(m.email);
    frontier = reports.map((m) => m.email);
  }
  return [...seen].sort();
}

export interface DueDigest {
  manager: Member;
  week: DigestWeek;
  /** The team whose handoffs it counts. */
  reports: string[];
}

/** The digests due at `now`: each manager whose Monday 09:00 passed less than a day ago. */
export function dueDigests(directory: Directory, now: Date): DueDigest[] {
  const due: DueDigest[] = [];
  for (const manager of directory.members) {
    const reports = reportsOf(directory, manager.email);
    if (reports.length === 0) continue;
    const week = digestWeek(now, manager.schedule.timeZone);
    const late = now.getTime() - week.sendAt.getTime();
    if (late >= 0 && late < LATE_LIMIT_MS) due.push({ manager, week, reports });
  }
  return due;
}

const percent = (share: number | null) => (share === null ? '—' : `${Math.round(share * 100)} %`);

/** A span of seconds as people read it: "45 min", "2 h 30 min", "3 d 4 h". */
export function formatSpan(seconds: number | null): string {
  if (seconds === null) return '—';
  const minutes = Math.round(seconds / 60);
  if (minutes < 1) return 'under a minute';
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
  const days = Math.floor(hours / 24);
  return hours % 24 === 0 ? `${days} d` : `${days} d ${hours % 24} h`;
}

export interface DigestLeak {
  reference: string;
  leadSummary: string;
  receiverName: string;
  /** Where it stands now: "still open", "acknowledged later", "done" … */
  status: string;
  /** The dashboard's page of the handoff. */
  link: string;
  /** The manager's reply address for it while it is not closed; null once closed. */
  replyAddress: string | null;
}

export interface WeeklyDigestInput {
  manager: Member;
  week: DigestWeek;
  directory: Directory;
  thisWeek: Figures;
  weekBefore: Figures;
  /** Handoffs of the reported week that leaked, oldest first (at most the ones listed). */
  leaked: readonly Handoff[];
  /** The origin of the dashboard ("https://baton.example.com"); null: links are paths only. */
  publicUrl: string | null;
  /** The manager's signed reply address for a handoff. */
  replyAddress: (handoff: Handoff) => string;
}

const CLOSED = new Set(['done', 'declined', 'cancelled']);

function status(handoff: Handoff): string {
  switch (handoff.state) {
    case 'open':
      return 'still open';
    case 'acknowledged':
      return 'acknowledged late';
    case 'undeliverable':
      return 'undeliverable';
    default:
      return handoff.state;
  }
}

/** The digest's props: the team's figures against the week before, and the leaks with links. */
export function weeklyDigestProps(input: WeeklyDigestInput) {
  const { thisWeek, weekBefore, directory } = input;
  const origin = input.publicUrl ?? '';
  const row = (label: string, of: (f: Figures) => string) => ({
    label,
    thisWeek: of(thisWeek),
    weekBefore: of(weekBefore),
  });
  const leaks: DigestLeak[] = input.leaked.map((handoff) => {
    const reference = formatReference(handoff.number);
    const receiver = handoff.receiverEmail
      ? (directory.members.find((m) => m.email === handoff.receiverEmail)?.name ?? handoff.receiverEmail)
      : 'nobody';
    return {
      reference,
      leadSummary: leadSummary(handoff.fields, handoff.playbookId),
      receiverName: receiver,
      status: status(handoff),
      link: `${origin}/dashboard/handoffs/${reference}`,
      replyAddress: CLOSED.has(handoff.state) ? null : input.replyAddress(handoff),
    };
  });
  return {
    managerName: input.manager.name,
    week: input.week.week,
    period: input.week.label,
    team: reportsOf(directory, input.manager.email).map(
      (email) => directory.members.find((m) => m.email === email)?.name ?? email,
    ),
    figures: [
      row('Handoffs', (f) => String(f.handoffs)),
      row('Leak rate', (f) => percent(f.leakRate)),
      row('Time to acknowledge (median, working hours)', (f) =>
        formatSpan(f.timeToAcknowledge.business.median),
      ),
      row('Time to acknowledge (median, on the clock)', (f) =>
        formatSpan(f.timeToAcknowledge.wallClock.median),
      ),
      row('Handed off within 24 h of the trigger', (f) => percent(f.within24hShare)),
      row('Follow-through', (f) => percent(f.followThroughRate)),
    ],
    leaks,
    moreLeaks: Math.max(0, thisWeek.leaked - leaks.length),
    dashboardLink: `${origin}/dashboard`,
  };
}
