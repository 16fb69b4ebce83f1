import { test } from 'node:test';

/** GROUPZ_TEST_STRICT=1 (set by .ci/run): a missing tool or database fails the run instead of skipping. */
export function strictMode(): boolean {
  return process.env.GROUPZ_TEST_STRICT === '1';
}

/**
 * Declares why a suite cannot run here. Outside strict mode the suite is skipped with the reason
 * and how to fix it; in strict mode a failing test says the same.
 */
export function missingRequirement(what: string, fix: string): void {
  const message = `${what} is not available: ${fix}`;
  if (strictMode()) {
    test(`requirement: ${what}`, () => {
      throw new Error(`${message} (GROUPZ_TEST_STRICT=1 makes this a failure)`);
    });
  } else {
    process.stderr.write(`\n*** SKIPPED: ${message} ***\n\n`);
    test(`requirement: ${what}`, { skip: message }, () => {});
  }
}
