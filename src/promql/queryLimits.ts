// The limits every query runs under, as Prometheus's flags set them: the HTTP
// API's 11,000 points per series, --query.max-samples, --query.timeout and
// --query.max-concurrency. A person may change them on Settings.

export interface QueryLimits {
  /** Steps of a range query, per series. */
  maxPointsPerSeries: number;
  /** Samples one query may hold in memory at once. */
  maxSamples: number;
  timeoutMs: number;
  /** Queries evaluated at once; more wait their turn. */
  maxConcurrent: number;
}

export const DEFAULT_QUERY_LIMITS: Readonly<QueryLimits> = {
  maxPointsPerSeries: 11_000,
  maxSamples: 50_000_000,
  timeoutMs: 2 * 60_000,
  maxConcurrent: 20,
};

const NAMES: Record<keyof QueryLimits, string> = {
  maxPointsPerSeries: 'points per series',
  maxSamples: 'samples in memory',
  timeoutMs: 'timeout',
  maxConcurrent: 'concurrent queries',
};

/** Why a set of limits cannot be used ('' when it can): each must be a whole number, the timeout at least a second. */
export function limitsProblem(l: QueryLimits): string {
  for (const key of Object.keys(NAMES) as (keyof QueryLimits)[]) {
    const v = l[key];
    if (!Number.isSafeInteger(v) || v < 1) return `${NAMES[key]} must be a whole number of at least 1, not ${String(v)}`;
  }
  if (l.timeoutMs < 1000) return `timeout must be at least 1s, not ${l.timeoutMs}ms`;
  return '';
}

/** How to get a query under the limit it ran into, with the limit as set now. */
export function limitHint(limit: keyof QueryLimits, l: QueryLimits): string {
  const where = 'Settings → Query limits';
  switch (limit) {
    case 'maxPointsPerSeries':
      return `The limit is ${l.maxPointsPerSeries.toLocaleString('en-US')} points per series (${where}): coarsen the step or shorten the range.`;
    case 'maxSamples':
      return `The limit is ${l.maxSamples.toLocaleString('en-US')} samples in memory (${where}): select fewer series with more label matchers, shorten the range or coarsen the step.`;
    case 'timeoutMs':
      return `The limit is ${l.timeoutMs / 1000} s per query (${where}): select fewer series, shorten the range, or wait for fewer queries to run at once (at most ${l.maxConcurrent}).`;
    case 'maxConcurrent':
      return `At most ${l.maxConcurrent} queries run at once (${where}).`;
  }
}
