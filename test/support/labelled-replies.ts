import { readFileSync } from 'node:fs';
import type { Intent } from '../../src/core/reply/read-reply.ts';

/** One labelled reply of test/fixtures/replies/*.jsonl (see its README). */
export interface LabelledReply {
  id: string;
  lang: string;
  client?: string;
  text: string;
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
