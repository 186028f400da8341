import { isBatonAddress } from './addresses.ts';
import { type Directory, findMember, type Recipient, resolveRecipient } from './directory.ts';
import type { Address } from './message.ts';
import { firstAddress } from './reply/address-pattern.ts';

export type ReceiverChoice =
  | { ok: true; recipient: Recipient; how: 'to-cc' | 'team-address' | 'receiver-line' | 'playbook-default' }
  | { ok: false; code: 'unknown-receiver'; attempted: string | null };

export interface ReceiverInput {
  to: readonly Address[];
  cc: readonly Address[];
  /** A team addressed as `<team-id>@<mailDomain>`. */
  teamAddress: string | null;
  receiverLine: string | null;
  giverEmail: string;
  mailDomain: string;
  playbookDefault: string | null;
}

/**
 * Who receives a new handoff: the first member among To/Cc other than Baton and the giver,
 * else a team addressed at the mail domain, else a `Receiver:` line, else the playbook default.
 */
export function chooseReceiver(directory: Directory, input: ReceiverInput): ReceiverChoice {
  const giver = findMember(directory, input.giverEmail);
  for (const { address } of [...input.to, ...input.cc]) {
    if (isBatonAddress(address, input.mailDomain)) continue;
    const member = findMember(directory, address);
    if (member && member.email !== giver?.email)
      return { ok: true, recipient: { kind: 'member', member }, how: 'to-cc' };
  }
  if (input.teamAddress) {
    const recipient = resolveRecipient(directory, input.teamAddress);
    if (recipient) return { ok: true, recipient, how: 'team-address' };
  }
  if (input.receiverLine) {
    const recipient = resolveByLine(directory, input.receiverLine);
    return recipient
      ? { ok: true, recipient, how: 'receiver-line' }
      : { ok: false, code: 'unknown-receiver', attempted: input.receiverLine };
  }
  if (input.playbookDefault) {
    const recipient = resolveRecipient(directory, input.playbookDefault);
    if (recipient) return { ok: true, recipient, how: 'playbook-default' };
  }
  return { ok: false, code: 'unknown-receiver', attempted: null };
}

/** A `Receiver:` line may hold an address, "Name <address>", a member's name, a team id or a team name. */
export function resolveByLine(directory: Directory, line: string): Recipient | null {
  const text = line.trim();
  const address = firstAddress(text);
  if (address) return resolveRecipient(directory, address);
  const wanted = text.toLowerCase().replace(/\s+/g, ' ');
  const byName = directory.members.filter((m) => m.name.toLowerCase() === wanted);
  if (byName.length === 1 && byName[0]) return { kind: 'member', member: byName[0] };
  const team = directory.teams.find(
    (t) => t.name.toLowerCase() === wanted || t.id === wanted.replace(/^team:/, ''),
  );
  if (team) return resolveRecipient(directory, team.id);
  // A unique first name is what people type: "Receiver: Bob".
  const byFirstName = directory.members.filter((m) => m.name.toLowerCase().split(' ')[0] === wanted);
  return byFirstName.length === 1 && byFirstName[0] ? { kind: 'member', member: byFirstName[0] } : null;
}
