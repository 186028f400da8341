import type { Schedule } from './time/business-time.ts';

/** A person Baton knows. Emails are lower-case. */
export interface Member {
  email: string;
  name: string;
  aliases: readonly string[];
  manager: string | null;
  schedule: Schedule;
  calendarLink: string | null;
}

/** A named group reached through its single point of contact. */
export interface Team {
  id: string;
  name: string;
  contact: string;
  members: readonly string[];
}

/** Who Baton knows, looked up by any address a person writes from. */
export interface Directory {
  members: readonly Member[];
  teams: readonly Team[];
}

/** The member owning an address (primary or alias), case-insensitively. */
export function findMember(directory: Directory, address: string): Member | null {
  const wanted = address.trim().toLowerCase();
  return directory.members.find((m) => m.email === wanted || m.aliases.includes(wanted)) ?? null;
}

/** The team an address names: `team:<id>`, `<id>@<mailDomain>`-style local parts are the caller's business. */
export function findTeam(directory: Directory, id: string): Team | null {
  const wanted = id.trim().toLowerCase();
  return directory.teams.find((t) => t.id === wanted) ?? null;
}

/** A recipient of a handoff: a member directly, or a team through its contact. */
export type Recipient = { kind: 'member'; member: Member } | { kind: 'team'; team: Team; member: Member };

/** Resolves a member address or a team id to the person who actually receives mail. */
export function resolveRecipient(directory: Directory, nameOrAddress: string): Recipient | null {
  const member = findMember(directory, nameOrAddress);
  if (member) return { kind: 'member', member };
  const teamId = nameOrAddress.replace(/^team:/i, '');
  const team = findTeam(directory, teamId);
  if (!team) return null;
  const contact = findMember(directory, team.contact);
  return contact ? { kind: 'team', team, member: contact } : null;
}
