import { request } from 'node:http';
import { readLoad, type ReadLoadResult } from './read-load.js';

/** The bytes of one answer on the wire, as sent for each Accept-Encoding. */
export interface AnswerSizes {
  name: string;
  path: string;
  identity: number;
  gzip: number;
  br: number;
}

/** The availability page read under load as gzip and as brotli (the plain read is `reads.availabilityPage`). */
export interface CompressedReads {
  gzip: ReadLoadResult;
  br: ReadLoadResult;
}

/** The length of the body as it came (not decoded), and the encoding the platform chose. */
function wireBytes(url: string, acceptEncoding: string): Promise<{ bytes: number; encoding: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { 'accept-encoding': acceptEncoding } }, (res) => {
      let bytes = 0;
      res.on('data', (chunk: Buffer) => (bytes += chunk.length));
      res.on('end', () => resolve({ bytes, encoding: String(res.headers['content-encoding'] ?? 'identity') }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Each answer's bytes raw, gzip and brotli; throws when the platform did not use the encoding asked for. */
export async function answerSizes(url: string, answers: { name: string; path: string }[]): Promise<AnswerSizes[]> {
  const sizes: AnswerSizes[] = [];
  for (const { name, path } of answers) {
    const size: AnswerSizes = { name, path, identity: 0, gzip: 0, br: 0 };
    for (const encoding of ['identity', 'gzip', 'br'] as const) {
      const answer = await wireBytes(`${url}${path}`, encoding);
      if (answer.encoding !== encoding) throw new Error(`${path}: asked ${encoding}, got ${answer.encoding}`);
      size[encoding] = answer.bytes;
    }
    sizes.push(size);
  }
  return sizes;
}

/** The page under the read load again, asked for gzip, then for brotli. */
export async function compressedReads(urls: string[], path: string, connections: number, seconds: number): Promise<CompressedReads> {
  return {
    gzip: await readLoad(urls, path, connections, seconds, { 'accept-encoding': 'gzip' }),
    br: await readLoad(urls, path, connections, seconds, { 'accept-encoding': 'br' }),
  };
}
