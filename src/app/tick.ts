import type { Kysely } from 'kysely';
import type { DB, DeadlineRow, HandoffRow } from '../../db/schema.ts';
import { claimDueDeadlines, linkDeadlineEmail } from '../adapters/db/deadlines.ts';
import { appendEvents, listEvents, type NewEvent } from '../adapters/db/events.ts';
import { lockHandoffs, raiseEscalationLevels, updateHandoff } from '../adapters/db/handoffs.ts';
import { replyAddress } from '../core/addresses.ts';
import { findMember, type Member } from '../core/directory.ts';
import { leadSummary } from '../core/handoff/fields.ts';
import { isHandoffState, transition } from '../core/handoff/lifecycle.ts';
import type { Playbook } from '../core/handoff/playbook.ts';
import { formatReference } from '../core/handoff/reference.ts';
import { describeEvent } from '../core/handoff/timeline.ts';
import { signReplyToken } from '../core/reply-token.ts';
import { formatLocal } from '../core/time/business-time.ts';
import { deliverOutbox } from './deliver-outbox.ts';
import { fieldList, forwardedProps } from './email-props.ts';
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
const DIGEST_ITEMS = 50;

/**
 * What the clock does, once per tick on each runtime: fires due reminders, escalations and
 * follow-through checks exactly once (claims are writes committed with their effects), then
 * renders and sends what the outbox holds.
 */
export async function tick(deps: Deps): Promise<TickReport> {
  const fired = await fireDueNotices(deps);
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
  const result = { fired: 0, skipped: 0, outboxIds: [] as string[] };
  for (;;) {
    const claimed = await deps.db.transaction().execute(async (trx) => {
      const rows = await claimDueDeadlines(trx, deps.clock.now(), BATCH);
      await fire(trx, deps, rows, result);
      return rows.length;
    });
    // Effects may plan notices that are already due (a re-opened chain): claim until nothing is left.
    if (claimed === 0) return result;
  }
}

/** Writes gathered while firing one batch, flushed in a few statements. */
interface Batch {
  events: NewEvent[];
  levels: Map<string, number>;
  skipped: number[];
}

