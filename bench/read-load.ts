import autocannon from 'autocannon';

export interface ReadLoadResult {
  path: string;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  /** Answers other than 2xx, and socket errors and timeouts. */
  failures: number;
}

/** GET `path` from every platform process with `connections` keep-alive connections for `seconds` (with `headers`, if given). */
export async function readLoad(
  urls: string[],
  path: string,
  connections: number,
  seconds: number,
  headers: Record<string, string> = {},
): Promise<ReadLoadResult> {
  const result = await autocannon({ url: urls.map((u) => `${u}${path}`), connections, duration: seconds, headers });
  return {
    path,
    requestsPerSecond: result['2xx'] / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    failures: result.non2xx + result.errors + result.timeouts,
  };
}
