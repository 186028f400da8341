import type { Kysely } from 'kysely';
import type { DB, EventRow } from '../../../db/schema.ts';
import type { NewEvent } from '../../app/ports.ts';

/** Appends to a handoff's timeline: every change is an event. */
export async function appendEvent(db: Kysely<DB>, event: NewEvent): Promise<void> {
  await appendEvents(db, [event]);
}

export async function listEvents(db: Kysely<DB>, handoffId: string): Promise<EventRow[]> {
  return db
    .selectFrom('handoff_events')
    .selectAll()
    .where('handoff_id', '=', handoffId)
    .orderBy('id')
    .execute();
}

/** Appends many events in one statement (the tick's batches). */
export async function appendEvents(db: Kysely<DB>, events: readonly NewEvent[]): Promise<void> {
  if (events.length === 0) return;
  await db
    .insertInto('handoff_events')
    .values(
      events.map((event) => ({
        handoff_id: event.handoffId,
        at: event.at,
        actor: event.actor,
        kind: event.kind,
        inbound_message_id: event.inboundMessageId ?? null,
        outbound_message_id: event.outboundMessageId ?? null,
        data: JSON.stringify(event.data ?? {}),
      })),
    )
    .execute();
}
