// Which way imports may point (STYLE.md, "The shape"): entry → adapters → app → core. `npm run lint`
// runs these rules over src, db and emails; any violation fails CI.

// Packages the pure core may use: both are computation only (no I/O, no clock unless handed `now`),
// and both run unchanged on Node and on Workers.
const CORE_PACKAGES = ['chrono-node', 'temporal-polyfill'];

const packages = (names) => names.map((name) => `^node_modules/${name}/`);

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'core-is-pure',
      comment:
        'core is pure domain: data in, data out, testable without a server or a clock. It imports only ' +
        'itself and the computation-only packages in CORE_PACKAGES; no node: builtin at all (not even ' +
        'crypto: a core function that needs a hash or an HMAC takes it as data or lives in an adapter), ' +
        'so core runs on Node and on Workers alike.',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { pathNot: ['^src/core/', ...packages(CORE_PACKAGES)] },
    },
    {
      name: 'app-uses-core-and-ports',
      comment:
        'Use cases know the outside world only through the ports they declare in app/ports.ts, so ' +
        'they import only app and core: no adapter, no db/schema row type, no npm package (not even ' +
        "Kysely's types) and no node: builtin (ids, hashes and the clock come in through deps). The " +
        'one exception is the pure config type, src/config/schema.ts, and only as a type-only import ' +
        '(next rule).',
      severity: 'error',
      from: { path: '^src/app/' },
      to: { pathNot: ['^src/(app|core)/', '^src/config/schema\\.ts$'] },
    },
    {
      name: 'app-uses-core-and-ports',
      comment:
        'app may name the Config type from src/config/schema.ts, but must not run the zod schema: ' +
        'config is parsed once, at the edge (entry), so app imports it only with `import type`.',
      severity: 'error',
      from: { path: '^src/app/' },
      to: { path: '^src/config/schema\\.ts$', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'adapters-not-entry',
      comment:
        'entry/ files are the composition roots that wire adapters together; an adapter that imports ' +
        'one would depend on a whole runtime (and usually on a cycle back to itself).',
      severity: 'error',
      from: { path: '^src/adapters/' },
      to: { path: '^src/entry/' },
    },
    {
      name: 'config-schema-pure',
      comment:
        'schema.ts is the config shape both runtimes validate against (the Worker bundles it), so it ' +
        'imports only core and zod: no fs, no process.env (load-file.ts and settings.ts do that).',
      severity: 'error',
      from: { path: '^src/config/schema\\.ts$' },
      to: { pathNot: ['^src/core/', ...packages(['zod'])] },
    },
    {
      name: 'worker-no-fs',
      comment:
        'A Worker has no file system: anything the Worker entry reaches that imports fs would throw at ' +
        'run time (or pull a Node-only module into the bundle). File access belongs to Node-only ' +
        'adapters wired by entry/node.ts and entry/cli.ts. Reachability follows `import type` edges ' +
        'too (dependency-cruiser cannot leave them out of one rule): a module the Worker shares names ' +
        "a Node-only adapter's types through a port, not by importing the adapter.",
      severity: 'error',
      from: { path: '^src/entry/worker\\.ts$' },
      to: { path: '^(node:)?fs(/promises)?$', reachable: true },
    },
    {
      name: 'emails-only-from-mail-out',
      comment:
        'Templates are rendered in one place, the mail-out adapter; use cases pass the kind of email and ' +
        'its props, never a React element. Templates may share their own components.',
      severity: 'error',
      from: { pathNot: ['^emails/', '^src/adapters/mail-out/', '^(test|bench)/'] },
      to: { path: '^emails/' },
    },
    {
      name: 'no-circular',
      comment:
        'A cycle means two files are one module split in two, or a shared type lives in the wrong ' +
        'file (type-only cycles count too: move the type to the module both depend on). Runtime ' +
        'cycles also make evaluation order, and so undefined bindings at start-up, depend on which ' +
        'file is imported first.',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'db-migrations-standalone',
      comment:
        'Migrations are frozen in time: they take Kysely<any> and import no app code, so a later change ' +
        'to src/ can never change what an old migration does.',
      severity: 'error',
      from: { path: '^db/migrations/' },
      to: { path: '^src/' },
    },
  ],
  options: {
    // Installed packages are leaves: their own imports are not Baton's to police.
    doNotFollow: { path: 'node_modules' },
    // Keep `import type` edges: a type-only import of an adapter still couples app to it.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      extensions: ['.ts', '.tsx', '.js', '.json'],
      exportsFields: ['exports'],
      conditionNames: ['import', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types'],
    },
  },
};
