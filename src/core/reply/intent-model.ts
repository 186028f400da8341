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
import type { ReplyIntent } from './intent.ts';

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
