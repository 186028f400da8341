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

// How long a queued email may wait for inbound mail to pause before it is rendered anyway.
const MAX_HOLD_MS = 1_000;
// Batches claimed and not yet past their first render at once: enough to keep a render ready, few
// enough that their queries leave the database pool to inbound transactions. Batches past it are not
// limited, so the provider's latency overlaps.
const MAX_STARTING = 4;

/**
 * Node's delivery: in the background, behind inbound mail, on the one event loop they share. Each
 * batch of outbox ids drains as `backgroundDelivery` drains it (in order, one send after another),
 * but it starts only after the call that queued it has returned (the SMTP session has had its 250),
 * emails render one at a time across batches, and while a message is being received a render waits
 * for a pause, for at most MAX_HOLD_MS from when its batch was queued, so a React render is not what
 * the next 250 waits for. A few batches are claimed ahead of their render; batches overlap.
 * `receiving(work)` marks inbound work; `behindReceiving(queuedAt)` resolves when a render queued
 * then would start; `settled()` resolves once every queued batch has been delivered or has failed
 * (the tick retries failures).
 */
export function deliveryBehindInbound(deps: () => Deps): {
  deliver: ScheduleDelivery;
  receiving<T>(work: () => Promise<T>): Promise<T>;
  behindReceiving(queuedAt: number): Promise<void>;
  settled(): Promise<void>;
} {
  const queued: { ids: readonly string[]; at: number }[] = [];
  const running = new Set<Promise<void>>();
  let starting = 0;
  let inbound = 0;
  let pauses: (() => void)[] = [];
  let renders: Promise<unknown> = Promise.resolve();
  let pumping = false;

  const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

  // Resolves once no message is being received, or at `deadline`.
  function pause(deadline: number): Promise<void> {
    if (inbound === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, Math.max(0, deadline - Date.now()));
      function done() {
        clearTimeout(timer);
        pauses = pauses.filter((p) => p !== done);
        resolve();
      }
      pauses.push(done);
    });
  }

  function drain(ids: readonly string[], queuedAt: number, started: () => void): Promise<void> {
    const base = deps();
    const render: Deps['render'] = (kind, props) => {
      // After the pause, one more turn: the session that ended it writes its 250 first.
      const turn = renders
        .then(() => pause(queuedAt + MAX_HOLD_MS))
        .then(nextTurn)
        .then(() => base.render(kind, props))
        .finally(started);
      renders = turn.catch(() => undefined);
      return turn;
    };
    return deliverOutbox({ ...base, render }, ids)
      .then(() => undefined)
      .catch((error: Error) => base.log.error('delivery failed', { error: error.message }));
  }

  function pump() {
    pumping = false;
    while (queued.length > 0 && starting < MAX_STARTING) {
      const { ids, at } = queued.shift()!;
      starting++;
      let counted = true;
      // Once per batch: after its first render, or at its end when it had nothing to render.
      const started = () => {
        if (!counted) return;
        counted = false;
        starting--;
        schedule();
      };
      const run = drain(ids, at, started).finally(() => {
        running.delete(run);
        started();
      });
      running.add(run);
    }
  }

  function schedule() {
    if (pumping || queued.length === 0) return;
    pumping = true;
    setImmediate(pump);
  }

  return {
    deliver: async (ids) => {
      if (ids.length === 0) return;
      queued.push({ ids: [...ids], at: Date.now() });
      schedule();
    },
    // Other work queued behind inbound mail (Node's processing of stored messages) waits as a render does.
    behindReceiving: (queuedAt) => pause(queuedAt + MAX_HOLD_MS).then(nextTurn),
    async receiving(work) {
      inbound++;
      try {
        return await work();
      } finally {
        if (--inbound === 0) for (const done of [...pauses]) done();
      }
    },
    async settled() {
      while (queued.length > 0 || running.size > 0) {
        if (running.size === 0) await nextTurn();
        else await Promise.allSettled([...running]);
      }
    },
  };
}

/** Delivery on the caller's path: the command line sends before it exits. */
export function inlineDelivery(deps: () => Deps): ScheduleDelivery {
  return async (ids) => {
    await deliverOutbox(deps(), ids);
  };
}
