import { findMember } from '../core/directory.ts';
import {
  LINKS_PER_HOUR,
  type LinkRefusal,
  linkRefusal,
  SESSION_MS,
  SIGN_IN_LINK_MS,
  safeNext,
} from '../core/sign-in.ts';
import { formatLocal } from '../core/time/business-time.ts';
import { memberViewer, type Viewer } from '../core/visibility.ts';
import type { Deps } from './ports.ts';
import { queueEmail } from './steps/queue-email.ts';

const HOUR_MS = 3_600_000;

/** 256 random bits, URL-safe. Web Crypto: the same global on Node and on Workers. */
function newToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

async function hashToken(token: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(token));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Emails a one-time sign-in link to a member. Whoever asks hears the same answer whether or not the
 * address is a member's, so the form tells nobody who works here; non-members get nothing.
 */
export async function requestSignInLink(
  deps: Deps,
  request: { address: string; baseUrl: string; next: string | null },
): Promise<void> {
  const member = findMember(deps.config.directory, request.address);
  if (!member) {
    deps.log.info('sign-in link not sent: not a member');
    return;
  }
  const { store } = deps;
  const now = deps.clock.now();
  const recent = await store.outbox.countSince(
    store.pool,
    member.email,
    ['sign-in-link'],
    new Date(now.getTime() - HOUR_MS),
  );
  if (recent >= LINKS_PER_HOUR) {
    deps.log.warn('sign-in link not sent: hourly cap reached', { recent });
    return;
  }
  const token = newToken();
  const expiresAt = new Date(now.getTime() + SIGN_IN_LINK_MS);
  const next = safeNext(request.next);
  const link = `${request.baseUrl.replace(/\/+$/, '')}/dashboard/sign-in/${token}${next === '/dashboard' ? '' : `?next=${encodeURIComponent(next)}`}`;
  const id = await store.transaction(async (tx) => {
    await store.signIns.createLink(tx, {
      tokenHash: await hashToken(token),
      email: member.email,
      createdAt: now,
      expiresAt,
    });
    return queueEmail(tx, deps, {
      handoff: null,
      kind: 'sign-in-link',
      to: member,
      props: { name: member.name, link, expiresLocal: formatLocal(expiresAt, member.schedule.timeZone) },
    });
  });
  await deps.deliver([id]);
}

export type SignInResult =
  | { ok: true; sessionToken: string; expiresAt: Date; email: string }
  | { ok: false; code: LinkRefusal | 'not_a_member' };

/** Redeems a link, once, for a new session. */
export async function signInWithLink(deps: Deps, token: string): Promise<SignInResult> {
  const { store } = deps;
  const now = deps.clock.now();
  const tokenHash = await hashToken(token);
  const email = await store.signIns.claimLink(tokenHash, now);
  if (!email)
    return { ok: false, code: linkRefusal(await store.signIns.findLink(store.pool, tokenHash), now) };
  // Someone removed from the config since the link was sent no longer signs in.
  if (!findMember(deps.config.directory, email)) return { ok: false, code: 'not_a_member' };
  const sessionToken = newToken();
  const expiresAt = new Date(now.getTime() + SESSION_MS);
  await store.signIns.createSession({
    tokenHash: await hashToken(sessionToken),
    email,
    createdAt: now,
    expiresAt,
  });
  return { ok: true, sessionToken, expiresAt, email };
}

/** The viewer a session cookie stands for, or null when it is unknown, expired or its member left. */
export async function viewerOfSession(deps: Deps, sessionToken: string): Promise<Viewer | null> {
  const email = await deps.store.signIns.touchSession(await hashToken(sessionToken), deps.clock.now());
  if (!email || !findMember(deps.config.directory, email)) return null;
  return memberViewer(deps.config.directory, email);
}

export async function signOut(deps: Deps, sessionToken: string): Promise<void> {
  await deps.store.signIns.deleteSession(await hashToken(sessionToken));
}
