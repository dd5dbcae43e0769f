import { describe, expect, it } from 'vitest';
import { builtinVariables, panelInterval, parseInterval, roundInterval } from './intervals';

describe('roundInterval (Grafana rangeutil.test.ts)', () => {
  it.each([
    [9, 1],
    [14, 10],
    [34, 20],
    [74, 50],
    [149, 100],
    [349, 200],
    [749, 500],
    [1499, 1000],
    [3499, 2000],
    [7499, 5000],
    [12499, 10000],
    [17499, 15000],
    [24999, 20000],
    [44999, 30000],
    [89999, 60000],
    [209999, 120000],
    [449999, 300000],
    [749999, 600000],
    [1049999, 900000],
    [1499999, 1200000],
    [2699999, 1800000],
    [5399999, 3600000],
    [8999999, 7200000],
    [16199999, 10800000],
    [32399999, 21600000],
    [86399999, 43200000],
    [604799999, 86400000],
    [1814399999, 604800000],
    [3628799999, 2592000000],
    [3628800000, 31536000000],
  ])('%i ms rounds to %i', (ms, want) => {
    expect(roundInterval(ms)).toBe(want);
  });
});

describe('parseInterval', () => {
  it.each([
    ['30s', 30_000],
    ['1m', 60_000],
    ['>10s', 10_000],
    ['1.5h', 5_400_000],
    ['250ms', 250],
    ['123', 123_000],
    ['1M', 2_592_000_000],
    ['10x', null],
    ['$interval', null],
  ])('%j is %s', (text, want) => {
    expect(parseInterval(text)).toBe(want);
  });
});

describe('panelInterval', () => {
  const HOUR = 3_600_000;
  it.each([
    ['6h over 1000 points rounds 21.6s to 20s', { rangeMs: 6 * HOUR, maxDataPoints: 1000, minInterval: '', scrapeIntervalMs: 15_000 }, 20_000],
    ['1h over 1000 points (3.6s, rounded to 5s) is raised to the 15s scrape interval', { rangeMs: HOUR, maxDataPoints: 1000, minInterval: '', scrapeIntervalMs: 15_000 }, 15_000],
    ['a min interval replaces the scrape interval as the lower limit', { rangeMs: HOUR, maxDataPoints: 1000, minInterval: '1s', scrapeIntervalMs: 15_000 }, 5000],
    ['a min interval above the auto one wins', { rangeMs: 6 * HOUR, maxDataPoints: 1000, minInterval: '1m', scrapeIntervalMs: 15_000 }, 60_000],
    ['the legacy >10s reads as at least 10s', { rangeMs: HOUR, maxDataPoints: 1000, minInterval: '>10s', scrapeIntervalMs: 1000 }, 10_000],
    ['Prometheus’s 11,000-point limit applies', { rangeMs: 30 * 24 * HOUR, maxDataPoints: 1_000_000, minInterval: '', scrapeIntervalMs: 1000 }, 236_000],
  ])('%s', (_name, input, want) => {
    expect(panelInterval(input)).toEqual({ intervalMs: want });
  });

  it('names a min interval that does not read and falls back to the scrape interval', () => {
    const r = panelInterval({ rangeMs: 3_600_000, maxDataPoints: 1000, minInterval: 'fast', scrapeIntervalMs: 15_000 });
    expect(r.intervalMs).toBe(15_000);
    expect(r.error).toContain('"fast"');
  });
});

describe('builtinVariables', () => {
  it('gives Grafana’s definitions for a 6 h range at a 30 s interval with a 15 s scrape', () => {
    const start = 1_700_000_000_000;
    expect(builtinVariables({ startMs: start, endMs: start + 21_600_000, intervalMs: 30_000, scrapeIntervalMs: 15_000 })).toEqual({
      __interval: '30s',
      __interval_ms: '30000',
      __rate_interval: '1m',
      __rate_interval_ms: '60000',
      __range: '21600s',
      __range_s: '21600',
      __range_ms: '21600000',
      __from: String(start),
      __to: String(start + 21_600_000),
    });
  });

  it.each([
    // max(interval + scrape, 4 × scrape)
    [15_000, 15_000, '1m'],
    [120_000, 15_000, '2m15s'],
    [60_000, 0, '1m15s'],
    [1000, 1000, '4s'],
  ])('__rate_interval at %i ms with a %i ms scrape is %s', (intervalMs, scrapeIntervalMs, want) => {
    expect(builtinVariables({ startMs: 0, endMs: 3_600_000, intervalMs, scrapeIntervalMs }).__rate_interval).toBe(want);
  });

  it('rounds __range to whole seconds', () => {
    expect(builtinVariables({ startMs: 0, endMs: 1_499, intervalMs: 1, scrapeIntervalMs: 1 }).__range).toBe('1s');
  });
});
