/*
 * Measures how often each family of reply-reading rules is right on the labelled replies and writes
 * src/core/reply/rule-confidence.json, the table a reading's `confidence` comes from. Rerun after
 * changing the rules, the words model or the labelled sets (a unit test fails until then).
 * Run: npm run calibrate:replies
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { calibrateReplies, serializeCalibration } from './reply-calibration.ts';

const OUT = fileURLToPath(new URL('../src/core/reply/rule-confidence.json', import.meta.url));

const calibration = calibrateReplies();
writeFileSync(OUT, serializeCalibration(calibration));
for (const [family, { decided, correct, confidence }] of Object.entries(calibration.families))
  console.log(
    `${family.padEnd(28)} ${String(correct).padStart(4)}/${String(decided).padEnd(4)} ${confidence.toFixed(3)}`,
  );
console.log(`→ ${OUT}`);
