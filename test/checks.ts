// `npm test`'s checks before the tests: the type check, ESLint and Prettier, at the same time (each
// mostly waits on one core). Each one's output is printed whole once it ends, under its name; the
// run fails if any of them fails.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const checks = ['typecheck', 'lint', 'format:check'];

async function run(script: string): Promise<boolean> {
  const started = Date.now();
  const child = spawn('npm', ['run', '--silent', script], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const [code] = (await once(child, 'close')) as [number | null];
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  process.stdout.write(`\n> npm run ${script}: ${code === 0 ? 'passed' : `FAILED (exit ${code})`} in ${seconds} s\n${output}`);
  return code === 0;
}

const results = await Promise.all(checks.map(run));
process.exitCode = results.every(Boolean) ? 0 : 1;
