import { parseArgs } from 'node:util';

/** One `groupz` command: a line for the overview, its own help, and what it does. */
export interface Command {
  summary: string;
  usage: string;
  /** Whether the command takes options (it parses them itself); others refuse any argument. */
  takesArguments?: boolean;
  run(args: string[]): Promise<number>;
}

/**
 * The `--name value` options of a command, all strings; undefined (the problem and the usage
 * written to stderr, for exit status 2) when an option is unknown or lacks its value.
 */
export function stringOptions<Name extends string>(
  command: string,
  usage: string,
  args: string[],
  names: readonly Name[],
): Partial<Record<Name, string>> | undefined {
  try {
    const options = Object.fromEntries(names.map((name) => [name, { type: 'string' as const }]));
    return parseArgs({ args, options, strict: true, allowPositionals: false }).values as Partial<Record<Name, string>>;
  } catch (error) {
    process.stderr.write(`groupz ${command}: ${(error as Error).message}\n\n${usage}\n`);
    return undefined;
  }
}
