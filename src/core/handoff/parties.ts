import { type Directory, findMember, type Member } from '../directory.ts';
import type { Handoff } from './handoff.ts';
import type { Playbook } from './playbook.ts';

export interface Parties {
  playbook: Playbook;
  giver: Member;
  receiver: Member;
}

/**
 * The playbook, giver and receiver a stored handoff names, as the config knows them now; null when
 * the config no longer has one of them (a member or playbook was removed since).
 */
export function partiesOf(
  handoff: Handoff,
  config: { playbooks: readonly Playbook[]; directory: Directory },
): Parties | null {
  const playbook = config.playbooks.find((p) => p.id === handoff.playbookId);
  const giver = findMember(config.directory, handoff.giverEmail);
  const receiver = findMember(config.directory, handoff.receiverEmail ?? '');
  return playbook && giver && receiver ? { playbook, giver, receiver } : null;
}
