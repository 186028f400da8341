import type { Kysely } from 'kysely';
import type { DB, DeadlineRow, HandoffRow } from '../../db/schema.ts';
import { claimDueDeadlines, linkDeadlineEmail } from '../adapters/db/deadlines.ts';
import { appendEvent, listEvents } from '../adapters/db/events.ts';
import { lockHandoff, updateHandoff } from '../adapters/db/handoffs.ts';
import { replyAddress } from '../core/addresses.ts';
import { formatLocal } from '../core/business-time.ts';
import { findMember, type Member } from '../core/directory.ts';
import { leadSummary } from '../core/fields.ts';
import { formatReference, isHandoffState, transition } from '../core/lifecycle.ts';
import type { Playbook } from '../core/playbook.ts';
import { signReplyToken } from '../core/reply-token.ts';
import { describeEvent } from '../core/timeline.ts';
import { fieldList } from './create-handoff.ts';
import { deliverOutbox } from './deliver-outbox.ts';
import { planWindow } from './plan-notices.ts';
import type { Deps } from './ports.ts';
import { queueEmail } from './queue-email.ts';

export interface TickReport {
  fired: number;
  skipped: number;
  emails: number;
  sent: number;
  retrying: number;
  failed: number;
}

/** One notice that is due for one recipient, ready to be written alone or in a digest. */
interface DueNotice {
  row: DeadlineRow;
  handoff: HandoffRow;
  recipient: Member;
  kind: 'reminder' | 'escalation' | 'follow-through' | 'light-digest';
  /** Built only when the notice goes out alone: a digest needs just the line. */
  props: () => Promise<Record<string, unknown>>;
  line: string;
}

const BATCH = 500;

/**
 * What the clock does, once per tick on each runtime: fires due reminders, escalations and
 * follow-through checks exactly once (claims are writes committed with their effects), then
 * sends what the outbox holds.
 */
export async function tick(deps: Deps): Promise<TickReport> {
  const report: TickReport = { fired: 0, skipped: 0, emails: 0, sent: 0, retrying: 0, failed: 0 };
  for (;;) {
    const outboxIds: string[] = [];
    const claimed = await deps.db.transaction().execute(async (trx) => {
      const rows = await claimDueDeadlines(trx, deps.clock.now(), BATCH);
      await fire(trx, deps, rows, outboxIds, report);
      return rows.length;
    });
    report.emails += outboxIds.length;
    const sent = await deliverOutbox(deps, outboxIds, outboxIds.length);
    report.sent += sent.sent;
    report.retrying += sent.retrying;
    report.failed += sent.failed;
    // Effects may plan notices that are already due (a re-opened chain): claim until nothing is left.
    if (claimed === 0) break;
  }
  // Retries and anything queued earlier that is now sendable.
  const rest = await deliverOutbox(deps);
  report.sent += rest.sent;
  report.retrying += rest.retrying;
  report.failed += rest.failed;
  return report;
}

