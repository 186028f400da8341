import { firstAddress, withoutAddresses } from './reply/address-pattern.ts';
/**
 * Whether a scored handoff gets the full ritual (acknowledgment, escalation): its score must be in
 * the top `fullShare` of the playbook's recent scores, itself included. Unscored handoffs always
 * get the full ritual: triage only ever lightens what a giver or CRM chose to score.
 */
export function isFullRitual(
  score: number | null,
  recentScores: readonly number[],
  fullShare: number,
): boolean {
  if (score === null) return true;
  const all = [...recentScores, score].sort((a, b) => b - a);
  const cutoff = all[Math.max(0, Math.ceil(all.length * fullShare) - 1)]!;
  return score >= cutoff;
}

/** The first email address in a lead field ("Jane Roe <jane@acme.io>, CTO"), lower-cased, or null. */
export function leadAddress(lead: string | undefined): string | null {
  return firstAddress(lead ?? '');
}

/** The lead's name: the lead field's first line without its address. */
export function leadName(lead: string | undefined): string {
  const first = (lead ?? '').split('\n')[0] ?? '';
  return (
    withoutAddresses(first.replace(/<[^>]*>/g, ''))
      .split(',')[0]!
      .trim() || 'there'
  );
}
