import { describe, expect, it } from 'vitest';
import { hashBytes, SeriesCache } from './seriesCache';

const enc = new TextEncoder();

describe('hashBytes', () => {
  it.each([
    ['The quick brown fox jumps over the lazy dog', 0x2fa826cd],
    ['Hello, world!', 0x24884cba],
  ])('is MurmurHash3 x86_32 with seed 0x9747b28c: %j', (text, want) => {
    const b = enc.encode(`..${text}..`);
    expect(hashBytes(b, 2, b.length - 2) >>> 0).toBe(want);
  });
});

describe('SeriesCache', () => {
  it('finds an entry by the bytes of any buffer holding the same series', () => {
    const cache = new SeriesCache<number>();
    const a = enc.encode('xx up{job="a"} 1');
    cache.insert(a, 3, 14, 7);
    const b = enc.encode('up{job="a"} 2\n');
    expect(cache.lookup(b, 0, 11)).toBe(7);
    expect(cache.lookup(b, 0, 10)).toBeUndefined();
    a.fill(0);
    expect(cache.lookup(b, 0, 11)).toBe(7);
  });

  it('tells apart series whose hashes collide', () => {
    const cache = new SeriesCache<string>();
    // Find two short keys with one hash.
    const seen = new Map<number, string>();
    let pair: [string, string] | undefined;
    for (let i = 0; !pair; i++) {
      const key = `s${i}`;
      const b = enc.encode(key);
      const h = hashBytes(b, 0, b.length);
      const other = seen.get(h);
      if (other !== undefined) pair = [other, key];
      else seen.set(h, key);
    }
    for (const k of pair) cache.insert(enc.encode(k), 0, k.length, k);
    for (const k of pair) expect(cache.lookup(enc.encode(k), 0, k.length)).toBe(k);
    expect(cache.size).toBe(2);
  });

  it('sweeps entries a scrape did not see, keeping those it did', () => {
    const cache = new SeriesCache<string>();
    const put = (k: string) => cache.insert(enc.encode(k), 0, k.length, k);
    const get = (k: string) => cache.lookup(enc.encode(k), 0, k.length);
    put('a');
    put('b');
    put('c');
    cache.nextGeneration();
    expect(get('a')).toBe('a');
    put('d');
    const dropped: string[] = [];
    expect(cache.sweep((e) => dropped.push(e))).toBe(2);
    expect(dropped.sort()).toEqual(['b', 'c']);
    expect([get('a'), get('b'), get('c'), get('d')]).toEqual(['a', undefined, undefined, 'd']);
    expect(cache.size).toBe(2);
  });

  it('replaces the entry when a series is inserted again', () => {
    const cache = new SeriesCache<number>();
    const k = enc.encode('up');
    cache.insert(k, 0, 2, 1);
    cache.insert(k, 0, 2, 2);
    expect(cache.lookup(k, 0, 2)).toBe(2);
    expect(cache.size).toBe(1);
  });

  it.each([
    ['UTF-8 bytes', 'up{city="Zürich"}', 'up{city="Zurich"}'],
    ['keys longer than one string-building step', `m{v="${'x'.repeat(20_000)}"}`, `m{v="${'x'.repeat(19_999)}y"}`],
    ['bytes above 0x7f that differ only in the high bit', 'm{v="\u00e9"}', 'm{v="\u00c9"}'],
  ])('tells keys apart byte for byte: %s', (_, a, b) => {
    const cache = new SeriesCache<string>();
    const [ka, kb] = [enc.encode(a), enc.encode(b)];
    cache.insert(ka, 0, ka.length, 'a');
    expect(cache.lookup(enc.encode(a), 0, ka.length)).toBe('a');
    expect(cache.lookup(kb, 0, kb.length)).toBeUndefined();
  });
});
