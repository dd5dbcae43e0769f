import { describe, expect, it } from 'vitest';
import { DEFAULT_QUERY_LIMITS, limitHint, limitsProblem, type QueryLimits } from './queryLimits';

describe('limitsProblem', () => {
  it.each<[Partial<QueryLimits>, string]>([
    [{}, ''],
    [{ maxPointsPerSeries: 0 }, 'points per series must be a whole number of at least 1, not 0'],
    [{ maxSamples: 1.5 }, 'samples in memory must be a whole number of at least 1, not 1.5'],
    [{ maxConcurrent: Number.NaN }, 'concurrent queries must be a whole number of at least 1, not NaN'],
    [{ timeoutMs: 999 }, 'timeout must be at least 1s, not 999ms'],
  ])('%o: %s', (change, problem) => {
    expect(limitsProblem({ ...DEFAULT_QUERY_LIMITS, ...change })).toBe(problem);
  });
});

describe('limitHint', () => {
  it.each<[keyof QueryLimits, string]>([
    ['maxPointsPerSeries', 'The limit is 11,000 points per series (Settings → Query limits): coarsen the step or shorten the range.'],
    ['maxSamples', 'The limit is 50,000,000 samples in memory (Settings → Query limits): select fewer series with more label matchers, shorten the range or coarsen the step.'],
    ['timeoutMs', 'The limit is 120 s per query (Settings → Query limits): select fewer series, shorten the range, or wait for fewer queries to run at once (at most 20).'],
  ])('%s', (limit, hint) => {
    expect(limitHint(limit, DEFAULT_QUERY_LIMITS)).toBe(hint);
  });
});
