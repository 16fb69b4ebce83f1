import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

/** The project's folder: where commands run, as an operator runs them from a checkout. */
export const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));

/**
 * Whether test/run.ts has just built the app (`node build.js`, the bundle in dist/, as `npm ci`
 * does): then the processes the tests start run the build, as an installed platform does. A test file run on its own (without
 * test/run.ts) has no such promise that dist/ is current, and runs the sources.
 */
export const BUILT = process.env.GROUPZ_TEST_BUILT === '1';

/** `groupz` as the command line runs it, from the project's folder: bin/groupz.js, or the sources (see BUILT). */
export const GROUPZ_COMMAND = BUILT
  ? [process.execPath, 'bin/groupz.js']
  : [process.execPath, '--import', 'tsx', 'src/cli/run-from-source.ts'];

/** `groupz serve` as the node arguments that start it (src/main.ts's build, or the sources: see BUILT). */
export const SERVE_ARGS = BUILT ? ['dist/main.js'] : ['--import', 'tsx', 'src/main.ts'];

export interface CommandRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * A command as its own process in the project's folder, with exactly these settings: none of the
 * test run's own GROUPZ_* variables reach it. Asynchronous, so servers this process runs can
 * answer it.
 */
export async function runCommand(command: string[], env: Record<string, string> = {}): Promise<CommandRun> {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('GROUPZ_')));
  const child = spawn(command[0]!, command.slice(1), {
    cwd: PROJECT_ROOT,
    env: { ...inherited, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const [code] = (await once(child, 'close')) as [number | null];
  return { code, stdout, stderr };
}

/** `groupz <args>` as its own process (see runCommand). */
export function groupz(args: string[], env: Record<string, string> = {}): Promise<CommandRun> {
  return runCommand([...GROUPZ_COMMAND, ...args], env);
}
