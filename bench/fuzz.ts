/**
 * The inbound fuzz test at ten times its `npm test` size: 5,000 fast-check runs of 20 raw MIME
 * messages each (100,000 inputs) through the pipeline on real PostgreSQL. It prints how many inputs
 * it delivered, in how long, and how the stored rows ended (processed, or failed with a named error).
 *
 *   node --import tsx bench/fuzz.ts [--runs 5000]
 */
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '5000' } } });
const root = new URL('..', import.meta.url).pathname;
const result = spawnSync(
  `${root}node_modules/.bin/vitest`,
  ['run', 'test/integration/inbound-fuzz.test.ts', '--reporter=verbose'],
  { cwd: root, stdio: 'inherit', env: { ...process.env, BATON_FUZZ_RUNS: values.runs } },
);
process.exitCode = result.status ?? 1;
