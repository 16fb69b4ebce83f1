import { CompressedBody } from './compressed-body.js';

/** A kept answer: valid while the version it was computed under holds, and until `until` at the latest. */
interface Kept {
  version: string;
  /** With its encodings, which go with it: never sent for another version. */
  body: CompressedBody;
  /** The first instant its content could differ with time alone (a slot closing); null: never. */
  until: number | null;
}

/**
 * Answers kept in the process (the slots API's JSON, the activity page's HTML, encoded once, and
 * compressed once per encoding asked for), each under a key of everything its content depends on
 * beside the database, with the database's version of what it read. Least recently used answers go
 * first once more than `maxEntries` are kept or their bytes, compressed ones included, pass
 * `maxBytes` together.
 */
export class AnswerCache {
  private readonly kept = new Map<string, Kept>();
  /** Answers being computed, by version and key: see shared(). */
  private readonly computing = new Map<string, Promise<unknown>>();
  private bytes = 0;

  constructor(
    private readonly maxEntries = 1000,
    private readonly maxBytes = 8 * 1024 * 1024,
  ) {}

  /** The answer kept for the key, when computed under this version and still valid at `now`. */
  get(key: string, version: string, now: Date): CompressedBody | undefined {
    const kept = this.kept.get(key);
    if (!kept) return undefined;
    if (kept.version !== version || (kept.until !== null && now.getTime() >= kept.until)) {
      this.remove(key, kept);
      return undefined;
    }
    this.kept.delete(key);
    this.kept.set(key, kept);
    return kept.body;
  }

  /** Keeps the answer, and returns it encoded for sending. */
  set(key: string, version: string, text: string, until: Date | null): CompressedBody {
    const identity = Buffer.from(text);
    const old = this.kept.get(key);
    if (old) this.remove(key, old);
    if (identity.length > this.maxBytes) return new CompressedBody(identity);
    const body: CompressedBody = new CompressedBody(identity, {
      quality: 4,
      grew: (added) => {
        // Counted while kept: once dropped, its bytes are no longer the cache's.
        if (this.kept.get(key)?.body !== body) return;
        this.bytes += added;
        this.trim();
      },
    });
    this.kept.set(key, { version, body, until: until?.getTime() ?? null });
    this.bytes += identity.length;
    this.trim();
    return body;
  }

  /**
   * `compute`'s outcome, computed once for all who ask for the same key under the same version
   * meanwhile: after a change every client misses at once, and 200 of them computing the same answer
   * together would starve the server.
   */
  shared<T>(key: string, version: string, compute: () => Promise<T>): Promise<T> {
    const id = `${version}\n${key}`;
    let pending = this.computing.get(id) as Promise<T> | undefined;
    if (!pending) {
      pending = compute().finally(() => this.computing.delete(id));
      this.computing.set(id, pending);
    }
    return pending;
  }

  /** How many answers are kept, and their bytes. */
  get usage(): { entries: number; bytes: number } {
    return { entries: this.kept.size, bytes: this.bytes };
  }

  /** Drops the least recently used answers until the bounds hold. */
  private trim(): void {
    for (const [oldest, entry] of this.kept) {
      if (this.kept.size <= this.maxEntries && this.bytes <= this.maxBytes) break;
      this.remove(oldest, entry);
    }
  }

  private remove(key: string, kept: Kept): void {
    this.kept.delete(key);
    this.bytes -= kept.body.size;
  }
}
