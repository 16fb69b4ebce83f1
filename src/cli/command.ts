/** One `groupz` command: a line for the overview, its own help, and what it does. */
export interface Command {
  summary: string;
  usage: string;
  /** Whether the command takes options (it parses them itself); others refuse any argument. */
  takesArguments?: boolean;
  run(args: string[]): Promise<number>;
}