async function fire(
  trx: Kysely<DB>,
  deps: Deps,
  rows: readonly DeadlineRow[],
  outboxIds: string[],
  report: TickReport,
): Promise<void> {
  const due: DueNotice[] = [];
  // Handoff rows are locked in one stable order so concurrent ticks never deadlock.
  const byHandoff = new Map<string, DeadlineRow[]>();
  for (const row of [...rows].sort((a, b) => a.handoff_id.localeCompare(b.handoff_id) || a.id - b.id))
    byHandoff.set(row.handoff_id, [...(byHandoff.get(row.handoff_id) ?? []), row]);
  for (const [handoffId, handoffRows] of byHandoff) {
    let handoff = await lockHandoff(trx, handoffId);
    for (const row of handoffRows) {
      if (!handoff) break;
      const result = await fireOne(trx, deps, handoff, row);
      handoff = result.handoff;
      if (result.notice) due.push(result.notice);
      else if (result.skipped) report.skipped++;
      report.fired++;
    }
  }
  // Notices falling due for one person at the same tick go out as one email listing them;
  // light handoffs always travel in their receiver's daily digest.
  const byRecipient = new Map<string, DueNotice[]>();
  for (const notice of due) {
    const key = `${notice.kind === 'light-digest' ? 'light' : 'notice'}:${notice.recipient.email}`;
    byRecipient.set(key, [...(byRecipient.get(key) ?? []), notice]);
  }
  for (const [key, notices] of byRecipient) {
    const first = notices[0]!;
    const id = key.startsWith('light:')
      ? await queueEmail(trx, deps, {
          handoff: notices.length === 1 ? first.handoff : null,
          kind: 'light-digest',
          to: first.recipient,
          props: {
            receiverName: first.recipient.name,
            dateLocal: formatLocal(deps.clock.now(), first.recipient.schedule.timeZone).split(',')[0],
            items: await Promise.all(notices.map((n) => n.props())),
          },
        })
      : notices.length === 1
        ? await queueEmail(trx, deps, {
            handoff: first.handoff,
            kind: first.kind,
            to: first.recipient,
            props: await first.props(),
          })
        : await queueEmail(trx, deps, {
            handoff: null,
            kind: 'notice-digest',
            to: first.recipient,
            props: {
              recipientName: first.recipient.name,
              items: notices.map((n) => ({
                reference: formatReference(n.handoff.number),
                kind: n.kind,
                leadSummary: leadSummary(n.handoff.fields, n.handoff.playbook_id),
                line: n.line,
                replyAddress: replyAddress(
                  signReplyToken(deps.secrets[0]!, n.handoff.number, n.recipient.email, deps.clock.now()),
                  deps.config.mailDomain,
                ),
              })),
            },
          });
    outboxIds.push(id);
    await linkDeadlineEmail(
      trx,
      notices.map((n) => n.row.id),
      id,
    );
  }
}

type Fired = { handoff: HandoffRow; notice: DueNotice | null; skipped: boolean };

