import { describe, expect, it } from 'vitest';
import type { TargetView } from '../scrape/scrapeManager';
import { largeTargets } from './targetShare';

const target = (pool: string, series: number | null): TargetView => ({
  pool,
  url: `http://${pool}:9100/metrics`,
  state: 'up',
  discoveredLabels: {},
  labels: { instance: `${pool}:9100`, job: pool },
  lastScrapeMs: 1000,
  lastDurationMs: 20,
  samples: series,
  series,
  lastError: '',
  lateScrapes: 0,
  missedSlots: 0,
});

describe('largeTargets', () => {
  it.each<[string, [string, number | null][], number, string[]]>([
    ['one target with most of a large head', [['big', 800_000], ['node', 1_000]], 801_000, ['big']],
    ['a large target under half the head', [['a', 300_000], ['b', 400_000], ['c', 300_000]], 1_000_000, []],
    ['half of a small head', [['a', 1_000], ['b', 1_000]], 2_000, []],
    ['exactly half of a large head', [['a', 50_000], ['b', 50_000]], 100_000, ['a', 'b']],
    ['a target never scraped well', [['a', null]], 10, []],
    ['an empty head', [['a', 60_000]], 0, []],
    ['a head that lags the scrape', [['a', 60_000]], 30_000, ['a']],
  ])('%s', (_name, targets, headSeries, want) => {
    expect(largeTargets(targets.map(([pool, n]) => target(pool, n)), headSeries).map((t) => t.job)).toEqual(want);
  });

  it('says which target, how many series, and what to do', () => {
    const [w] = largeTargets([target('big', 800_000)], 801_000);
    expect(w).toMatchObject({ job: 'big', url: 'http://big:9100/metrics', series: 800_000 });
    expect(w.share).toBeCloseTo(0.9988, 3);
    expect(w.message).toBe(
      'Target http://big:9100/metrics (job "big") brings 800,000 of the 801,000 series in memory (100 %); every scrape of it parses and stores that many samples. Drop what you do not need with metric_relabel_configs, or cap it with sample_limit.',
    );
  });

  it('lists the largest first', () => {
    expect(largeTargets([target('a', 60_000), target('b', 70_000)], 100_000).map((t) => t.job)).toEqual(['b', 'a']);
  });
});
