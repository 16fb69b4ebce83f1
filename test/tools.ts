import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { test } from 'node:test';

/** GROUPZ_TEST_STRICT=1 (set by .ci/run): a missing tool or database fails the run instead of skipping. */
export function strictMode(): boolean {
  return process.env.GROUPZ_TEST_STRICT === '1';
}

/** The requirements reported missing in this process (see missingRequirement). */
const reported = new Set<string>();

/**
 * Declares why a suite cannot run here. Outside strict mode the suite is skipped with the reason
 * and how to fix it; in strict mode a failing test says the same.
 */
export function missingRequirement(what: string, fix: string): void {
  // Once: a helper that finds the requirement missing again from within a hook or a test (a
  // suite's testDialects() in its before) must not add a test while the tests run, which makes
  // node:test fail the whole file.
  if (reported.has(what)) return;
  reported.add(what);
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

/** Whether a command-line tool is on the PATH. */
export function hasTool(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${name}`]).status === 0;
}

/** Runs a tool to its end without blocking the test process: exit code, output, seconds taken. */
export async function runTool(
  command: string,
  args: string[],
  timeoutSeconds: number,
): Promise<{ code: number | null; output: string; seconds: number }> {
  const started = Date.now();
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], timeout: timeoutSeconds * 1000 });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const [code] = (await once(child, 'close')) as [number | null];
  return { code, output, seconds: Math.round((Date.now() - started) / 100) / 10 };
}
