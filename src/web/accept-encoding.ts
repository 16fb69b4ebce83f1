import { negotiate } from '@fastify/accept-negotiator';
import { ENCODINGS, type Encoding } from './compressed-body.js';

/**
 * The header with `*` written out as the encodings it does not name, with its q, and x-gzip read
 * as gzip: accept-negotiator reads `*` as the first encoding, brotli, even where the header
 * refuses brotli by name (`br;q=0, *`).
 */
function spelledOut(acceptEncoding: string): string {
  const entries = acceptEncoding
    .toLowerCase()
    .split(',')
    .map((entry) => entry.trim().replace(/^x-gzip(?=\s*(?:;|$))/u, 'gzip'));
  const named = new Set(entries.map((entry) => entry.split(';', 1)[0]!.trim()));
  return entries
    .flatMap((entry) => {
      const [coding, ...parameters] = entry.split(';');
      if (coding!.trim() !== '*') return [entry];
      return ENCODINGS.filter((encoding) => !named.has(encoding)).map((encoding) => [encoding, ...parameters].join(';'));
    })
    .join(', ');
}

/**
 * The encoding to send text in for a request's Accept-Encoding (RFC 9110 12.5.3): of brotli and
 * gzip, the acceptable one with the highest q, brotli on a tie; `*` stands for the codings the
 * header does not name, and q=0 refuses. null sends the body as it is: without the header (any
 * coding is acceptable then, but not every client decodes one), with `x-no-compression`, or when
 * the header accepts neither. Also when it refuses identity too (`identity;q=0` alone, or `*;q=0`):
 * the RFC then leaves a 406 or disregarding the header, and the 406's own body would go unencoded.
 */
export function preferredEncoding(acceptEncoding: string | undefined, noCompression: boolean): Encoding | null {
  if (acceptEncoding === undefined || noCompression) return null;
  return negotiate(spelledOut(acceptEncoding), [...ENCODINGS]);
}
