/** A sign-in link works once, for this long after it was sent. */
export const SIGN_IN_LINK_MS = 15 * 60_000;

/** A session from a link lasts this long; signing in again starts a new one. */
export const SESSION_MS = 7 * 86_400_000;

/** How many links one address may be sent an hour: asking again and again is not a way to spam it. */
export const LINKS_PER_HOUR = 5;

export type LinkRefusal = 'unknown' | 'used' | 'expired';

/** Why a link that could not be claimed is refused, from its stored row (null: never issued). */
export function linkRefusal(link: { usedAt: Date | null; expiresAt: Date } | null, now: Date): LinkRefusal {
  if (!link) return 'unknown';
  if (link.usedAt) return 'used';
  return link.expiresAt <= now ? 'expired' : 'used';
}

/** Where to go after signing in: only a dashboard path, never another site. */
export function safeNext(next: string | null | undefined): string {
  return next && /^\/dashboard(\/[\w\-./]*)?(\?[\w\-.=&%]*)?$/.test(next) && !next.includes('//')
    ? next
    : '/dashboard';
}
