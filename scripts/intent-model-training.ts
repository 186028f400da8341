/*
 * Training of the reply-reading words model (src/core/reply/intent-model.ts): offline only, never shipped in
 * the runtime bundles. `npm run train:replies` runs it over the labelled sets.
 */
import type { ReplyIntent } from '../src/core/reply/classify.ts';
import type { IntentModel } from '../src/core/reply/intent-model.ts';

export interface TrainingExample {
  features: readonly string[];
  intent: ReplyIntent;
}

const MIN_COUNT = 2;
const ITERATIONS = 400;
const LEARNING_RATE = 0.5;
const L2 = 1e-4;
const MIN_WEIGHT = 0.05;

/**
 * Multinomial logistic regression by full-batch AdaGrad from zero weights: the same examples in the same
 * order give the same model, bit for bit.
 */
export function trainIntentModel(examples: readonly TrainingExample[], intents: ReplyIntent[]): IntentModel {
  const K = intents.length;
  const seen = new Map<string, number>();
  for (const { features } of examples) for (const f of features) seen.set(f, (seen.get(f) ?? 0) + 1);
  const vocabulary = [...seen.keys()].filter((f) => seen.get(f)! >= MIN_COUNT).sort();
  const column = new Map(vocabulary.map((f, i) => [f, i]));
  const docs = examples
    .filter((e) => intents.includes(e.intent))
    .map((e) => ({
      columns: e.features.flatMap((f) => (column.has(f) ? [column.get(f)!] : [])),
      label: intents.indexOf(e.intent),
    }));
  const W = new Float64Array(vocabulary.length * K);
  const b = new Float64Array(K);
  const gW = new Float64Array(W.length);
  const gb = new Float64Array(K);
  const hW = new Float64Array(W.length);
  const hb = new Float64Array(K);
  const p = new Float64Array(K);
  for (let iteration = 0; iteration < ITERATIONS; iteration += 1) {
    gW.fill(0);
    gb.fill(0);
    for (const { columns, label } of docs) {
      softmax(b, W, columns, K, p);
      for (let k = 0; k < K; k += 1) {
        const g = p[k]! - (k === label ? 1 : 0);
        gb[k] = gb[k]! + g;
        for (const c of columns) gW[c * K + k] = gW[c * K + k]! + g;
      }
    }
    const n = docs.length || 1;
    for (let i = 0; i < W.length; i += 1) {
      const g = gW[i]! / n + L2 * W[i]!;
      hW[i] = hW[i]! + g * g;
      if (hW[i]! > 0) W[i] = W[i]! - (LEARNING_RATE * g) / Math.sqrt(hW[i]!);
    }
    for (let k = 0; k < K; k += 1) {
      const g = gb[k]! / n;
      hb[k] = hb[k]! + g * g;
      if (hb[k]! > 0) b[k] = b[k]! - (LEARNING_RATE * g) / Math.sqrt(hb[k]!);
    }
  }
  // Two decimals, and no feature whose weights are all below 0.05: a smaller file (it ships in the Worker
  // bundle) that votes the same.
  const round = (x: number) => Math.round(x * 100) / 100 || 0;
  const weights: Record<string, number[]> = {};
  vocabulary.forEach((f, i) => {
    const row = Array.from(W.subarray(i * K, i * K + K), round);
    if (row.some((w) => Math.abs(w) >= MIN_WEIGHT)) weights[f] = row;
  });
  return { intents, bias: Array.from(b, round), weights };
}

function softmax(b: Float64Array, W: Float64Array, columns: number[], K: number, out: Float64Array): void {
  let max = -Infinity;
  for (let k = 0; k < K; k += 1) {
    let score = b[k]!;
    for (const c of columns) score += W[c * K + k]!;
    out[k] = score;
    if (score > max) max = score;
  }
  let sum = 0;
  for (let k = 0; k < K; k += 1) {
    out[k] = Math.exp(out[k]! - max);
    sum += out[k]!;
  }
  for (let k = 0; k < K; k += 1) out[k] = out[k]! / sum;
}

/** The model as written to intent-model.json: one feature per line, so a retrained model diffs readably. */
export function serializeIntentModel(model: IntentModel): string {
  const head = JSON.stringify({ intents: model.intents, bias: model.bias });
  const weights = Object.entries(model.weights).map(
    ([f, row]) => `${JSON.stringify(f)}:${JSON.stringify(row)}`,
  );
  return `${head.slice(0, -1)},"weights":{\n${weights.join(',\n')}\n}}\n`;
}
