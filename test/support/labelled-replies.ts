import { readFileSync } from 'node:fs';
import { trainIntentModel } from '../../scripts/intent-model-training.ts';
import type { ReplyIntent } from '../../src/core/reply/classify.ts';
import type { IntentModel } from '../../src/core/reply/intent-model.ts';
import { type Intent, type ReadContext, replyTextFeatures } from '../../src/core/reply/read-reply.ts';
import { DEFAULT_WORKING_HOURS, parseWorkingHours } from '../../src/core/time/working-hours.ts';

/** One labelled reply of test/fixtures/replies/*.jsonl (see its README). */
export interface LabelledReply {
  id: string;
  lang: string;
  client?: string;
  text: string;
  /** An HTML-only reply: its whole text/html body (`text` is then empty). */
  html?: string;
  sentAt: string;
  timeZone: string;
  workingHours?: string;
  intent: Intent;
  action?: string;
  due?: string | null;
  reassignTo?: string | null;
  returnDate?: string;
}

const REPLIES = new URL('../fixtures/replies/', import.meta.url);

/** The replies of one labelled set, shared by the tests and the evaluation. */
export function loadLabelledReplies(name: string): LabelledReply[] {
  return readFileSync(new URL(name, REPLIES), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as LabelledReply);
}

/** Every labelled set, in the order the model is trained on them. */
export const LABELLED_SETS = [
  'labelled.jsonl',
  'holdout.jsonl',
  'independent.jsonl',
  'independent-2.jsonl',
  'independent-3.jsonl',
  'independent-4.jsonl',
  'independent-5.jsonl',
  'independent-6.jsonl',
  'independent-7.jsonl',
  'independent-8.jsonl',
  'independent-9.jsonl',
  'independent-10.jsonl',
];

/**
 * Sets written blind (by helpers who saw neither the rules nor the other sets), each with the action
 * a correct reading must contain; measured once as unseen, then held (see the README).
 */
export const BLIND_SETS = [
  'blind-a.jsonl',
  'blind-b.jsonl',
  'blind-c.jsonl',
  'blind-d.jsonl',
  'blind-e.jsonl',
  'blind-f.jsonl',
  'blind-g.jsonl',
];

/** The receiver's zone and working hours of a labelled reply (Mon–Fri 09:00–17:00 unless it says). */
export function readContextOf(row: LabelledReply, model?: IntentModel | null): ReadContext {
  const hours = parseWorkingHours(row.workingHours ?? DEFAULT_WORKING_HOURS);
  if (!hours.ok) throw new Error(`${row.id}: ${hours.message}`);
  return { timeZone: row.timeZone, hours: hours.value, holidays: [], model };
}

const MODEL_INTENTS: ReplyIntent[] = ['commit', 'vague', 'decline', 'reassign', 'done', 'question'];

/** The words model trained on labelled replies (auto-replies and bounces are read by other rules). */
export function trainOnLabelled(rows: readonly LabelledReply[]): IntentModel {
  const examples = rows
    .filter((row) => (MODEL_INTENTS as string[]).includes(row.intent))
    .map((row) => ({
      intent: row.intent as ReplyIntent,
      features: replyTextFeatures(row.text, new Date(row.sentAt), readContextOf(row)),
    }));
  return trainIntentModel(examples, MODEL_INTENTS);
}
