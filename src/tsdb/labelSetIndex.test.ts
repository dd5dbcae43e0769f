import { describe, expect, it } from 'vitest';
import { Labels } from '../model/labels';
import { LabelSetIndex } from './labelSetIndex';

describe('LabelSetIndex', () => {
  it('finds series by equal label sets, not by identity', () => {
    const series = new Map<number, Labels>();
    const idx = new LabelSetIndex((r) => series.get(r)!);
    series.set(1, Labels.from({ __name__: 'up', job: 'a' }));
    series.set(2, Labels.from({ __name__: 'up', job: 'b' }));
    idx.add(series.get(1)!, 1);
    idx.add(series.get(2)!, 2);
    expect(idx.get(Labels.from({ job: 'a', __name__: 'up' }))).toBe(1);
    expect(idx.get(Labels.from({ __name__: 'up', job: 'b' }))).toBe(2);
    expect(idx.get(Labels.from({ __name__: 'up', job: 'c' }))).toBeUndefined();
    expect(idx.size).toBe(2);
  });

  it('keeps every other series findable through growth, deletes in any order and shrinking', () => {
    const series = new Map<number, Labels>();
    const idx = new LabelSetIndex((r) => series.get(r)!);
    const n = 5_000;
    for (let r = 1; r <= n; r++) {
      series.set(r, Labels.from({ __name__: 'm', id: String(r % 97), shard: String(Math.floor(r / 97)) }));
      idx.add(series.get(r)!, r);
    }
    // Deleting every third, then checking all, exercises runs that wrap and shift.
    for (let r = 3; r <= n; r += 3) idx.delete(series.get(r)!, r);
    for (let r = 1; r <= n; r++) expect(idx.get(series.get(r)!)).toBe(r % 3 === 0 ? undefined : r);
    for (let r = 1; r <= n; r++) if (r % 3 !== 0) idx.delete(series.get(r)!, r);
    expect(idx.size).toBe(0);
    expect(idx.get(series.get(1)!)).toBeUndefined();
    idx.add(series.get(7)!, 7);
    expect(idx.get(series.get(7)!)).toBe(7);
  });

  it('grows through 100,000 series without reading any indexed series labels again', () => {
    // Rehashing every label set when the table doubles held the engine's thread for a second at 800,000 series.
    const series = new Map<number, Labels>();
    let reads = 0;
    const idx = new LabelSetIndex((r) => (reads++, series.get(r)!));
    for (let r = 1; r <= 100_000; r++) {
      series.set(r, Labels.from({ __name__: 'm', pod: `pod-${r}` }));
      idx.add(series.get(r)!, r);
    }
    expect(reads).toBe(0);
    expect(idx.get(Labels.from({ __name__: 'm', pod: 'pod-4242' }))).toBe(4242);
  });

  it.each([
    ['an empty table', 0],
    ['a reserved table', 50_000],
  ])('getOrAdd in %s indexes a new label set and answers an indexed one with its ref', (_name, reserve) => {
    const series = new Map<number, Labels>();
    const idx = new LabelSetIndex((r) => series.get(r)!);
    idx.reserve(reserve);
    for (let r = 1; r <= 1_000; r++) {
      series.set(r, Labels.from({ __name__: 'm', id: String(r) }));
      expect(idx.getOrAdd(series.get(r)!, r)).toBe(r);
    }
    expect(idx.getOrAdd(Labels.from({ id: '42', __name__: 'm' }), 5_000)).toBe(42);
    expect(idx.size).toBe(1_000);
    expect(idx.get(Labels.from({ __name__: 'm', id: '999' }))).toBe(999);
  });

  it('ignores deleting a series it does not hold', () => {
    const idx = new LabelSetIndex(() => Labels.EMPTY);
    idx.delete(Labels.from({ a: '1' }), 5);
    expect(idx.size).toBe(0);
  });
});
