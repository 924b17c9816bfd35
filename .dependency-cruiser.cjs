/**
 * The layers of docs/architecture.md, checked: `npm run lint:layers` (CI runs it after the type-check).
 *
 *   cli ─► service.ts ─► http ─┐      jobs ─┐
 *                              ▼            ▼
 *                         use-cases ◄───────┘ (jobs may run a use case; never the other way)
 *                 ┌──────┬─────┴────┬──────────┐
 *                 ▼      ▼          ▼          ▼
 *               mail   graph    contacts   context.ts, config.ts
 *                 └──────┴──► db ◄─┘           │
 *                             ▼                ▼
 *                           domain ◄───────────┘
 *
 * Each rule below forbids one arrow the drawing does not have. An outer layer may import any layer
 * below it (http and jobs import db and domain directly, too); nothing imports upwards.
 *
 * Parser: swc (`@swc/core`, pinned in devDependencies). dependency-cruiser reads TypeScript through
 * the TypeScript compiler's JavaScript API, and TypeScript 7 (our `tsc`, the native compiler) has
 * none: dependency-cruiser 17 accepts `typescript` >=2 <7 and, finding 7.x, treats the compiler as
 * absent. An npm alias (`typescript-5`) does not help: dependency-cruiser imports the module named
 * `typescript`, which would stay 7.x. acorn reads only JavaScript: handed a `.ts` file untranspiled it
 * falls back, silently, to acorn-loose, which guesses past what it cannot parse — a guess is not a
 * check. swc parses TypeScript without the compiler and reports `import type` declarations too,
 * which matters here: most domain → db imports were type-only. Should `@swc/core` be missing,
 * dependency-cruiser would quietly take the acorn-loose path, so loading this file fails instead.
 * Without the compiler the tsconfig is not read either; we need nothing from it (no `paths`), and
 * dependency-cruiser maps `./x.js` to `./x.ts` by itself.
 *
 * Version: dependency-cruiser 17.4.3, the newest that runs on Node 20 (18.x wants Node >= 22; CI
 * runs on Node 20 and 24).
 */

require.resolve('@swc/core'); // throws when swc is absent: no silent fallback to acorn-loose

/** Files of a layer, as a path regex. */
const layer = {
  domain: '^src/domain/',
  db: '^src/db/',
  graph: '^src/graph/',
  contacts: '^src/contacts/',
  mail: '^src/mail/',
  useCases: '^src/use-cases/',
  jobs: '^src/jobs/',
  http: '^src/http/',
  cli: '^src/cli/',
  service: '^src/service\\.ts$',
  shared: '^src/(context|config)\\.ts$',
};

/** A rule that lets files of `from` import project files only from `allowed` (besides their own). */
function onlyImports(name, comment, from, allowed) {
  return {
    name,
    comment,
    severity: 'error',
    from: { path: from },
    to: { path: '^src/', pathNot: [from, ...allowed] },
  };
}

module.exports = {
  forbidden: [
    onlyImports(
      'domain-imports-only-domain',
      'The domain is pure rules: it owns its types and imports nothing of the rest (no db, http, jobs, mail, use-cases, graph, cli).',
      layer.domain,
      [],
    ),
    {
      name: 'domain-no-node-io',
      comment: 'The domain does no I/O and reads no clock: no Node built-ins (time comes in as an argument).',
      severity: 'error',
      from: { path: layer.domain },
      to: { dependencyTypes: ['core'] },
    },
    onlyImports('db-imports-only-domain', 'The database layer (dialect, migrations, repositories) imports the domain and itself.', layer.db, [layer.domain]),
    onlyImports('graph-imports-only-db-and-domain', 'Graph reads and the in-memory index import the database and the domain.', layer.graph, [layer.db, layer.domain]),
    onlyImports('contacts-imports-only-domain', 'Reading contact files (CSV, vCard) is pure parsing: domain only.', layer.contacts, [layer.domain]),
    onlyImports(
      'mail-imports-only-db-and-domain',
      'Mail composes, queues (in the caller\'s transaction) and transports mail: domain, db and the service context, never a use case, a job or HTTP.',
      layer.mail,
      [layer.db, layer.domain, '^src/context\\.ts$'],
    ),
    onlyImports('context-and-config-import-only-db-and-domain', 'The service context and configuration are types and parsing, below every use case.', layer.shared, [layer.db, layer.domain, layer.shared]),
    {
      name: 'use-cases-not-to-outer-layers',
      comment: 'A use case is called by HTTP, jobs and the CLI; it imports none of them (nor the service wiring).',
      severity: 'error',
      from: { path: layer.useCases },
      to: { path: [layer.http, layer.jobs, layer.cli, layer.service] },
    },
    {
      name: 'jobs-not-to-http-or-cli',
      comment: 'Jobs run without HTTP (`rapport worker`): they import neither HTTP nor the CLI nor the service wiring.',
      severity: 'error',
      from: { path: layer.jobs },
      to: { path: [layer.http, layer.cli, layer.service] },
    },
    {
      name: 'http-only-from-cli-and-service',
      comment: 'Only the service wiring (service.ts, the CLI) imports HTTP, and HTTP its own files.',
      severity: 'error',
      from: { pathNot: [layer.http, layer.cli, layer.service] },
      to: { path: layer.http },
    },
    {
      name: 'http-not-to-jobs-or-cli',
      comment: 'HTTP reaches jobs only through the rows use cases write (the outbox); the CLI is the outermost layer.',
      severity: 'error',
      from: { path: layer.http },
      to: { path: [layer.jobs, layer.cli, layer.service] },
    },
    {
      name: 'service-only-from-cli',
      comment: 'service.ts wires the layers together; only the CLI starts it.',
      severity: 'error',
      from: { pathNot: [layer.cli, layer.service] },
      to: { path: [layer.service, layer.cli] },
    },
    {
      name: 'one-transition',
      comment:
        "Only the one transition (use-cases/invitation-transition.ts) may write an invitation's status: it locks the row, applies the transition table and appends the event. test/unit/one-transition.test.ts checks that no other file writes the column.",
      severity: 'error',
      from: { pathNot: ['^src/use-cases/invitation-transition\\.ts$', '^src/db/repositories/invitation-status\\.ts$'] },
      to: { path: '^src/db/repositories/invitation-status\\.ts$' },
    },
    {
      name: 'no-circular',
      comment: 'No import circles anywhere in src/ (one breaks the layering and makes load order matter).',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-orphans',
      comment: 'A file nothing imports and that imports nothing is dead code (or a forgotten entry point).',
      severity: 'error',
      from: { orphan: true, pathNot: ['\\.d\\.ts$'] },
      to: {},
    },
    {
      name: 'not-to-unresolvable',
      comment: 'Every import resolves to a file or an installed package.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: 'not-to-undeclared-package',
      comment: 'Every package src/ imports is declared in package.json.',
      severity: 'error',
      from: {},
      to: { dependencyTypes: ['npm-no-pkg', 'npm-unknown'] },
    },
    {
      name: 'not-to-dev-dep',
      comment: 'src/ runs in production, where devDependencies are not installed (`npm ci --omit=dev`).',
      severity: 'error',
      from: { path: '^src/' },
      to: { dependencyTypes: ['npm-dev'] },
    },
  ],
  options: {
    parser: 'swc',
    doNotFollow: { path: 'node_modules' },
    // Packages' `exports` maps (altcha-lib/v1, @electric-sql/pglite/contrib/*) resolve as Node does.
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
      extensions: ['.ts', '.js', '.mjs', '.cjs', '.json'],
    },
    progress: { type: 'none' },
  },
};
