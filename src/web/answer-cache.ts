/** A kept answer: valid while the version it was computed under holds, and until `until` at the latest. */
interface Kept {
  version: string;
  body: string;
  /** The first instant its content could differ with time alone (a slot closing); null: never. */
  until: number | null;
}

/**
 * Answers kept in the process (the slots API's JSON, the activity page's HTML), each under a key of
 * everything its content depends on beside the database, with the database's version of what it
 * read. Least recently used answers go first once more than `maxEntries` are kept or their text
 * passes `maxChars` characters together.
 */
export class AnswerCache {
  private readonly kept = new Map<string, Kept>();
  private chars = 0;

  constructor(
    private readonly maxEntries = 2000,
    private readonly maxChars = 16_000_000,
  ) {}

  /** The answer kept for the key, when computed under this version and still valid at `now`. */
  get(key: string, version: string, now: Date): string | undefined {
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

  set(key: string, version: string, body: string, until: Date | null): void {
    const old = this.kept.get(key);
    if (old) this.remove(key, old);
    if (body.length > this.maxChars) return;
    this.kept.set(key, { version, body, until: until?.getTime() ?? null });
    this.chars += body.length;
    for (const [oldest, entry] of this.kept) {
      if (this.kept.size <= this.maxEntries && this.chars <= this.maxChars) break;
      this.remove(oldest, entry);
    }
  }

  get size(): number {
    return this.kept.size;
  }

  private remove(key: string, kept: Kept): void {
    this.kept.delete(key);
    this.chars -= kept.body.length;
  }
}
