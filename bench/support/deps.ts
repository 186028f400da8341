import { replyTokens } from '../../src/adapters/crypto/reply-token.ts';
import type { Database } from '../../src/adapters/db/connect.ts';
import { createStore } from '../../src/adapters/db/store.ts';
import { readAttachments } from '../../src/adapters/mail-in/parse-mime.ts';
import { emailRoutingAuthenticator } from '../../src/adapters/mail-in/relay-verdict.ts';
import type { LocalMailbox } from '../../src/adapters/mail-out/local-mailbox.ts';
import { renderOutboxEmail } from '../../src/adapters/mail-out/render-email.ts';
import { deliverOutbox } from '../../src/app/deliver-outbox.ts';
import type { Deps } from '../../src/app/ports.ts';
import type { Config } from '../../src/config/schema.ts';

/** Baton's dependencies for a benchmark: a real store and renderer, a local mailbox, silent logs, `now` as the clock. */
export function benchDeps(db: Database, config: Config, mailbox: LocalMailbox, now: () => Date): Deps {
  const deps: Deps = {
    store: createStore(db),
    mailer: mailbox,
    render: renderOutboxEmail,
    deliver: async (ids) => {
      await deliverOutbox(deps, ids);
    },
    clock: { now },
    log: { info() {}, warn() {}, error() {} },
    config,
    secrets: ['bench'],
    tokens: replyTokens(['bench']),
    authenticate: emailRoutingAuthenticator(),
    readAttachments,
    publicUrl: null,
  };
  return deps;
}
