import { deliverOutbox } from '../app/deliver-outbox.ts';
import type { Deps, ScheduleDelivery } from '../app/ports.ts';

/**
 * Delivery off the caller's path: each batch of committed outbox rows drains in the background
 * (the tick retries whatever fails). `settled()` resolves once every started drain has finished,
 * so a runtime can close its database after the last send.
 */
export function backgroundDelivery(deps: () => Deps): {
  deliver: ScheduleDelivery;
  settled(): Promise<void>;
} {
  const running = new Set<Promise<void>>();
  return {
    deliver: async (ids) => {
      if (ids.length === 0) return;
      const drain = deliverOutbox(deps(), ids)
        .then(() => undefined)
        .catch((error: Error) => deps().log.error('delivery failed', { error: error.message }));
      running.add(drain);
      void drain.finally(() => running.delete(drain));
    },
    async settled() {
      while (running.size > 0) await Promise.allSettled([...running]);
    },
  };
}

/** Delivery on the caller's path: the command line sends before it exits. */
export function inlineDelivery(deps: () => Deps): ScheduleDelivery {
  return async (ids) => {
    await deliverOutbox(deps(), ids);
  };
}
