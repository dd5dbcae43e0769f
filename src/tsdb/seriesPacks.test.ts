import { describe, expect, it } from 'vitest';
import { packsHolding, packSeries, withoutRefs, type PackKey } from './seriesPacks';
import { unpack } from './seriesPacksTestUtil';

const LONG = 'x'.repeat(100_000) + '🦊';

describe('series packs', () => {
  it.each<[string, string[]]>([
    ['plain', ['__name__', 'up', 'job', 'node']],
    ['an empty value', ['__name__', 'up', 'path', '']],
    ['no labels', []],
    ['NUL and separators', ['a\u0000b', '\u0000', 'c', '\u0000\u0000,=']],
    ['emoji and other scripts', ['__name__', 'Größe_🦊', '名前', '値😀']],
    ['a very long value', ['__name__', 'big', 'v', LONG]],
  ])('keeps labels exactly: %s', (_name, labels) => {
    const rows = [
      { ref: 3, labels },
      { ref: 4, labels: ['__name__', 'after'] },
    ];
    expect(unpack(packSeries(rows))).toEqual(rows);
  });

  it('keeps each series its own strings where the series before has one of the same length at that place', () => {
    const rows = [
      { ref: 1, labels: ['__name__', 'up', 'job', 'ab', 'zone', 'eu'] },
      { ref: 2, labels: ['__name__', 'up', 'job', 'ba', 'zone', 'eu'] },
      { ref: 3, labels: ['__name__', 'up', 'job', 'ba'] },
      { ref: 4, labels: ['__name__', 'up', 'job', 'ba', 'zone', 'us', 'x', 'y'] },
      { ref: 5, labels: ['__name__', 'upp', 'jo', 'bba'] },
    ];
    expect(unpack(packSeries(rows))).toEqual(rows);
  });

  it.each([
    [0, 3, 0],
    [5, 5, 1],
    [6, 5, 2],
    [25, 10, 3],
  ])('packs %i series %i to a pack into %i packs, each keyed by its first ref', (n, perPack, packs) => {
    const rows = Array.from({ length: n }, (_, i) => ({ ref: 10 + i * 2, labels: ['__name__', `m${i}`] }));
    const got = packSeries(rows, perPack);
    expect(got).toHaveLength(packs);
    expect(got.map((p) => [p.id, p.size])).toEqual(got.map((p) => [p.refs[0], p.refs.length]));
    expect(unpack(got)).toEqual(rows);
  });

  it('drops refs from a pack, keeping its id, and empties it', () => {
    const rows = [1, 2, 3].map((ref) => ({ ref, labels: ['__name__', `m${ref}`, 'v', ref === 2 ? '' : '\u0000'] }));
    const [p] = packSeries(rows);
    const kept = withoutRefs(p, new Set([1, 3]))!;
    expect([kept.id, kept.size]).toEqual([1, 1]);
    expect(unpack([kept])).toEqual([rows[1]]);
    expect(withoutRefs(p, new Set([1, 2, 3]))).toBeUndefined();
  });

  it.each<[string, number[], PackKey[]]>([
    ['none', [], []],
    ['below every pack', [3], []],
    ['first refs and inside', [10, 25, 29], [[10, 5], [20, 5]]],
    ['past the last pack', [1000], [[30, 2]]],
  ])('finds the packs holding refs: %s', (_name, refs, want) => {
    const keys: PackKey[] = [
      [10, 5],
      [20, 5],
      [30, 2],
    ];
    expect(packsHolding(keys, refs)).toEqual(want);
  });
});
