/** Latency figures in milliseconds. */
export interface LatencySummary {
  p50: number;
  p99: number;
  max: number;
}

export function summarize(ms: number[]): LatencySummary {
  if (ms.length === 0) return { p50: NaN, p99: NaN, max: NaN };
  const sorted = Float64Array.from(ms).sort();
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
  return { p50: at(0.5), p99: at(0.99), max: sorted[sorted.length - 1]! };
}
