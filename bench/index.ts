/**
 * Runs every benchmark in turn (`npm run bench`); each prints its own table with ratios against
 * the baseline it measures in the same run. Pass names to run only some: `npm run bench -- tick`;
 * options after the names go to each benchmark run: `npm run bench -- metrics --handoffs 1000000`.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

const here = new URL('.', import.meta.url).pathname;
const args = process.argv.slice(2);
const firstOption = args.findIndex((a) => a.startsWith('-'));
const wanted = firstOption === -1 ? args : args.slice(0, firstOption);
const options = firstOption === -1 ? [] : args.slice(firstOption);
const benches = readdirSync(here)
  .filter((f) => f.endsWith('.ts') && f !== 'index.ts' && !f.startsWith('eval-'))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.includes(w)));

let failed = 0;
for (const file of benches) {
  console.log(`\n## ${file}\n`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', `${here}${file}`, ...options], {
    stdio: 'inherit',
  });
  if (result.status !== 0) failed++;
}
process.exitCode = failed > 0 ? 1 : 0;
