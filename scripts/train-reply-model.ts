/*
 * Trains the words model of reply reading (src/core/reply/intent-model.ts) on every labelled set in
 * test/fixtures/replies and writes src/core/reply/intent-model.json. Deterministic: the same sets give
 * the same file, which a unit test checks. Run: npm run train:replies
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { LABELLED_SETS, loadLabelledReplies, trainOnLabelled } from '../test/support/labelled-replies.ts';
import { serializeIntentModel } from './intent-model-training.ts';

const OUT = fileURLToPath(new URL('../src/core/reply/intent-model.json', import.meta.url));

const rows = LABELLED_SETS.flatMap((name) => loadLabelledReplies(name));
const model = trainOnLabelled(rows);
writeFileSync(OUT, serializeIntentModel(model));
console.log(
  `trained on ${rows.length} labelled replies: ${Object.keys(model.weights).length} features → ${OUT}`,
);
