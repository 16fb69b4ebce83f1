import { spawnSync } from 'node:child_process';

/** Says that `program` is not installed, and how to install it; undefined when it runs. */
export function notInstalled(program: string, install: string): string | undefined {
  return spawnSync(program, ['--version'], { stdio: 'ignore' }).error ? `${program} is not installed (${install})` : undefined;
}
