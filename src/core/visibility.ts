import type { Directory } from './directory.ts';

/**
 * Who looks at the dashboard: an API token holder sees everything; a signed-in member sees the
 * handoffs they gave or received, and a manager also those of their reports.
 */
export type Viewer = { kind: 'everyone' } | { kind: 'member'; email: string; sees: readonly string[] };

/**
 * The members whose handoffs a member sees: themselves, everyone who reports to them directly or
 * through a manager below them (the config's `manager`), and the members of teams they are the
 * contact of.
 */
export function visibleMembers(directory: Directory, email: string): string[] {
  const seen = new Set([email]);
  for (const team of directory.teams) if (team.contact === email) for (const m of team.members) seen.add(m);
  let frontier = [email];
  while (frontier.length > 0) {
    const reports = directory.members.filter(
      (m) => m.manager && frontier.includes(m.manager) && !seen.has(m.email),
    );
    for (const m of reports) seen.add(m.email);
    frontier = reports.map((m) => m.email);
  }
  return [...seen].sort();
}

export function memberViewer(directory: Directory, email: string): Viewer {
  return { kind: 'member', email, sees: visibleMembers(directory, email) };
}

/** The addresses a query narrows to for this viewer, or null for everything. */
export function viewerMembers(viewer: Viewer): readonly string[] | null {
  return viewer.kind === 'everyone' ? null : viewer.sees;
}

/** Whether the viewer may open this handoff: it was given or received by someone they see. */
export function canSee(
  viewer: Viewer,
  handoff: { giverEmail: string; receiverEmail: string | null },
): boolean {
  if (viewer.kind === 'everyone') return true;
  return (
    viewer.sees.includes(handoff.giverEmail) ||
    (handoff.receiverEmail !== null && viewer.sees.includes(handoff.receiverEmail))
  );
}
