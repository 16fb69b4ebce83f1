import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Config } from '../config.js';
import { SECRET_KEY_BYTES } from '../core/staff/secret-box.js';

/**
 * The key that seals secrets at rest: GROUPZ_SECRET_KEY, or in development a key generated once
 * into `<data dir>/secret.key` (readable by the owner only) and reused after. Processes starting
 * together on one data dir agree on one key: the file appears whole (a hard link to a written
 * temporary file) and whoever links second reads the winner's key.
 */
export function secretKeyOf(config: Config): Buffer {
  if (config.secretKey) return config.secretKey;
  const file = join(config.dataDir, 'secret.key');
  return readKey(file) ?? storeNewKey(file);
}

/** Stores a new key in `file` unless another process got there first; returns the stored key. */
export function storeNewKey(file: string): Buffer {
  mkdirSync(dirname(file), { recursive: true });
  const key = randomBytes(SECRET_KEY_BYTES);
  const draft = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeFileSync(draft, `${key.toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  try {
    linkSync(draft, file);
    return key;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return readKey(file) as Buffer;
  } finally {
    rmSync(draft, { force: true });
  }
}

function readKey(file: string): Buffer | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const key = Buffer.from(text.trim(), 'hex');
  if (key.length !== SECRET_KEY_BYTES) throw new Error(`${file} does not hold 64 hex characters`);
  return key;
}
