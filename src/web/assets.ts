import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { INSTALL_DIR } from '../install-dir.js';
import { CompressedBody } from './compressed-body.js';

/**
 * The self-hosted assets, read once; each URL carries a hash of the content so it can be cached
 * forever; compressed once per encoding (brotli at its best), when first asked for.
 */
export function asset(file: string, type: string) {
  const body = readFileSync(join(INSTALL_DIR, 'assets', file));
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 12);
  const [name, extension] = file.split('.');
  return { path: `/assets/${name}.${hash}.${extension}`, type, body: new CompressedBody(body, { quality: 11 }) };
}
