/** Latency summary of a sample, in milliseconds. */
export function summarize(samples: number[]): {
  min: number;
  p50: number;
  p99: number;
  max: number;
  count: number;
} {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? NaN;
  return { min: sorted[0] ?? NaN, p50: at(0.5), p99: at(0.99), max: sorted.at(-1) ?? NaN, count: sorted.length };
}

export const ms = (value: number) => `${value.toFixed(2)} ms`;
