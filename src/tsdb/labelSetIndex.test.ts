import { describe, expect, it } from 'vitest';
import { Labels } from '../model/labels';
import { LabelSetIndex, labelSetHash } from './labelSetIndex';

describe('LabelSetIndex', () => {
  const series = new Map<number, Labels>();
  const make = (): LabelSetIndex => new LabelSetIndex((r) => series.get(r)!);

  it('finds series by equal label sets, not by identity', () => {
    const idx = make();
    series.set(1, Labels.from({ __name__: 'up', job: 'a' }));
    series.set(2, Labels.from({ __name__: 'up', job: 'b' }));
    idx.add(series.get(1)!, 1);
    idx.add(series.get(2)!, 2);
    expect(idx.get(Labels.from({ job: 'a', __name__: 'up' }))).toBe(1);
    expect(idx.get(Labels.from({ __name__: 'up', job: 'b' }))).toBe(2);
    expect(idx.get(Labels.from({ __name__: 'up', job: 'c' }))).toBeUndefined();
    expect(idx.size).toBe(2);
  });

  it('tells apart label sets whose hashes collide and keeps the rest on delete', () => {
    // Search a small space for two label sets with the same 30-bit hash.
    const seen = new Map<number, Labels>();
    let pair: [Labels, Labels] | undefined;
    for (let i = 0; pair === undefined; i++) {
      const l = Labels.from({ id: String(i) });
      const h = labelSetHash(l);
      const other = seen.get(h);
      if (other) pair = [other, l];
      else seen.set(h, l);
    }
    const idx = make();
    series.set(10, pair[0]);
    series.set(11, pair[1]);
    idx.add(pair[0], 10);
    idx.add(pair[1], 11);
    expect(idx.get(pair[0])).toBe(10);
    expect(idx.get(pair[1])).toBe(11);
    idx.delete(pair[0], 10);
    expect(idx.get(pair[0])).toBeUndefined();
    expect(idx.get(pair[1])).toBe(11);
    idx.delete(pair[1], 11);
    expect(idx.get(pair[1])).toBeUndefined();
    expect(idx.size).toBe(0);
  });
});
