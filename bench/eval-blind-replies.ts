/**
 * Reply reading on the blind sets (test/fixtures/replies/blind-*.jsonl): each reply built as a real
 * message (plain text, or HTML only) and read through `readReply`, as the pipeline reads it. Reports
 * intent precision/recall per intent and per language, action accuracy (the extracted action contains
 * the labelled name or object) and due-time accuracy.
 *
 *   node --import tsx bench/eval-blind-replies.ts [--misses] [--set blind-a.jsonl]
 */
import { parseArgs } from 'node:util';
import { parseMime } from '../src/adapters/mail-in/parse-mime.ts';
import { readReply } from '../src/core/reply/read-reply.ts';
import { buildEml } from '../test/support/eml.ts';
import { BLIND_SETS, loadLabelledReplies, readContextOf } from '../test/support/labelled-replies.ts';

const { values } = parseArgs({
  options: { misses: { type: 'boolean', default: false }, set: { type: 'string', multiple: true } },
});
const pct = (n: number, d: number) => (d === 0 ? '   n/a' : `${((100 * n) / d).toFixed(1).padStart(5)}%`);
const lower = (s: string | null | undefined) => (s ?? '').normalize('NFC').toLowerCase();

for (const set of values.set ?? BLIND_SETS) {
  const rows = loadLabelledReplies(set);
  const confusion = new Map<string, number>();
  const byLanguage = new Map<string, { n: number; ok: number }>();
  let intentOk = 0;
  let actionN = 0;
  let actionOk = 0;
  let dueN = 0;
  let dueOk = 0;
  let declineAsCommit = 0;
  const misses: string[] = [];
  for (const row of rows) {
    const sentAt = new Date(row.sentAt);
    const raw = await buildEml({
      from: 'receiver@example.com',
      to: 'reply+token@handoffs.example.com',
      subject: 'Re: [H-1] Acme Corp',
      date: sentAt,
      ...(row.html ? { html: row.html } : { text: row.text }),
    });
    const got = readReply(await parseMime(raw), readContextOf(row));
    const key = `${row.intent}>${got.intent}`;
    confusion.set(key, (confusion.get(key) ?? 0) + 1);
    const language = byLanguage.get(row.lang) ?? { n: 0, ok: 0 };
    language.n += 1;
    if (got.intent === row.intent) {
      intentOk += 1;
      language.ok += 1;
    } else
      misses.push(
        `${row.id} intent ${row.intent} → ${got.intent} (${got.rule}): ${JSON.stringify(row.text || row.html)}`,
      );
    byLanguage.set(row.lang, language);
    if (row.intent === 'decline' && got.intent === 'commit') declineAsCommit += 1;
    if (row.intent === 'commit') {
      if (row.action) {
        actionN += 1;
        if (lower(got.action).includes(lower(row.action))) actionOk += 1;
        else misses.push(`${row.id} action ${JSON.stringify(row.action)} → ${JSON.stringify(got.action)}`);
      }
      dueN += 1;
      const want = row.due ? new Date(row.due).getTime() : null;
      const have = got.intent === 'commit' && got.due ? got.due.getTime() : null;
      if (want === have) dueOk += 1;
      else
        misses.push(
          `${row.id} due ${row.due} → ${have === null ? null : new Date(have).toISOString()}: ${JSON.stringify(row.text || row.html)}`,
        );
    }
  }
  console.log(`\n## ${set}: ${rows.length} replies`);
  console.log(
    `intent accuracy ${pct(intentOk, rows.length)} (${intentOk}/${rows.length}); declines read as commitments: ${declineAsCommit}`,
  );
  console.log('intent         precision  recall   support');
  for (const intent of [...new Set(rows.map((r) => r.intent))].sort()) {
    let tp = 0;
    let predicted = 0;
    let actual = 0;
    for (const [k, count] of confusion) {
      const [want, have] = k.split('>');
      if (have === intent) predicted += count;
      if (want === intent) actual += count;
      if (want === intent && have === intent) tp += count;
    }
    console.log(
      `${intent.padEnd(14)} ${pct(tp, predicted).padStart(9)} ${pct(tp, actual).padStart(8)} ${String(actual).padStart(8)}`,
    );
  }
  console.log(`by language: ${[...byLanguage].map(([l, s]) => `${l} ${s.ok}/${s.n}`).join(' · ')}`);
  console.log(`action (contains the lead or object) ${pct(actionOk, actionN)} (${actionOk}/${actionN})`);
  console.log(`due time (commit)                    ${pct(dueOk, dueN)} (${dueOk}/${dueN})`);
  if (values.misses) for (const m of misses) console.log(`  miss ${m}`);
}
