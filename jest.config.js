/**
 * Jest runs the TypeScript sources as native ESM (node --experimental-vm-modules). The transform is
 * Node 24's own type stripping, so tests run exactly the code production runs, with no native add-ons.
 */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': '<rootDir>/scripts/jest-strip-types.cjs' },
  testMatch: ['<rootDir>/src/**/*.test.ts', '<rootDir>/test/**/*.test.ts'],
  testTimeout: 60000,
};
