import { join } from 'node:path';
import { startPlatform } from './platform-process.js';

/** Milliseconds from spawn to the first page served, of one start; the process is stopped after. */
export async function timeStart(env: Record<string, string>): Promise<number> {
  const platform = await startPlatform(env, join(env.GROUPZ_DATA_DIR!, 'cold-start.log'));
  await platform.stop();
  return platform.startMs;
}

export interface ColdStarts {
  /** The first start on the empty database, migrations included. */
  firstMs: number;
  /** Each later start on the migrated database. */
  startsMs: number[];
  medianMs: number;
}

export function coldStarts(firstMs: number, startsMs: number[]): ColdStarts {
  const sorted = [...startsMs].sort((a, b) => a - b);
  return { firstMs, startsMs, medianMs: sorted[Math.floor(sorted.length / 2)]! };
}
