// One jest run, three projects: fast unit tests beside the code, integration tests that start a real
// Orthanc, and browser tests that drive headless Chromium against the real viewer.
//
// Tests run in plain Node through jest-light-runner, with TypeScript compiled by tsx (scripts/test.mjs
// sets NODE_OPTIONS=--import tsx). Jest's default vm sandbox makes every global lookup (Math, typed
// array constructors) go through a context interceptor: numeric code ran 20-50x slower there, which
// the radiomics and phantom tests cannot afford.
const shared = {
  rootDir: '.',
  runner: 'jest-light-runner',
  setupFiles: ['<rootDir>/test/support/jest-setup.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/build/', '/.cache/'],
};
export default {
  projects: [
    {
      ...shared,
      displayName: 'unit',
      testMatch: ['<rootDir>/{radiomics,models,dicom,server,extension,mode,phantom}/src/**/*.test.ts?(x)'],
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
