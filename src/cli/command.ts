/** One `groupz` command: a line for the overview, its own help, and what it does. */
export interface Command {
  summary: string;
  usage: string;
  run(): Promise<number>;
}
