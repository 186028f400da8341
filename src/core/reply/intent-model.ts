/*
 * A second reader for the replies the rules find nothing in. The rules are precise when they fire, but
 * a phrasing nobody listed ("No me lo puedo quedar", "Déjà traité", "今回は見送らせてください") falls
 * through to "vague". There a logistic-regression vote over the reply's words decides, trained offline on the
 * labelled replies (`npm run train:replies` writes intent-model.json); it is deterministic, works
 * offline, and names the words that decided.
 *
 * Features are presence-only: words and word pairs (lower-case, Latin accents folded, digits as 0), the
 * first word, character 1–3-grams of Japanese and Chinese runs (no spaces between words there),
 * "<time>" when the text names a time and "<q>" for a question mark.
 */
import { ADDRESS_SOURCE } from './address-pattern.ts';
import type { ReplyIntent } from './classify.ts';

export interface IntentModel {
  intents: ReplyIntent[];
  /** Per intent: the score of a reply with no known feature. */
  bias: number[];
  /** Feature → weight per intent (same order as `intents`); features seen in fewer than two replies are dropped. */
  weights: Record<string, number[]>;
}

export interface IntentVote {
  intent: ReplyIntent;
  probability: number;
  /** The features that most favoured the winner over the runner-up, readable ("no puedo", "見送"). */
  evidence: string[];
}

export interface TrainingExample {
  features: readonly string[];
  intent: ReplyIntent;
}

const MIN_COUNT = 2;
const MAX_FEATURE_TEXT = 4 * 1024;

const EMAIL = new RegExp(ADDRESS_SOURCE, 'gu');
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー]+/gu;
const LATIN_ACCENTED = /[\u00C0-\u024F]/g;

/** The features of a reply's cleaned text; `hasTime` says whether the due reader found a time in it. */
export function replyFeatures(text: string, hasTime: boolean): string[] {
  const normal = text
    .slice(0, MAX_FEATURE_TEXT)
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[’‘`]/g, "'")
    .replace(EMAIL, ' zemail ')
    .replace(LATIN_ACCENTED, (c) => c.normalize('NFD')[0] ?? c)
    .replace(/\d+/g, '0');
  const out = new Set<string>();
  if (hasTime) out.add('<time>');
  if (/[?？]/u.test(normal)) out.add('<q>');
  for (const run of normal.match(CJK) ?? []) {
    const chars = [...run];
    for (let i = 0; i < chars.length; i += 1) {
      out.add(`c:${chars[i]}`);
      if (i + 1 < chars.length) out.add(`c:${chars[i]}${chars[i + 1]}`);
      if (i + 2 < chars.length) out.add(`c:${chars[i]}${chars[i + 1]}${chars[i + 2]}`);
    }
  }
  const words = normal.replace(CJK, ' ').match(/[\p{L}\p{N}']+/gu) ?? [];
  if (words.length > 0) out.add(`s:${words[0]}`);
  for (let i = 0; i < words.length; i += 1) {
    out.add(`w:${words[i]}`);
    if (i + 1 < words.length) out.add(`b:${words[i]} ${words[i + 1]}`);
  }
  return [...out];
}

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

/** The intent the words vote for, its probability and the words that decided. */
export function voteIntent(model: IntentModel, features: readonly string[]): IntentVote {
  const known = features.filter((f) => Object.hasOwn(model.weights, f));
  const scores = model.intents.map((_, k) =>
    known.reduce((sum, f) => sum + model.weights[f]![k]!, model.bias[k]!),
  );
  const order = scores.map((_, k) => k).sort((a, c) => scores[c]! - scores[a]! || a - c);
  const [best, second] = [order[0]!, order[1] ?? order[0]!];
  const max = scores[best]!;
  const sum = scores.reduce((acc, s) => acc + Math.exp(s - max), 0);
  const evidence = known
    .map((f) => ({ f, weight: model.weights[f]![best]! - model.weights[f]![second]! }))
    .filter((e) => e.weight > 0 && !e.f.startsWith('<'))
    .sort((a, c) => c.weight - a.weight || (a.f < c.f ? -1 : 1))
    .slice(0, 3)
    .map((e) => e.f.slice(2));
  return { intent: model.intents[best]!, probability: 1 / sum, evidence };
}

/** The model as written to intent-model.json: one feature per line, so a retrained model diffs readably. */
export function serializeIntentModel(model: IntentModel): string {
  const head = JSON.stringify({ intents: model.intents, bias: model.bias });
  const weights = Object.entries(model.weights).map(
    ([f, row]) => `${JSON.stringify(f)}:${JSON.stringify(row)}`,
  );
  return `${head.slice(0, -1)},"weights":{\n${weights.join(',\n')}\n}}\n`;
}
