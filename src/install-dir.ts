import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder Groupz is installed in (where package.json and assets/ are): the first folder above
 * this module that holds package.json. The same from the sources (src/), the bundle (dist/) and
 * any of the bundle's chunks (dist/chunks/).
 */
export const INSTALL_DIR = findInstallDir(dirname(fileURLToPath(import.meta.url)));

function findInstallDir(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}
