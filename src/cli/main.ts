import { auditCommand } from './audit.command.js';
import { backupListCommand } from './backup-list.command.js';
import { backupRestoreCommand } from './backup-restore.command.js';
import { backupRunCommand } from './backup-run.command.js';
import { backupVerifyCommand } from './backup-verify.command.js';
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
  'backup run': backupRunCommand,
  'backup list': backupListCommand,
  'backup verify': backupVerifyCommand,
  'backup restore': backupRestoreCommand,
  audit: auditCommand,
};

/** The commands (all, or those of a group such as `staff`) with their summaries. */
function overview(group?: string): string {
  const names = Object.keys(COMMANDS).filter((name) => !group || name.startsWith(`${group} `));
  const width = Math.max(...names.map((name) => name.length));
  const lines = names.map((name) => `  ${name.padEnd(width)}  ${COMMANDS[name]!.summary}`);
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
  const isGroup = Object.keys(COMMANDS).some((other) => other.startsWith(`${name} `));
  if (!command && isGroup) {
    const help = rest.length === 0 || rest.includes('--help') || rest.includes('-h');
    (help ? process.stdout : process.stderr).write(
      help ? overview(name) : `groupz: unknown command '${name} ${rest[0]}'\n\n${overview(name)}`,
    );
    return help ? 0 : 2;
  }
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
