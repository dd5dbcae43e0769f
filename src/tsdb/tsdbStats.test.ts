import { describe, expect, it } from 'vitest';
import { Labels } from '../model/labels';
import { Head } from './head';
import { storageTotals, TopCounts, tsdbStats } from './tsdbStats';
import type { BlockRecord } from './tsdbStore';

describe('TopCounts', () => {
  // What the Status page showed before: every item made, stable-sorted by count descending, the first ten kept.
  const sortedTop = (counts: number[]) =>
    counts
      .map((count, i) => ({ id: i, count }))
      .sort((a, b) => b.count - a.count)
      .slice(0, 10);

  it.each([
    ['fewer than ten', [3, 1, 2]],
    ['ties keep the order offered', [5, 5, 1, 5, 9, 5, 5, 5, 5, 5, 5, 5, 2]],
    ['ascending', Array.from({ length: 50 }, (_, i) => i)],
    ['descending', Array.from({ length: 50 }, (_, i) => 50 - i)],
    ['scattered with repeats', Array.from({ length: 5_000 }, (_, i) => (i * 7919) % 97)],
  ])('keeps what a stable sort would keep: %s', (_, counts) => {
    const top = new TopCounts<{ id: number; count: number }>();
    counts.forEach((count, id) => top.offer(count, () => ({ id, count })));
    expect(top.items).toEqual(sortedTop(counts));
  });

  it('makes an item only when it enters the top ten', () => {
    const top = new TopCounts<{ count: number }>();
    let made = 0;
    for (let i = 0; i < 10_000; i++) top.offer(i < 10 ? 100 : 1, () => (made++, { count: i < 10 ? 100 : 1 }));
    expect(made).toBe(10);
  });
});

describe('storageTotals', () => {
  it('gives the sizes and span tsdbStats gives, head and blocks', () => {
    const head = new Head();
    const app = head.appender();
    for (let i = 0; i < 30; i++) app.append(0, Labels.from({ __name__: i % 3 === 0 ? 'a' : 'b', i: String(i) }), 1_000 + i, i);
    app.commit();
    const blocks = [{ mint: 500, numChunks: 4, numSamples: 400, bytes: 600 }] as BlockRecord[];
    const { series, chunks, samples, storedBytes, headSeries, headChunks, headSamples, minTime, maxTime, bytesPerSample } = tsdbStats(head, blocks, { bytes: 0, maxBytes: 0 }, []);
    expect(storageTotals(head, blocks)).toEqual({ series, chunks, samples, storedBytes, blocks: 1, headSeries, headChunks, headSamples, minTime, maxTime, bytesPerSample });
    expect([series, samples, minTime, maxTime]).toEqual([30, 430, 500, 1_029]);
  });
});
