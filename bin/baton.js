#!/usr/bin/env node
// Runs the TypeScript sources directly through tsx, so `npx baton` needs no build step. The
// project's tsconfig is named explicitly: Baton may run from any directory (its data dir, a
// deploy folder) and its React Email templates need the automatic JSX runtime it sets.
import { register } from 'tsx/esm/api';

// React renders emails about twice as fast in its production build; development is opt-in.
process.env.NODE_ENV ??= 'production';
register({ tsconfig: new URL('../tsconfig.json', import.meta.url).pathname });
const { main } = await import('../src/entry/cli.ts');
process.exitCode = await main(process.argv.slice(2));