async function fireOne(trx: Kysely<DB>, deps: Deps, handoff: HandoffRow, row: DeadlineRow): Promise<Fired> {
  const { directory } = deps.config;
  const playbook = deps.config.playbooks.find((p) => p.id === handoff.playbook_id);
  const receiver = findMember(directory, handoff.receiver_email ?? '');
  const giver = findMember(directory, handoff.giver_email);
  const recipient = row.recipient ? findMember(directory, row.recipient) : null;
  const state = handoff.state;
  const skip = async (why: string): Promise<Fired> => {
    await trx.updateTable('deadlines').set({ status: 'skipped' }).where('id', '=', row.id).execute();
    deps.log.info('notice skipped', { deadlineId: row.id, kind: row.kind, why });
    return { handoff, notice: null, skipped: true };
  };
  if (!playbook || !receiver || !giver || !isHandoffState(state)) return skip('config changed');
  const now = deps.clock.now();
  const event = (kind: string, data: Record<string, unknown>) =>
    appendEvent(trx, {
      handoffId: handoff.id,
      at: now,
      actor: 'clock',
      kind,
      data: { ...data, explanation: row.explanation },
    });
  const reference = formatReference(handoff.number);
  const lead = leadSummary(handoff.fields, playbook.name);

  switch (row.kind) {
    case 'ack':
      if (state !== 'open') return skip(`handoff is ${state}`);
      await event('window-lapsed', { deadline: row.due_at.toISOString() });
      return { handoff, notice: null, skipped: false };
    case 'reminder': {
      if (state !== 'open' || !recipient) return skip(`handoff is ${state}`);
      await event('reminded', { recipient: recipient.email });
      return {
        handoff,
        skipped: false,
        notice: {
          row,
          handoff,
          recipient,
          kind: 'reminder',
          line: `acknowledgment due ${formatLocal(handoff.ack_deadline ?? row.due_at, recipient.schedule.timeZone)}`,
          props: async () => ({
            reference,
            receiverName: recipient.name,
            leadSummary: lead,
            deadlineLocal: formatLocal(handoff.ack_deadline ?? row.due_at, recipient.schedule.timeZone),
            fields: fieldList(playbook, handoff.fields),
          }),
        },
      };
    }
    case 'escalation': {
      if ((state !== 'open' && state !== 'undeliverable') || !recipient) return skip(`handoff is ${state}`);
      const updated = await updateHandoff(trx, handoff.id, {
        escalation_level: Math.max(handoff.escalation_level, row.level),
        updated_at: now,
      });
      await event('escalated', { level: row.level, recipient: recipient.email });
      return {
        handoff: updated,
        skipped: false,
        notice: {
          row,
          handoff: updated,
          recipient,
          kind: 'escalation',
          line: `level ${row.level}: nobody owns it yet (${receiver.name} has it)`,
          props: async () => ({
            reference,
            recipientName: recipient.name,
            level: row.level,
            receiverName: receiver.name,
            giverName: giver.name,
            leadSummary: lead,
            reasonLine: reasonLine(row, handoff, playbook),
            fields: fieldList(playbook, handoff.fields),
            note: handoff.note,
            forwarded: handoff.forwarded
              ? {
                  from: handoff.forwarded.from
                    ? `${handoff.forwarded.from.name} <${handoff.forwarded.from.address}>`.trim()
                    : 'unknown sender',
                  date: handoff.forwarded.date,
                  subject: handoff.forwarded.subject,
                  body: handoff.forwarded.body,
                }
              : null,
            timeline: (await listEvents(trx, handoff.id)).slice(-12).map((e) => ({
              at: formatLocal(e.at, recipient.schedule.timeZone),
              text: describeEvent(e.kind, findMember(directory, e.actor)?.name ?? e.actor, e.data),
            })),
          }),
        },
      };
    }
    case 'follow-through': {
      if (state !== 'acknowledged' || !recipient) return skip(`handoff is ${state}`);
      await event('follow-through-asked', { recipient: recipient.email });
      const dueLocal = handoff.due_at
        ? formatLocal(handoff.due_at, recipient.schedule.timeZone)
        : 'no time given';
      return {
        handoff,
        skipped: false,
        notice: {
          row,
          handoff,
          recipient,
          kind: 'follow-through',
          line: `did “${handoff.action ?? 'the next step'}” happen? (due ${dueLocal})`,
          props: async () => ({
            reference,
            receiverName: recipient.name,
            leadSummary: lead,
            action: handoff.action ?? '',
            dueLocal,
          }),
        },
      };
    }
    case 'light-digest': {
      if ((state !== 'open' && state !== 'acknowledged') || !recipient) return skip(`handoff is ${state}`);
      await event('digested', { recipient: recipient.email });
      return {
        handoff,
        skipped: false,
        notice: {
          row,
          handoff,
          recipient,
          kind: 'light-digest',
          line: lead,
          props: async () => ({ reference, leadSummary: lead, fields: fieldList(playbook, handoff.fields) }),
        },
      };
    }
    case 'follow-through-lapse': {
      const next = transition(state, { kind: 'reopen' });
      if (!next.ok) return skip(`handoff is ${state}`);
      const reopened = await updateHandoff(trx, handoff.id, { state: next.state, updated_at: now });
      await event('follow-through-lapsed', { level: Math.max(1, handoff.escalation_level) });
      // A promise is not the end: the chain resumes from the level it had reached.
      await planWindow(
        trx,
        deps,
        reopened,
        playbook,
        { at: now, explanation: 'the follow-through question went unanswered' },
        Math.max(1, handoff.escalation_level),
      );
      return { handoff: reopened, notice: null, skipped: false };
    }
    default:
      return skip(`unknown kind ${row.kind}`);
  }
}

function reasonLine(row: DeadlineRow, handoff: HandoffRow, playbook: Playbook): string {
  if (handoff.state === 'undeliverable') return 'The receiver’s address bounced, so nobody has this lead.';
  if (handoff.action) return `The promised step (“${handoff.action}”) was not confirmed.`;
  return `Nobody acknowledged it within the window (${row.level === 1 ? row.explanation.replace(/^level 1: /, '') : `${playbook.name}, level ${row.level}`}).`;
}
