// How `npm test` measures coverage: test/run.ts runs the suites under c8, which writes V8's coverage
// mapped back to the sources; `reportCoverage` then keeps src/'s files and reports them. The README
// states the figure and the floor, which test/docs.test.ts keeps in step.
import { readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import libCoverage from 'istanbul-lib-coverage';
import libReport from 'istanbul-lib-report';
import reports from 'istanbul-reports';

/**
 * Percent of src/'s lines the whole suite must run, a few points under the figure in the README. It
 * holds the complete suite to it, so it applies in strict mode (GROUPZ_TEST_STRICT=1, as in CI),
 * where no suite is skipped: a machine without restic, Chromium or PostgreSQL runs less of src/.
 */
export const COVERAGE_FLOOR = 95;

const REPORTS_DIR = '.test-tmp/coverage';

/**
 * c8's options: the sources the tests load through tsx and the bundle the processes they start run
 * (dist/, mapped back to src/ by its source maps), files no test loads counted as not run; the
 * coverage written as JSON for `reportCoverage`.
 */
export function coverageOptions(): string[] {
  return [
    '--all',
    '--src=src',
    '--include=src/**',
    '--include=dist/**',
    '--exclude=src/**/*.test.{ts,tsx}',
    // A run's coverage is some hundred processes' worth: merged one file at a time.
    '--merge-async',
    '--reporter=json',
    `--reports-dir=${REPORTS_DIR}`,
  ];
}

/**
 * Reports the coverage of src/'s own files (a summary, and HTML in .test-tmp/coverage) and returns
 * its percent of lines. The bundle's source maps also name the packages bundled into it: left out
 * here, because c8's own filter after remapping (--exclude-after-remap) drops every range of a
 * bundle's source map (it compares file URLs with paths) and so counts every line as run.
 */
export function reportCoverage(root: string): number {
  const all = JSON.parse(readFileSync(join(root, REPORTS_DIR, 'coverage-final.json'), 'utf8')) as libCoverage.CoverageMapData;
  const map = libCoverage.createCoverageMap({});
  for (const [file, data] of Object.entries(all)) {
    const path = relative(root, file);
    if (path.startsWith(`src${sep}`) && !/\.test\.tsx?$/.test(path)) map.addFileCoverage(data);
  }
  const context = libReport.createContext({ dir: join(root, REPORTS_DIR), coverageMap: map });
  for (const report of ['text-summary', 'html'] as const) reports.create(report).execute(context);
  return map.getCoverageSummary().lines.pct;
}
