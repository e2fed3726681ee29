// One jest run, three projects: fast unit tests beside the code, integration tests that start a real
// Orthanc, and browser tests that drive headless Chromium against the real viewer (run one at a time).
const transform = { '^.+\\.tsx?$': ['ts-jest', { useESM: true, tsconfig: '<rootDir>/tsconfig.jest.json' }] };
const shared = {
  rootDir: '.',
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts', '.tsx'],
  transform,
  moduleNameMapper: {
    '^@heron/radiomics$': '<rootDir>/radiomics/src/index.ts',
    '^@heron/phantom$': '<rootDir>/test/phantom/src/index.ts',
    '^@heron/server$': '<rootDir>/server/src/index.ts',
  },
  testPathIgnorePatterns: ['/node_modules/', '/build/', '/.cache/'],
};
export default {
  projects: [
    {
      ...shared,
      displayName: 'unit',
      testMatch: ['<rootDir>/{radiomics,server,extension,mode,test/phantom}/src/**/*.test.ts?(x)'],
    },
    {
      ...shared,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/integration/**/*.test.ts'],
    },
    {
      ...shared,
      displayName: 'browser',
      testMatch: ['<rootDir>/test/browser/**/*.test.ts'],
    },
  ],
};
