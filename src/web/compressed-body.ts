import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** The encodings text goes in when the client accepts them, the better one first. */
export const ENCODINGS = ['br', 'gzip'] as const;
export type Encoding = (typeof ENCODINGS)[number];

/**
 * Brotli's quality: 4 as @fastify/compress compresses the other answers, for answers made again
 * after each change (a millisecond or two for 30 KB); 11, the smallest, for files compressed once
 * per process (60 to 100 ms for the 23 KB stylesheet on a busy 2-core machine, once: its brotli
 * goes from 6.5 to 5.4 KB, where quality 4 loses to gzip's 6.3).
 */
export type BrotliQuality = 4 | 11;

function compressed(encoding: Encoding, bytes: Buffer, quality: BrotliQuality): Buffer {
  return encoding === 'gzip'
    ? gzipSync(bytes)
    : brotliCompressSync(bytes, {
        params: { [constants.BROTLI_PARAM_QUALITY]: quality, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
      });
}

function encode(encoding: Encoding, bytes: Buffer, quality: BrotliQuality): Buffer {
  const made = compressed(encoding, bytes, quality);
  // zlib answers with a view of its 16 KiB output buffer: kept, the view would hold all of it while
  // the cache counts its length. A copy of its own holds what is counted.
  const kept = Buffer.allocUnsafeSlow(made.length);
  made.copy(kept);
  return kept;
}

/**
 * `bytes` in `encoding` (brotli at quality 4), for an answer sent once, so not copied. Synchronous:
 * one zlib context at a time, where a stream per request, queued under load, held one each (see
 * "Memory under load" in docs/performance.md).
 */
export function encodeOnce(encoding: Encoding, bytes: Buffer): Buffer {
  return compressed(encoding, bytes, 4);
}

/**
 * Bytes sent many times (a kept answer, a stylesheet), with their brotli and gzip encodings, each
 * made once, by the first request that asks for it: compressing on every request costs a zlib
 * context (megabytes of native memory for brotli) and the CPU each time. `options.grew` hears of
 * the bytes an encoding adds, for a cache that bounds its bytes.
 */
export class CompressedBody {
  private readonly encoded = new Map<Encoding, Buffer>();

  constructor(
    readonly identity: Buffer,
    private readonly options: { quality: BrotliQuality; grew?: (bytes: number) => void } = { quality: 4 },
  ) {}

  /** The bytes in `encoding`, made now if no request asked for it before. */
  in(encoding: Encoding): Buffer {
    let bytes = this.encoded.get(encoding);
    if (!bytes) {
      bytes = encode(encoding, this.identity, this.options.quality);
      this.encoded.set(encoding, bytes);
      this.options.grew?.(bytes.length);
    }
    return bytes;
  }

  /** The bytes held: the identity body and the encodings made so far. */
  get size(): number {
    let size = this.identity.length;
    for (const bytes of this.encoded.values()) size += bytes.length;
    return size;
  }
}
