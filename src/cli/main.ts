import type { Command } from './command.js';
import { demoCommand } from './demo.command.js';
import { migrateCommand } from './migrate.command.js';
import { reportFailure } from './runtime.js';
import { serveCommand } from './serve.command.js';
import { staffAddCommand } from './staff-add.command.js';

/** Commands by name; a name of two words (`staff add`) is a command of a group. */
const COMMANDS: Record<string, Command> = {
  serve: serveCommand,
  migrate: migrateCommand,
  demo: demoCommand,
  'staff add': staffAddCommand,
};

function overview(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length));
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return `Usage: groupz <command> [--help]\n\nCommands:\n${lines.join('\n')}\n\nSettings come from environment variables (PORT and GROUPZ_*); see the README.\n`;
}

/** Runs `groupz <args>` and returns the exit code. */
export async function runCli(args: string[]): Promise<number> {
  const twoWords = args.slice(0, 2).join(' ');
  const [name, ...rest] = twoWords in COMMANDS ? [twoWords, ...args.slice(2)] : args;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(overview());
    return 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`groupz: unknown command '${name}'\n\n${overview()}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(`${command.usage}\n`);
    return 0;
  }
  if (rest.length > 0 && !command.takesArguments) {
    process.stderr.write(`groupz ${name}: unexpected argument '${rest[0]}'\n\n${command.usage}\n`);
    return 2;
  }
  try {
    return await command.run(rest);
  } catch (error) {
    return reportFailure(error);
  }
}
