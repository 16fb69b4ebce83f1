import type { Command } from './command.js';
import { reportFailure } from './runtime.js';

/**
 * Commands by name; a name of two words (`staff add`) is a command of a group. Each is loaded when
 * it runs, so that a command does not wait for the modules of the others (the server's, say).
 */
const COMMANDS: Record<string, () => Promise<Command>> = {
  serve: async () => (await import('./serve.command.js')).serveCommand,
  migrate: async () => (await import('./migrate.command.js')).migrateCommand,
  demo: async () => (await import('./demo.command.js')).demoCommand,
  'staff add': async () => (await import('./staff-add.command.js')).staffAddCommand,
  'venue add': async () => (await import('./venue-add.command.js')).venueAddCommand,
  'backup run': async () => (await import('./backup-run.command.js')).backupRunCommand,
  'backup list': async () => (await import('./backup-list.command.js')).backupListCommand,
  'backup verify': async () => (await import('./backup-verify.command.js')).backupVerifyCommand,
  'backup restore': async () => (await import('./backup-restore.command.js')).backupRestoreCommand,
  audit: async () => (await import('./audit.command.js')).auditCommand,
  'deploy nftables': async () => (await import('./deploy-nftables.command.js')).deployNftablesCommand,
};

/** The commands (all, or those of a group such as `staff`) with their summaries. */
async function overview(group?: string): Promise<string> {
  const names = Object.keys(COMMANDS).filter((name) => !group || name.startsWith(`${group} `));
  const width = Math.max(...names.map((name) => name.length));
  const commands = await Promise.all(names.map((name) => COMMANDS[name]!()));
  const lines = names.map((name, i) => `  ${name.padEnd(width)}  ${commands[i]!.summary}`);
  return `Usage: groupz <command> [--help]\n\nCommands:\n${lines.join('\n')}\n\nSettings come from environment variables (PORT and GROUPZ_*); see docs/configuration.md.\n`;
}

/** Runs `groupz <args>` and returns the exit code. */
export async function runCli(args: string[]): Promise<number> {
  const twoWords = args.slice(0, 2).join(' ');
  const [name, ...rest] = twoWords in COMMANDS ? [twoWords, ...args.slice(2)] : args;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(await overview());
    return 0;
  }
  const command = Object.hasOwn(COMMANDS, name) ? await COMMANDS[name]!() : undefined;
  const isGroup = Object.keys(COMMANDS).some((other) => other.startsWith(`${name} `));
  if (!command && isGroup) {
    const help = rest.length === 0 || rest.includes('--help') || rest.includes('-h');
    (help ? process.stdout : process.stderr).write(
      help ? await overview(name) : `groupz: unknown command '${name} ${rest[0]}'\n\n${await overview(name)}`,
    );
    return help ? 0 : 2;
  }
  if (!command) {
    process.stderr.write(`groupz: unknown command '${name}'\n\n${await overview()}`);
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
