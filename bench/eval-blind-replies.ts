/**
 * Reply reading on the blind sets (test/fixtures/replies/blind-*.jsonl), read as the pipeline reads
 * them (see test/support/blind-replies.ts): intent precision/recall per intent and per language, action
 * accuracy (the extracted action contains the labelled name or object) and due-time accuracy.
 *
 *   node --import tsx bench/eval-blind-replies.ts [--misses] [--set blind-a.jsonl]
 */
import { parseArgs } from 'node:util';
import { scoreBlindSet } from '../test/support/blind-replies.ts';
import { BLIND_SETS, loadLabelledReplies } from '../test/support/labelled-replies.ts';

const { values } = parseArgs({
  options: { misses: { type: 'boolean', default: false }, set: { type: 'string', multiple: true } },
});
const pct = (n: number, d: number) => (d === 0 ? '   n/a' : `${((100 * n) / d).toFixed(1).padStart(5)}%`);

for (const set of values.set ?? BLIND_SETS) {
  const rows = loadLabelledReplies(set);
  const s = await scoreBlindSet(rows);
  console.log(`\n## ${set}: ${s.n} replies`);
  console.log(
    `intent accuracy ${pct(s.intent, s.n)} (${s.intent}/${s.n}); declines read as commitments: ${s.declinesAsCommitments}`,
  );
  console.log('intent         precision  recall   support');
  for (const intent of [...new Set(rows.map((r) => r.intent))].sort()) {
    let tp = 0;
    let predicted = 0;
    let actual = 0;
    for (const [k, count] of s.confusion) {
      const [want, have] = k.split('>');
      if (have === intent) predicted += count;
      if (want === intent) actual += count;
      if (want === intent && have === intent) tp += count;
    }
    console.log(
      `${intent.padEnd(14)} ${pct(tp, predicted).padStart(9)} ${pct(tp, actual).padStart(8)} ${String(actual).padStart(8)}`,
    );
  }
  console.log(
    `commitments asked to confirm (confidence < threshold): ${s.confirmed.n}, of them wrong: ${s.confirmed.wrong}; wrong commitments that would reach the giver: ${s.wrongPromises}`,
  );
  console.log(`by language: ${[...s.byLanguage].map(([l, g]) => `${l} ${g.ok}/${g.n}`).join(' · ')}`);
  console.log(
    `action (contains the lead or object) ${pct(s.actions.ok, s.actions.n)} (${s.actions.ok}/${s.actions.n})`,
  );
  console.log(`due time (commit)                    ${pct(s.dues.ok, s.dues.n)} (${s.dues.ok}/${s.dues.n})`);
  if (values.misses) for (const m of s.misses) console.log(`  miss ${m}`);
}
