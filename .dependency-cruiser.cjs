// Layer rules for the whole tree (npm run lint:layers; a step of npm test). Each rule is proven to fire by
// tests/architecture.unit.spec.ts, which cruises the fixtures in tests/fixtures/layers/ with this file.
// Paths are relative to the repository root; npm packages resolve to node_modules/<name>/…, Node builtins
// to their bare name ('crypto', 'node:crypto').

/** Packages and builtins that mean "this file speaks HTTP". `@nestjs/common` is not here: its decorators and
 * exceptions are transport-neutral enough to stay out of this rule. */
const HTTP_ADAPTERS = [
  '(^|/)node_modules/(fastify|@fastify/[^/]+|@nestjs/platform-[^/]+|express|light-my-request|find-my-way|pino-http)/',
  '^(node:)?(http|https|http2)$',
];

/**
 * The HTTP edge of the API: its controllers (`*.http.controller.ts`; Nest controllers are HTTP endpoints here, so
 * health.controller.ts too), apps/api/src/http, and the composition root that builds the Fastify adapter.
 */
const HTTP_EDGE = [
  '^apps/api/src/.+\\.controller\\.ts$',
  '^apps/api/src/http/',
  '^apps/api/src/(main|bootstrap)\\.ts$',
  // The alerts service's HTTP edge: its controllers, guard and problem filter, and its composition root.
  '^apps/alerts/src/http/',
  '^apps/alerts/src/bootstrap\\.ts$',
  // Known strays that belong in apps/api/src/http/: moving them touches every controller, some of them being
  // edited as this rule lands. Drop each line with its move; nothing new joins them.
  '^apps/api/src/shared/recorded-reply\\.ts$',
  '^apps/api/src/metrics/metrics\\.interceptor\\.ts$',
];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment:
        'libs/domain is pure TypeScript: it imports nothing outside itself (no Node builtins, with or ' +
        'without node:, no npm packages, no other lib or app).',
      severity: 'error',
      from: { path: '^libs/domain/' },
      to: { pathNot: '^libs/domain/' },
    },
    {
      name: 'event-store-and-messaging-apart',
      comment:
        'libs/event-store (Postgres) and libs/messaging (Kafka) never import each other; apps join them.',
      severity: 'error',
      from: { path: '^libs/(event-store|messaging)/' },
      to: { path: '^libs/(event-store|messaging)/', pathNot: '^libs/$1/' },
    },
    {
      name: 'apps-apart',
      comment:
        'An app never imports another app (api, relay, projector, and any new one); share through libs/.',
      severity: 'error',
      from: { path: '^apps/([^/]+)/' },
      to: { path: '^apps/', pathNot: '^apps/$1/' },
    },
    {
      name: 'web-app-in-the-browser',
      comment:
        'apps/web runs in the browser and talks to the API over HTTP only: of the libraries it may import ' +
        'libs/domain (pure; in practice its types), never the store, the broker, the configuration or a Node builtin.',
      severity: 'error',
      from: { path: '^apps/web/' },
      // Node builtins resolve to their bare name ('fs', 'fs/promises', 'node:fs'); npm packages to node_modules/….
      to: { path: ['^libs/(event-store|messaging|config)/', '^node:', '^[a-z_]+$', '^[a-z_]+/[a-z_]+$'] },
    },
    {
      name: 'alerts-on-the-contract-alone',
      comment:
        'apps/alerts is a downstream service built on the public contract alone: of the libraries it imports ' +
        'only libs/contracts (schemas, types, the CloudEvents binding, topics), never the domain, the store, ' +
        'the messaging internals or the configuration of the apps it consumes from.',
      severity: 'error',
      from: { path: '^apps/alerts/' },
      to: { path: '^libs/', pathNot: '^libs/contracts/' },
    },
    {
      name: 'libs-below-apps',
      comment: 'Libraries never import an app.',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'http-only-at-the-edge',
      comment:
        'Only HTTP controllers and apps/api/src/http know HTTP: no handler, query, decider, projection or ' +
        'library imports Fastify, a Nest platform adapter or node:http.',
      severity: 'error',
      from: { path: '^(apps|libs)/', pathNot: HTTP_EDGE },
      to: { path: HTTP_ADAPTERS },
    },
    {
      name: 'no-circular',
      comment:
        'Modules form no import cycle. Outside libs/domain that includes cycles through type-only imports.',
      severity: 'error',
      from: { pathNot: '^libs/domain/' },
      to: { circular: true },
    },
    {
      name: 'no-circular-in-domain',
      comment: 'libs/domain forms no import cycle that exists at run time (every link a value import).',
      severity: 'error',
      from: { path: '^libs/domain/' },
      // The cycle lists every link, the first one included.
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'type-only-cycle-in-domain',
      comment:
        'A cycle in libs/domain that a type-only import closes: it does not exist at run time, so it is ' +
        'a warning, shown so it gets untangled (the shared type in a module of its own) rather than forgotten.',
      severity: 'warn',
      from: { path: '^libs/domain/' },
      to: { circular: true, via: { dependencyTypes: ['type-only'] } },
    },
    {
      name: 'resolvable',
      comment:
        'Every import resolves, so the rules above see where it goes (an unresolved #alias would hide a ' +
        'layer breach).',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: ['node_modules'] },
    exclude: { path: ['^dist/', '^coverage/', '^tests/fixtures/layers/', '^apps/web/src/api/generated/'] },
    // TypeScript 7 has no JS compiler API; swc (@swc/core, already here for jest) parses the sources.
    parser: 'swc',
    moduleSystems: ['es6', 'cjs'],
    // #domain, #event-store, … resolve through package.json "imports" to their TypeScript sources.
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['types', 'import', 'require', 'node', 'default'],
      mainFields: ['module', 'main', 'types', 'typings'],
      extensions: ['.ts', '.tsx', '.mts', '.cts', '.js', '.mjs', '.cjs', '.d.ts', '.json'],
    },
  },
};
