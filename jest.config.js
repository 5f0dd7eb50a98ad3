/**
 * Three tiers told apart by file suffix, plus browser tests:
 *   *.spec.ts       unit, no I/O
 *   *.int-spec.ts   integration against the real PostgreSQL and Redis
 *   *.e2e-spec.ts   the whole api over HTTP and Socket.IO
 *   *.browser-spec.ts  the built web app in Debian's chromium (playwright-core)
 */
const swc = ['@swc/jest', { jsc: { parser: { syntax: 'typescript', decorators: true, tsx: true }, transform: { legacyDecorator: true, decoratorMetadata: true, react: { runtime: 'automatic' } }, target: 'es2022', keepClassNames: true }, module: { type: 'commonjs' } }];
const moduleNameMapper = {
  '^@app/contracts$': '<rootDir>/libs/contracts/src',
  '^@app/contracts/(.*)$': '<rootDir>/libs/contracts/src/$1',
  '^@app/vietnamese$': '<rootDir>/libs/vietnamese/src',
  '^@app/config$': '<rootDir>/libs/config/src',
  '^@app/database$': '<rootDir>/libs/database/src',
  '^@app/queue$': '<rootDir>/libs/queue/src',
  '^@app/reports$': '<rootDir>/libs/reports/src',
};
const base = {
  rootDir: __dirname,
  transform: { '^.+\\.(t|j)sx?$': swc },
  moduleNameMapper,
  testEnvironment: 'node',
  setupFiles: ['<rootDir>/test/setup-env.ts'],
  modulePathIgnorePatterns: ['<rootDir>/dist/'],
};
module.exports = {
  // Jest reads testTimeout for the whole run, not per project. The e2e and browser files set up dozens of sites
  // (an argon2 hash per account): a loaded machine needs room; tests wait for events, not for time.
  testTimeout: 180000,
  projects: [
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs}/**/*.spec.ts', '<rootDir>/{apps,libs}/**/*.spec.tsx'] },
    { ...base, displayName: 'int', testMatch: ['<rootDir>/{apps,libs,test}/**/*.int-spec.ts'] },
    { ...base, displayName: 'e2e', testMatch: ['<rootDir>/{apps,test}/**/*.e2e-spec.ts'] },
    { ...base, displayName: 'browser', testMatch: ['<rootDir>/test/browser/**/*.browser-spec.ts'] },
  ],
};
