import { statfs } from 'node:fs/promises';
import type { DiskSpaceReader } from '../../core/watch/watch.js';

/** The free space of the file system holding `dir`: what an unprivileged process may still use (statfs's bavail), and its size. */
export function diskSpaceOf(dir: string): DiskSpaceReader {
  return async () => {
    const stats = await statfs(dir);
    return { free: stats.bavail * stats.bsize, total: stats.blocks * stats.bsize };
  };
}