async function fire(
  trx: Kysely<DB>,
  deps: Deps,
  rows: readonly DeadlineRow[],
  result: { fired: number; skipped: number; outboxIds: string[] },
): Promise<void> {
  const due: DueNotice[] = [];
  const batch: Batch = { events: [], levels: new Map(), skipped: [] };
  const handoffs = await lockHandoffs(trx, [...new Set(rows.map((r) => r.handoff_id))]);
  for (const row of [...rows].sort((a, b) => a.id - b.id)) {
    const handoff = handoffs.get(row.handoff_id);
    if (!handoff) continue;
    const fired = await fireOne(trx, deps, handoff, row, batch);
    handoffs.set(handoff.id, fired.handoff);
    if (fired.notice) due.push(fired.notice);
    result.fired++;
  }
  result.skipped += batch.skipped.length;
  if (batch.skipped.length > 0)
    await trx.updateTable('deadlines').set({ status: 'skipped' }).where('id', 'in', batch.skipped).execute();
  await raiseEscalationLevels(trx, batch.levels, deps.clock.now());
  await appendEvents(trx, batch.events);

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
      ? await queueEmail(trx, deps, {
          handoff: notices.length === 1 ? first.handoff : null,
          kind: 'light-digest',
          to: first.recipient,
          renderAt: 'delivery',
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
            renderAt: 'delivery',
            props: await first.props(),
          })
        : await queueEmail(trx, deps, {
            handoff: null,
            kind: 'notice-digest',
            to: first.recipient,
            renderAt: 'delivery',
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
    result.outboxIds.push(id);
    await linkDeadlineEmail(
      trx,
      notices.map((n) => n.row.id),
      id,
    );
  }
}

type Fired = { handoff: HandoffRow; notice: DueNotice | null; skipped: boolean };

async function fireOne(
  trx: Kysely<DB>,
  deps: Deps,
  handoff: HandoffRow,
  row: DeadlineRow,
  batch: Batch,
): Promise<Fired> {
  const { directory } = deps.config;
  const playbook = deps.config.playbooks.find((p) => p.id === handoff.playbook_id);
  const receiver = findMember(directory, handoff.receiver_email ?? '');
  const giver = findMember(directory, handoff.giver_email);
  const recipient = row.recipient ? findMember(directory, row.recipient) : null;
  const state = handoff.state;
  const skip = async (why: string): Promise<Fired> => {
    batch.skipped.push(row.id);
    deps.log.info('notice skipped', { deadlineId: row.id, kind: row.kind, why });
    return { handoff, notice: null, skipped: true };
  };
  if (!playbook || !receiver || !giver || !isHandoffState(state)) return skip('config changed');
  const now = deps.clock.now();
  const event = (kind: string, data: Record<string, unknown>) => {
    batch.events.push({
      handoffId: handoff.id,
      at: now,
      actor: 'clock',
      kind,
      data: { ...data, explanation: row.explanation },
    });
  };
  const reference = formatReference(handoff.number);
  const lead = leadSummary(handoff.fields, playbook.name);
  const send = (
    to: Member,
    kind: DueNotice['kind'],
    line: string,
    props: DueNotice['props'],
    fired: HandoffRow = handoff,
  ): Fired => ({
    handoff: fired,
    skipped: false,
    notice: { row, handoff: fired, recipient: to, kind, line, props },
  });

  switch (row.kind) {
    case 'ack':
      if (state !== 'open') return skip(`handoff is ${state}`);
      await event('window-lapsed', { deadline: row.due_at.toISOString() });
      return { handoff, notice: null, skipped: false };
    case 'reminder': {
      if (state !== 'open' || !recipient) return skip(`handoff is ${state}`);
      await event('reminded', { recipient: recipient.email });
      const deadlineLocal = formatLocal(handoff.ack_deadline ?? row.due_at, recipient.schedule.timeZone);
      return send(recipient, 'reminder', `acknowledgment due ${deadlineLocal}`, async () => ({
        reference,
        receiverName: recipient.name,
        leadSummary: lead,
        deadlineLocal,
        fields: fieldList(playbook, handoff.fields),
      }));
    }
    case 'escalation': {
      if ((state !== 'open' && state !== 'undeliverable') || !recipient) return skip(`handoff is ${state}`);
      const updated = { ...handoff, escalation_level: Math.max(handoff.escalation_level, row.level) };
      batch.levels.set(handoff.id, updated.escalation_level);
      await event('escalated', { level: row.level, recipient: recipient.email });
      return send(
        recipient,
        'escalation',
        `level ${row.level}: nobody owns it yet (${receiver.name} has it)`,
        async () => ({
          reference,
          recipientName: recipient.name,
          level: row.level,
          receiverName: receiver.name,
          giverName: giver.name,
          leadSummary: lead,
          reasonLine: reasonLine(row, handoff, playbook),
          fields: fieldList(playbook, handoff.fields),
          note: handoff.note,
          forwarded: forwardedProps(handoff),
          timeline: (await listEvents(trx, handoff.id)).slice(-12).map((e) => ({
            at: formatLocal(e.at, recipient.schedule.timeZone),
            text: describeEvent(e.kind, findMember(directory, e.actor)?.name ?? e.actor, e.data),
          })),
        }),
        updated,
      );
    }
    case 'follow-through': {
      if (state !== 'acknowledged' || !recipient) return skip(`handoff is ${state}`);
      await event('follow-through-asked', { recipient: recipient.email });
      const dueLocal = handoff.due_at
        ? formatLocal(handoff.due_at, recipient.schedule.timeZone)
        : 'no time given';
      return send(
        recipient,
        'follow-through',
        `did “${handoff.action ?? 'the next step'}” happen? (due ${dueLocal})`,
        async () => ({
          reference,
          receiverName: recipient.name,
          leadSummary: lead,
          action: handoff.action ?? '',
          dueLocal,
        }),
      );
    }
    case 'light-digest': {
      if ((state !== 'open' && state !== 'acknowledged') || !recipient) return skip(`handoff is ${state}`);
      await event('digested', { recipient: recipient.email });
      return send(recipient, 'light-digest', lead, async () => ({
        reference,
        leadSummary: lead,
        fields: fieldList(playbook, handoff.fields),
      }));
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
