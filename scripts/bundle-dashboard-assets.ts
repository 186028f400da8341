// Copies uPlot's browser build into a JSON module the HTTP adapter imports, so the dashboard serves
// its chart library on Node and on Workers alike (a Worker has no file system to read it from at
// request time). Run after upgrading uplot: `node --import tsx scripts/bundle-dashboard-assets.ts`;
// test/unit/dashboard-assets.test.ts fails while the copy and the installed package differ.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const read = (path: string) => readFileSync(require.resolve(path), 'utf8');

export function uplotAssets() {
  return {
    version: (JSON.parse(read('uplot/package.json')) as { version: string }).version,
    js: read('uplot/dist/uPlot.iife.min.js'),
    css: read('uplot/dist/uPlot.min.css'),
  };
}

export const ASSETS_FILE = fileURLToPath(
  new URL('../src/adapters/http/dashboard/uplot-assets.json', import.meta.url),
);

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(ASSETS_FILE, `${JSON.stringify(uplotAssets())}\n`);
  console.log(`wrote ${ASSETS_FILE}`);
}
