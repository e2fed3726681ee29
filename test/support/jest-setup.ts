// jest-light-runner has no `testTimeout` option; jest-circus reads its default from this symbol at
// the start of every test file. Suites that start servers or browsers pass longer timeouts themselves.
const TEST_TIMEOUT = Symbol.for('TEST_TIMEOUT_SYMBOL');
(globalThis as Record<symbol, unknown>)[TEST_TIMEOUT] = 60_000;
