import { type Kysely, sql } from 'kysely';
import type { DB, OutboundRow } from '../../../db/schema.ts';
import type { ClaimedEmail, Pool, Reader, Store, StoredInbound, Tx } from '../../app/ports.ts';
import { dedupeKey } from '../mail-in/dedupe-key.ts';
import {
  claimDueDeadlines,
  insertDeadlines,
  linkDeadlineEmail,
  listDeadlines,
  settlePendingDeadlines,
} from './deadlines.ts';
import { appendEvents, listEvents } from './events.ts';
import {
  findHandoff,
  findHandoffByIdempotencyKey,
  findHandoffByMessageIds,
  findHandoffByNumber,
  insertHandoff,
  listHandoffs,
  lockHandoff,
  lockHandoffs,
  raiseEscalationLevels,
  recentScores,
  updateHandoff,
} from './handoffs.ts';
import {
  claimFailedInbound,
  claimInbound,
  claimUnfinishedInbound,
  findInbound,
  findInboundByKey,
  inboundEffects,
  inboundTouching,
  insertInbound,
  recordInboundAuthentication,
  recordInboundResult,
} from './inbound-messages.ts';
import {
  toAuthentication,
  toDeadline,
  toEmailKind,
  toEvent,
  toHandoff,
  toHandoffUpdate,
  toNewHandoffRow,
} from './mappers.ts';
import { countMetrics, listLeaked } from './metrics.ts';
import { countOpenByAge, listOpenHandoffs } from './open-handoffs.ts';
import {
  claimOutbound,
  countRefusalsSince,
  insertOutbound,
  listOutboundForHandoff,
  listsSeveralHandoffs,
  markFailed,
  markSent,
  storeRendering,
  threadMessageIds,
} from './outbox.ts';
import { signInStore } from './sign-ins.ts';
import { webhookDeliveryStore } from './webhook-deliveries.ts';
import { weeklyDigestStore } from './weekly-digests.ts';

/**
 * The app's Store port over Kysely. `Tx` and `Pool` are opaque to the app; here they are the
 * Kysely transaction and the Kysely instance they were made from.
 */
