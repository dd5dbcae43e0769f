// Stand-in for the core helper's panel intervals and Grafana's built-in variables.

import { formatDuration, parseDuration } from '../model/duration';

/** The step of a panel's range queries: the range over its data points, never under the min interval. */
export function panelInterval(o: { rangeMs: number; maxDataPoints: number; minInterval: string; scrapeIntervalMs: number }): { intervalMs: number } {
  let min = o.scrapeIntervalMs;
  try {
    if (o.minInterval) min = parseDuration(o.minInterval);
  } catch {
    // An unreadable min interval falls back to the scrape interval.
  }
  const raw = Math.ceil(o.rangeMs / Math.max(1, o.maxDataPoints));
  return { intervalMs: Math.max(min, raw, 1) };
}

export function builtinVariables(o: { startMs: number; endMs: number; intervalMs: number; scrapeIntervalMs: number }): Record<string, string> {
  const rangeMs = o.endMs - o.startMs;
  const rate = Math.max(o.intervalMs + o.scrapeIntervalMs, 4 * o.scrapeIntervalMs);
  return {
    __interval: formatDuration(o.intervalMs),
    __interval_ms: String(o.intervalMs),
    __rate_interval: formatDuration(rate),
    __range: formatDuration(Math.round(rangeMs / 1000) * 1000),
    __range_s: String(Math.round(rangeMs / 1000)),
    __range_ms: String(rangeMs),
  };
}
