import { availableParallelism } from 'node:os';

const swc = {
  module: { type: 'es6' },
  jsc: {
    target: 'es2022',
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
  },
};

const common = {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', swc] },
  moduleNameMapper: {
    '^#(domain|event-store|messaging|config|contracts)$': '<rootDir>/libs/$1/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
};

const services = {
  globalSetup: '<rootDir>/tests/support/global-setup.mjs',
  globalTeardown: '<rootDir>/tests/support/global-teardown.mjs',
};

/**
 * Test tier is in the file suffix: .unit.spec (no I/O), .int.spec (real Postgres and Kafka), .e2e.spec (processes).
 * The browser tests (tests/web) drive Chromium against the built web app, and the fault tests (tests/faults)
 * kill and restart servers of their own and load the machine: each is a project of its own, which
 * scripts/jest.mjs runs after the others, one file at a time.
 */
export default {
  testTimeout: 120_000,
  // Jest's default is a worker fewer than the cores: one on this two-core machine, where the integration tests
  // spend most of their time waiting on Postgres and Kafka. Two workers ran them here in about half the time
  // (three took as long as two). The browser tests and the fault tests still run one file at a time
  // (scripts/jest.mjs): a browser test beside other load lost clicks on chart marks and read pages mid-update.
  maxWorkers: Math.max(2, availableParallelism() - 1),
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{libs,apps,tests}/**/*.unit.spec.ts'] },
    {
      ...common,
      ...services,
      displayName: 'integration',
      testMatch: ['<rootDir>/tests/**/*.int.spec.ts', '<rootDir>/tests/**/*.e2e.spec.ts'],
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/tests/faults/', '<rootDir>/tests/web/'],
    },
    {
      ...common,
      ...services,
      displayName: 'web',
      testMatch: ['<rootDir>/tests/web/**/*.int.spec.ts'],
    },
    {
      ...common,
      ...services,
      displayName: 'faults',
      testMatch: ['<rootDir>/tests/faults/**/*.spec.ts'],
    },
  ],
};
