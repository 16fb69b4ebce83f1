import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config.js';
import { SECRET_KEY_BYTES } from '../core/staff/secret-box.js';

/**
 * The key that seals secrets at rest: GROUPZ_SECRET_KEY, or in development a key generated once
 * into `<data dir>/secret.key` (readable by the owner only) and reused after.
 */
export function secretKeyOf(config: Config): Buffer {
  if (config.secretKey) return config.secretKey;
  const file = join(config.dataDir, 'secret.key');
  try {
    const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
    if (key.length !== SECRET_KEY_BYTES) throw new Error(`${file} does not hold 64 hex characters`);
    return key;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(config.dataDir, { recursive: true });
  const key = randomBytes(SECRET_KEY_BYTES);
  writeFileSync(file, `${key.toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  return key;
}
