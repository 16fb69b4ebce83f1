import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** The encodings text goes in when the client accepts them, the better one first. */
export const ENCODINGS = ['br', 'gzip'] as const;
export type Encoding = (typeof ENCODINGS)[number];

/** Brotli at quality 4 and gzip at zlib's default level, as @fastify/compress compresses the other answers. */
const ENCODE: Record<Encoding, (bytes: Buffer) => Buffer> = {
  br: (bytes) =>
    brotliCompressSync(bytes, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 4, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
    }),
  gzip: (bytes) => gzipSync(bytes),
};

/**
 * Bytes sent many times (a kept answer, a stylesheet), with their brotli and gzip encodings, each
 * made once, by the first request that asks for it: compressing on every request costs a zlib
 * context (megabytes of native memory for brotli) and the CPU each time. `grew` hears of the bytes
 * an encoding adds, for a cache that bounds its bytes.
 */
export class CompressedBody {
  private readonly encoded = new Map<Encoding, Buffer>();

  constructor(
    readonly identity: Buffer,
    private readonly grew?: (bytes: number) => void,
  ) {}

  /** The bytes in `encoding`, made now if no request asked for it before. */
  in(encoding: Encoding): Buffer {
    let bytes = this.encoded.get(encoding);
    if (!bytes) {
      bytes = ENCODE[encoding](this.identity);
      this.encoded.set(encoding, bytes);
      this.grew?.(bytes.length);
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
