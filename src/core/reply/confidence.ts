/*
 * How far a reading can be trusted: the share of replies its family of rules read right on the labelled
 * sets (measured by `npm run calibrate:replies` into rule-confidence.json), so that a commitment read by
 * a rule that is often wrong is confirmed with the receiver before anyone relies on it.
 */
import calibration from './rule-confidence.json' with { type: 'json' };

interface FamilyCalibration {
  decided: number;
  correct: number;
  confidence: number;
}

const FAMILIES: Readonly<Record<string, FamilyCalibration>> = calibration.families;

/**
 * A family the labelled sets never saw: the smoothed precision of no evidence, (0 + 1) / (0 + 2). It is
 * below the confirmation threshold, so a commitment read by a rule never measured is confirmed first.
 */
export const UNCALIBRATED_CONFIDENCE = 0.5;

/**
 * Below this confidence a commitment is not taken as given: the receiver is asked once to confirm the
 * step Baton understood (core/handoff/decide-reply.ts). The choice: a commitment family is uncertain
 * when, on the calibration sets, more than 1 in 10 of its commitments had the wrong intent or due time,
 * i.e. a smoothed precision below 0.9. Measured when it was chosen (correct/decided, confidence):
 * commit:verb+time 490/492 (0.994), commit:verb+object 62/64 (0.955), commit:promise+time 27/28 (0.933),
 * model:commit 2/3 (0.600, the words model: a wrong due on it-011). Only model:commit falls below; a
 * family as thin as two or three readings would also fall below however right it was ((3+1)/(3+2) = 0.8),
 * which is meant: a guess with little evidence behind it is confirmed.
 */
export const CONFIRM_BELOW = 0.9;

/** A rule's family: its name without the words model's evidence ('model:commit (ok, a)' → 'model:commit'). */
export function ruleFamily(rule: string): string {
  const open = rule.indexOf(' (');
  return open === -1 ? rule : rule.slice(0, open);
}

/** The calibrated confidence of a text rule (UNCALIBRATED_CONFIDENCE for a family never measured). */
export function ruleConfidence(rule: string): number {
  return FAMILIES[ruleFamily(rule)]?.confidence ?? UNCALIBRATED_CONFIDENCE;
}
