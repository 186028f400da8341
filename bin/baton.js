#!/usr/bin/env node
// Runs the TypeScript sources directly through tsx, so `npx baton` needs no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/entry/cli.ts');
process.exitCode = await main(process.argv.slice(2));
