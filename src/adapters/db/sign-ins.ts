import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import type { Reader, SignIns, Tx } from '../../app/ports.ts';

/** Sign-in links and sessions; a link is claimed with one UPDATE, so two clicks cannot both win. */
export function signInStore(db: Kysely<DB>, k: (on: Reader | Tx) => Kysely<DB>): SignIns {
  return {
    createLink: async (tx, link) => {
      await k(tx)
        .insertInto('sign_in_links')
        .values({
          token_hash: link.tokenHash,
          email: link.email,
          created_at: link.createdAt,
          expires_at: link.expiresAt,
        })
        .execute();
    },
    claimLink: async (tokenHash, now) => {
      const row = await db
        .updateTable('sign_in_links')
        .set({ used_at: now })
        .where('token_hash', '=', tokenHash)
        .where('used_at', 'is', null)
        .where('expires_at', '>', now)
        .returning('email')
        .executeTakeFirst();
      return row?.email ?? null;
    },
    findLink: async (on, tokenHash) => {
      const row = await k(on)
        .selectFrom('sign_in_links')
        .select(['used_at', 'expires_at'])
        .where('token_hash', '=', tokenHash)
        .executeTakeFirst();
      return row ? { usedAt: row.used_at, expiresAt: row.expires_at } : null;
    },
    createSession: async (session) => {
      await db
        .insertInto('sessions')
        .values({
          token_hash: session.tokenHash,
          email: session.email,
          created_at: session.createdAt,
          expires_at: session.expiresAt,
          last_seen_at: session.createdAt,
        })
        .execute();
    },
    // A write, not a SELECT: Hyperdrive would serve a cached answer for a session just signed out.
    touchSession: async (tokenHash, now) => {
      const row = await db
        .updateTable('sessions')
        .set({ last_seen_at: now })
        .where('token_hash', '=', tokenHash)
        .where('expires_at', '>', now)
        .returning('email')
        .executeTakeFirst();
      return row?.email ?? null;
    },
    deleteSession: async (tokenHash) => {
      await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
    },
  };
}
