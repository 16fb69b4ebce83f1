// How `npm test` measures coverage (test/run.ts runs c8 with these); the README states the figure and
// the floor, which test/docs.test.ts keeps in step.

/**
 * Percent of src/'s lines the whole suite must run, a few points under the figure in the README. It
 * holds the complete suite to it, so it applies in strict mode (GROUPZ_TEST_STRICT=1, as in CI),
 * where no suite is skipped: a machine without restic, Chromium or PostgreSQL runs less of src/.
 */
export const COVERAGE_FLOOR = 95;

/** c8's options: src/ (its test files left out, files no test loads counted as not run), the report. */
export function coverageOptions(floor: boolean): string[] {
  return [
    '--all',
    '--src=src',
    '--include=src/**',
    // The build that the processes the suites start run, mapped back to src/ by its source maps.
    '--include=dist/**',
    '--exclude=src/**/*.test.{ts,tsx}',
    '--reporter=text-summary',
    '--reporter=html',
    '--reports-dir=.test-tmp/coverage',
    ...(floor ? ['--check-coverage', `--lines=${COVERAGE_FLOOR}`] : []),
  ];
}
