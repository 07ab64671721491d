/** Two projects: `unit` (pure code beside the sources, no servers) and `integration` (test/, real servers). */
const moduleNameMapper = {
  '^@ngk/(domain|definitions|persistence|temporal|config|reports)$': '<rootDir>/libs/$1/src',
  '^@ngk/(domain|definitions|persistence|temporal|config|reports)/(.*)$': '<rootDir>/libs/$1/src/$2',
  '^@ngk/(activities)$': '<rootDir>/$1',
  '^@ngk/(activities)/(.*)$': '<rootDir>/$1/$2',
};
const transform = {
  '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }],
  // The web UI's ES modules, for the unit tests of its pure helpers (formats, chart axes).
  '^.+/public/app/.+\\.js$': [
    'ts-jest',
    { tsconfig: { allowJs: true, module: 'commonjs', target: 'ES2022' }, isolatedModules: true },
  ],
};
const common = {
  rootDir: __dirname,
  testEnvironment: 'node',
  moduleNameMapper,
  transform,
  moduleFileExtensions: ['ts', 'js', 'json'],
};

module.exports = {
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/{apps,libs,workflows,activities,scripts}/**/*.spec.ts'],
    },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/**/*.int-spec.ts'],
      globalSetup: '<rootDir>/test/setup/global-setup.ts',
      globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
      setupFilesAfterEnv: ['<rootDir>/test/setup/timeouts.ts'],
    },
  ],
  // Integration tests share one Temporal server and database; two workers suit a 2-core machine.
  maxWorkers: 2,
};
