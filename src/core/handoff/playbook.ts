import type { Duration } from '../time/duration.ts';

/** One field a playbook asks the giver for. */
export interface PlaybookField {
  key: string;
  label: string;
  synonyms: readonly string[];
  required: boolean;
  hint: string;
}

/** Who an escalation level writes to. */
export type EscalationTarget =
  | { kind: 'manager' }
  | { kind: 'giver' }
  | { kind: 'team'; id: string }
  | { kind: 'member'; email: string };

export interface EscalationLevel {
  after: Duration;
  to: readonly EscalationTarget[];
  /** `working-hours` holds a notice to its recipient's next working start; `immediately` does not. */
  deliver: 'working-hours' | 'immediately';
}

/** One kind of transition: its fields, windows, chain and triage rule. */
export interface Playbook {
  id: string;
  name: string;
  fields: readonly PlaybookField[];
  ackWithin: Duration;
  escalate: readonly EscalationLevel[];
  repeat: number;
  remindBefore: Duration | null;
  followThroughGrace: Duration;
  handoffWithin: Duration;
  reachOutWithin: Duration;
  defaultReceiver: string | null;
  triage: { fullShare: number; windowDays: number } | null;
  light: { prospectEmail: boolean } | null;
}

/** A date range during which the default address uses another playbook. */
export interface Season {
  from: string;
  to: string;
  playbook: string;
}

/** The playbook the default address uses on a local date ('YYYY-MM-DD'), honouring seasons. */
export function defaultPlaybookOn(date: string, defaultId: string, seasons: readonly Season[]): string {
  const season = seasons.find((s) => s.from <= date && date <= s.to);
  return season ? season.playbook : defaultId;
}
