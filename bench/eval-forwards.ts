/**
 * How well Baton reads forwarded leads: the original's sender address and name, subject and date, on
 * the labelled forwards of test/fixtures/forwards, by client and by language.
 *
 *   node --import tsx bench/eval-forwards.ts [--misses]
 */
import { parseArgs } from 'node:util';
import { loadLabelledForwards, scoreForward } from '../test/support/labelled-forwards.ts';

const { values } = parseArgs({ options: { misses: { type: 'boolean', default: false } } });
const pct = (n: number, d: number) => (d === 0 ? '   n/a' : `${((100 * n) / d).toFixed(1).padStart(5)}%`);

const rows = await loadLabelledForwards();
const fields = ['address', 'name', 'subject', 'date'] as const;
const total = Object.fromEntries(fields.map((f) => [f, 0])) as Record<(typeof fields)[number], number>;
const by = () => {
  const groups = new Map<string, { n: number; address: number }>();
  return {
    add(value: string, ok: boolean) {
      const g = groups.get(value) ?? { n: 0, address: 0 };
      g.n += 1;
      if (ok) g.address += 1;
      groups.set(value, g);
    },
    print(title: string) {
      const line = [...groups]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, g]) => `${k} ${g.address}/${g.n}`)
        .join(' · ');
      console.log(`  ${title}: ${line}`);
    },
  };
};
const groups = { client: by(), lang: by(), format: by() };
const misses: string[] = [];
for (const row of rows) {
  const score = scoreForward(row);
  for (const f of fields) if (score[f]) total[f] += 1;
  for (const key of ['client', 'lang', 'format'] as const) groups[key].add(row[key], score.address);
  const wrong = fields.filter((f) => !score[f]);
  if (wrong.length > 0)
    misses.push(
      `${row.id} (${row.client}, ${row.lang}, ${row.format}) ${wrong.join('+')}: got ${JSON.stringify({
        from: score.found?.from ?? null,
        subject: score.found?.subject ?? null,
        date: score.found?.date ?? null,
        readAt: score.readAt?.toISOString() ?? null,
      })} want ${JSON.stringify(row.expected)}`,
    );
}
console.log(`Forwarded leads: ${rows.length}`);
for (const f of fields)
  console.log(`  ${f.padEnd(8)} ${pct(total[f], rows.length)} (${total[f]}/${rows.length})`);
console.log('Lead address read, by group:');
groups.format.print('format');
groups.client.print('client');
groups.lang.print('language');
if (values.misses) for (const m of misses) console.log(`  miss ${m}`);
