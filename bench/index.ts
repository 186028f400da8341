/**
 * Runs every benchmark in turn (`npm run bench`); each prints its own table with ratios against
 * the baseline it measures in the same run. Pass names to run only some: `npm run bench -- tick`,
 * and flags after the names to hand them on: `npm run bench -- smtp-load --messages 10000 --connections 50`.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

const here = new URL('.', import.meta.url).pathname;
// Names select benchmarks; everything from the first `--flag` on is passed to each one run.
const firstFlag = process.argv.findIndex((a, i) => i >= 2 && a.startsWith('--'));
const wanted = process.argv.slice(2, firstFlag < 0 ? undefined : firstFlag);
const flags = firstFlag < 0 ? [] : process.argv.slice(firstFlag);
const benches = readdirSync(here)
  .filter((f) => f.endsWith('.ts') && f !== 'index.ts' && !f.startsWith('eval-'))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.includes(w)));

let failed = 0;
for (const file of benches) {
  console.log(`\n## ${file}\n`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', `${here}${file}`, ...flags], {
    stdio: 'inherit',
  });
  if (result.status !== 0) failed++;
}
process.exitCode = failed > 0 ? 1 : 0;
