import { parseArgs } from 'node:util';

export interface BenchOptions {
  /** Where to write the figures as JSON; undefined: only the table. */
  json: string | undefined;
  /** A PostgreSQL server to create the run's database on; undefined: SQLite. */
  pg: string | undefined;
  /** Platform processes sharing the database (PostgreSQL only). */
  instances: number;
  /** Concurrent connections of the booking rush and the read loads. */
  connections: number;
  /** Seconds of each measured phase (the booking rush sizes its slots to fill in about this long). */
  duration: number;
  /** Where the measured platform processes write a CPU profile (node --cpu-prof) when they stop. */
  cpuProf: string | undefined;
}

export const USAGE = `Usage: npm run bench -- [--json FILE] [--pg URL] [--instances N] [--connections N] [--duration S] [--cpu-prof DIR]

  --json FILE      also write the figures to FILE as JSON
  --pg URL         PostgreSQL: create a fresh database on this server for the run (dropped after)
  --instances N    N platform processes on one PostgreSQL database, the load spread over them (default 1)
  --connections N  concurrent connections of the booking rush and the read loads (default 200)
  --duration S     seconds of each measured phase (default 5)
  --cpu-prof DIR   the measured platform processes write a CPU profile (node --cpu-prof) into DIR
  --help           this text
`;

function positiveInt(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a whole number of at least 1`);
  return value;
}

/** The options from the command line; throws with a message on anything it does not understand. */
export function parseOptions(args: string[]): BenchOptions {
  const { values } = parseArgs({
    args,
    options: {
      json: { type: 'string' },
      pg: { type: 'string' },
      instances: { type: 'string' },
      connections: { type: 'string' },
      duration: { type: 'string' },
      'cpu-prof': { type: 'string' },
    },
    strict: true,
    allowPositionals: false,
  });
  const instances = positiveInt('instances', values.instances, 1);
  if (instances > 1 && !values.pg) throw new Error('--instances above 1 needs --pg: SQLite serves from one process');
  if (values.pg !== undefined && !/^postgres(ql)?:\/\//.test(values.pg)) throw new Error('--pg must be a postgres:// URL');
  return {
    json: values.json,
    pg: values.pg,
    instances,
    connections: positiveInt('connections', values.connections, 200),
    duration: positiveInt('duration', values.duration, 5),
    cpuProf: values['cpu-prof'],
  };
}