export function createStore(db: Kysely<DB>): Store {
  const k = (on: Reader | Tx) => on as unknown as Kysely<DB>;
  const orNull =
    <T, U>(map: (row: T) => U) =>
    (row: T | null) =>
      row ? map(row) : null;
  const handoff = orNull(toHandoff);
  const inbound = orNull(
    (row: NonNullable<Awaited<ReturnType<typeof findInbound>>>): StoredInbound => ({
      id: row.id,
      raw: row.raw,
      receivedAt: row.received_at,
      envelopeFrom: row.envelope_from,
      envelopeTo: row.envelope_to,
      connection: { clientAddress: row.client_address, helo: row.helo },
      authentication: toAuthentication(row.authentication),
      status: row.status,
      outcome: row.outcome,
      handoffId: row.handoff_id,
    }),
  );
  return {
    pool: db as unknown as Pool,
    transaction: (work) => db.transaction().execute((trx) => work(trx as unknown as Tx)),
    handoffs: {
      insert: async (tx, row) => toHandoff(await insertHandoff(k(tx), toNewHandoffRow(row))),
      update: async (tx, id, changes) => toHandoff(await updateHandoff(k(tx), id, toHandoffUpdate(changes))),
      lock: async (tx, id) => handoff(await lockHandoff(k(tx), id)),
      lockMany: async (tx, ids) => {
        const rows = await lockHandoffs(k(tx), ids);
        return new Map([...rows].map(([id, row]) => [id, toHandoff(row)]));
      },
      raiseEscalationLevels: (tx, levels, at) => raiseEscalationLevels(k(tx), levels, at),
      find: async (on, id) => handoff(await findHandoff(k(on), id)),
      findByNumber: async (on, number) => handoff(await findHandoffByNumber(k(on), number)),
      findByIdempotencyKey: async (on, key) => handoff(await findHandoffByIdempotencyKey(k(on), key)),
      findByMessageIds: async (on, ids) => handoff(await findHandoffByMessageIds(k(on), ids)),
      list: async (on, filter, before, limit) =>
        (await listHandoffs(k(on), filter, before, limit)).map(toHandoff),
      recentScores: (on, playbookId, since, excludeId) => recentScores(k(on), playbookId, since, excludeId),
      prospectWasWritten: async (on, address) => {
        const sent = await k(on)
          .selectFrom('outbound_messages')
          .select('id')
          .where('kind', '=', 'prospect-intro')
          .where(sql<boolean>`${address} = any(to_addresses)`)
          .executeTakeFirst();
        if (sent) return true;
        const bounced = await k(on)
          .selectFrom('handoff_events')
          .select('id')
          .where('kind', 'in', ['bounce-noted', 'undeliverable'])
          .where(sql<boolean>`data->>'failedRecipient' = ${address}`)
          .executeTakeFirst();
        return Boolean(bounced);
      },
    },
    events: {
      append: (tx, events) => appendEvents(k(tx), events),
      list: async (on, handoffId) => (await listEvents(k(on), handoffId)).map(toEvent),
      latest: async (on, handoffId, kind) => {
        const e = await k(on)
          .selectFrom('handoff_events')
          .selectAll()
          .where('handoff_id', '=', handoffId)
          .where('kind', '=', kind)
          .orderBy('id', 'desc')
          .executeTakeFirst();
        return e ? toEvent(e) : null;
      },
    },
    deadlines: {
      insert: (tx, deadlines) => insertDeadlines(k(tx), deadlines),
      settlePending: (tx, handoffId, at, status, kinds) =>
        settlePendingDeadlines(k(tx), handoffId, at, status, kinds),
      claimDue: async (tx, now, limit) => (await claimDueDeadlines(k(tx), now, limit)).map(toDeadline),
      markSkipped: async (tx, ids) => {
        if (ids.length === 0) return;
        await k(tx).updateTable('deadlines').set({ status: 'skipped' }).where('id', 'in', ids).execute();
      },
      linkEmail: (tx, ids, outboxId) => linkDeadlineEmail(k(tx), ids, outboxId),
      list: async (on, handoffId) => (await listDeadlines(k(on), handoffId)).map(toDeadline),
      wasEscalatedTo: async (on, handoffId, address) => {
        const row = await k(on)
          .selectFrom('deadlines')
          .select('id')
          .where('handoff_id', '=', handoffId)
          .where('kind', '=', 'escalation')
          .where('status', '=', 'fired')
          .where('recipient', '=', address)
          .executeTakeFirst();
        return Boolean(row);
      },
      escalatedTo: async (on, handoffId) => {
        const rows = await k(on)
          .selectFrom('deadlines')
          .select('recipient')
          .distinct()
          .where('handoff_id', '=', handoffId)
          .where('kind', '=', 'escalation')
          .where('status', '=', 'fired')
          .execute();
        return rows.flatMap((r) => (r.recipient ? [r.recipient] : []));
      },
    },
    outbox: {
      queue: (tx, email) =>
        insertOutbound(k(tx), {
          id: email.id,
          handoff_id: email.handoffId,
          kind: email.kind,
          from_address: email.from,
          to_addresses: email.to,
          reply_to: email.replyTo,
          subject: null,
          html: null,
          text: null,
          props: JSON.stringify(email.props),
          message_id: email.messageId,
          in_reply_to: email.inReplyTo,
          references: email.references,
          headers: JSON.stringify(email.headers),
          created_at: email.createdAt,
          send_after: email.sendAfter,
          attachments: JSON.stringify(email.attachments ?? []),
        }),
      claim: async (options) => (await claimOutbound(db, options)).map(toClaimed),
      storeRendering: (id, email) => storeRendering(db, id, email),
      markSent: (id, at, providerId) => markSent(db, id, at, providerId),
      markFailed: (id, error, retryAt) => markFailed(db, id, error, retryAt),
      thread: (on, handoffId, recipient) => threadMessageIds(k(on), handoffId, recipient),
      listsSeveral: (on, messageIds) => listsSeveralHandoffs(k(on), messageIds),
      countSince: (on, address, kinds, since) => countRefusalsSince(k(on), address, kinds, since),
      listForHandoff: async (on, handoffId) =>
        (await listOutboundForHandoff(k(on), handoffId)).map((e) => ({
          kind: e.kind,
          to: e.to_addresses,
          subject: e.subject,
          status: e.status,
          createdAt: e.created_at,
          sentAt: e.sent_at,
        })),
    },
    inbound: {
      insert: async (message) => {
        const key = dedupeKey(message.raw);
        const { connection, ...rest } = message;
        const id = await insertInbound(db, {
          ...rest,
          dedupeKey: key,
          clientAddress: connection?.clientAddress ?? null,
          helo: connection?.helo ?? null,
        });
        return id !== null
          ? { stored: true, id }
          : { stored: false, existing: inbound(await findInboundByKey(db, key)) };
      },
      find: async (id) => inbound(await findInbound(db, id)),
      claim: async (id, now, leaseMs) => inbound(await claimInbound(db, id, now, leaseMs)),
      claimUnfinished: (now, leaseMs, limit) => claimUnfinishedInbound(db, now, leaseMs, limit),
      effects: (id) => inboundEffects(db, id),
      record: (id, at, result) => recordInboundResult(db, id, at, result),
      claimFailed: (handoffId, now, leaseMs) => claimFailedInbound(db, handoffId, now, leaseMs),
      recordAuthentication: (id, authentication) => recordInboundAuthentication(db, id, authentication),
      touching: async (handoffId, ids) =>
        (await inboundTouching(db, handoffId, ids)).map((r) => ({
          id: r.id,
          receivedAt: r.received_at,
          sender: r.sender ?? r.envelope_from,
          outcome: r.outcome,
          authentication: toAuthentication(r.authentication),
        })),
    },
    metrics: {
      count: (on, filter, windows) => countMetrics(k(on), filter, windows),
      leaked: async (on, filter, limit) => (await listLeaked(k(on), filter, limit)).map(toHandoff),
    },
    open: {
      list: async (on, filter, limit) => (await listOpenHandoffs(k(on), filter, limit)).map(toHandoff),
      countByAge: (on, now, bounds, filter) => countOpenByAge(k(on), now, bounds, filter),
    },
    signIns: signInStore(db, k),
    weeklyDigests: weeklyDigestStore(k),
    webhookDeliveries: webhookDeliveryStore(db),
  };
}

function toClaimed(row: OutboundRow): ClaimedEmail {
  return {
    id: row.id,
    handoffId: row.handoff_id,
    kind: toEmailKind(row.kind),
    from: row.from_address,
    to: row.to_addresses,
    replyTo: row.reply_to,
    props: row.props,
    attachments: row.attachments,
    rendered:
      row.subject !== null && row.html !== null && row.text !== null
        ? { subject: row.subject, html: row.html, text: row.text }
        : null,
    messageId: row.message_id,
    inReplyTo: row.in_reply_to,
    references: row.references,
    headers: row.headers,
    createdAt: row.created_at,
    sendAfter: row.send_after,
    attempts: row.attempts,
  };
}
