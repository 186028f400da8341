/*
 * How often each rule of reply reading is right, measured on the labelled replies: the table behind a
 * reading's `confidence` (src/core/reply/confidence.ts). Deterministic: the same sets and the same
 * reader give the same table, which a unit test checks against src/core/reply/rule-confidence.json.
 */
import { ruleFamily } from '../src/core/reply/confidence.ts';
import { readText } from '../src/core/reply/read-reply.ts';
import {
  LABELLED_SETS,
  type LabelledReply,
  loadLabelledReplies,
  readContextOf,
} from '../test/support/labelled-replies.ts';

/**
 * Every labelled set that is not held out: the sets the rules and the words model learnt from, and the
 * Italian and Dutch sets (written blind before their lexicons, never trained on: the only ones here on
 * which the reader still errs). The blind sets (blind-a … blind-g) are held out for evaluation, never read here.
 */
export const CALIBRATION_SETS: readonly string[] = [...LABELLED_SETS, 'italian.jsonl', 'dutch.jsonl'];

export interface FamilyCalibration {
  /** Replies this family of rules decided. */
  decided: number;
  /** Of those, read right: the labelled intent and, for a commitment, the labelled due time too. */
  correct: number;
  /** (correct + 1) / (decided + 2), rounded to three places: precision, smoothed towards ½ when evidence is thin. */
  confidence: number;
}

export interface Calibration {
  sets: readonly string[];
  families: Record<string, FamilyCalibration>;
}

/** Smoothed precision: with no evidence ½, and never quite 0 or 1. */
export function smoothedPrecision(correct: number, decided: number): number {
  return Math.round((1000 * (correct + 1)) / (decided + 2)) / 1000;
}

function readRight(row: LabelledReply): { family: string; right: boolean } {
  const got = readText(row.text, new Date(row.sentAt), readContextOf(row));
  const wantDue = row.due ? new Date(row.due).getTime() : null;
  const right =
    got.intent === row.intent && (got.intent !== 'commit' || (got.due?.getTime() ?? null) === wantDue);
  return { family: ruleFamily(got.rule), right };
}

/** Reads every calibration set as the evaluation does (readText, the receiver's zone and hours). */
export function calibrateReplies(sets: readonly string[] = CALIBRATION_SETS): Calibration {
  const counts = new Map<string, { decided: number; correct: number }>();
  for (const name of sets) {
    for (const row of loadLabelledReplies(name)) {
      const { family, right } = readRight(row);
      const count = counts.get(family) ?? { decided: 0, correct: 0 };
      count.decided += 1;
      if (right) count.correct += 1;
      counts.set(family, count);
    }
  }
  const families: Record<string, FamilyCalibration> = {};
  for (const [family, { decided, correct }] of [...counts].sort(([a], [b]) => (a < b ? -1 : 1)))
    families[family] = { decided, correct, confidence: smoothedPrecision(correct, decided) };
  return { sets, families };
}

/** The table as committed: formatted as the formatter leaves it. */
export function serializeCalibration(calibration: Calibration): string {
  return `${JSON.stringify(calibration, null, 2)}\n`;
}
