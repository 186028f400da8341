import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import type { WebhookDeliveries } from '../../app/ports.ts';

/**
 * Webhook deliveries taken, keyed by (provider, delivery id). The replay check is an UPDATE, not a
 * SELECT: Hyperdrive answers parameterised SELECTs from a cache for up to a minute.
 */
export function webhookDeliveryStore(db: Kysely<DB>): WebhookDeliveries {
  return {
    replayed: async (provider, deliveryId, at) => {
      const row = await db
        .updateTable('webhook_deliveries')
        .set((eb) => ({ replays: eb('replays', '+', 1), last_replayed_at: at }))
        .where('provider', '=', provider)
        .where('delivery_id', '=', deliveryId)
        .returning('delivery_id')
        .executeTakeFirst();
      return row !== undefined;
    },
    record: async (provider, deliveryId, inboundId, at) => {
      // Two deliveries of one id at once both get here; the first one's row stands.
      await db
        .insertInto('webhook_deliveries')
        .values({ provider, delivery_id: deliveryId, inbound_message_id: inboundId, received_at: at })
        .onConflict((oc) => oc.columns(['provider', 'delivery_id']).doNothing())
        .execute();
    },
  };
}
