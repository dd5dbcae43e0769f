import { describe, expect, it } from 'vitest';
import { Labels } from '../model/labels';
import { Matcher } from '../model/matcher';
import { Postings } from './postings';

describe('Postings', () => {
  // Enough series that lists move from JS arrays to typed ones and grow there.
  const n = 1_000;
  const labelsOf = (r: number): Labels => Labels.from({ __name__: 'm', even: String(r % 2 === 0), tens: String(Math.floor(r / 10)) });

  /** By `add`, or as a restore builds it: in bulk, then settled or not (and added to after). */
  function built(order: number[], how: 'add' | 'bulk' | 'bulk, unsettled' = 'add'): Postings {
    const p = new Postings();
    for (const r of order) {
      if (how === 'add') p.add(r, labelsOf(r));
      else p.addInBulk(r, labelsOf(r));
    }
    if (how === 'bulk') p.settle();
    return p;
  }

  function valueCounts(p: Postings, name: string): Map<string, number> {
    const out = new Map<string, number>();
    p.forEachValueCount(name, (v, c) => out.set(v, c));
    return out;
  }

  const ascending = Array.from({ length: n }, (_, i) => i + 1);
  // Refs out of order (restores can add them so): reversed odd refs after ascending even ones.
  const shuffled = [...ascending.filter((r) => r % 2 === 0), ...ascending.filter((r) => r % 2 === 1).reverse()];

  it.each<[string, number[], 'add' | 'bulk' | 'bulk, unsettled']>([
    ['ascending', ascending, 'add'],
    ['out of order', shuffled, 'add'],
    ['ascending', ascending, 'bulk'],
    ['out of order', shuffled, 'bulk'],
    ['ascending', ascending, 'bulk, unsettled'],
    ['out of order', shuffled, 'bulk, unsettled'],
  ])('resolves matchers to ascending refs when refs arrive %s, indexed by %s', (_, order, how) => {
    const p = built(order, how);
    expect(p.numSeries).toBe(n);
    expect([...p.resolve([new Matcher('=', 'even', 'true')])]).toEqual(ascending.filter((r) => r % 2 === 0));
    expect([...p.resolve([new Matcher('=', 'even', 'false'), new Matcher('=~', 'tens', '1|2')])]).toEqual([11, 13, 15, 17, 19, 21, 23, 25, 27, 29]);
    expect([...p.resolve([new Matcher('=', '__name__', 'm'), new Matcher('=', 'tens', '5')])]).toEqual([50, 51, 52, 53, 54, 55, 56, 57, 58, 59]);
    expect([...p.resolve([])]).toEqual(ascending);
    expect(valueCounts(p, 'even')).toEqual(new Map([['true', n / 2], ['false', n / 2]]));
    expect(Array.from(p.valueLists('even').get('false') ?? [])).toEqual(ascending.filter((r) => r % 2 === 1));
  });

  it('answers with refs of its own that later additions leave alone', () => {
    const p = built(ascending.filter((r) => r < 500));
    const got = p.resolve([new Matcher('=', 'even', 'true')]);
    for (let r = 500; r <= n; r++) p.add(r, labelsOf(r));
    expect([...got]).toEqual(ascending.filter((r) => r < 500 && r % 2 === 0));
  });

  it.each(['add', 'bulk'] as const)('adds a ref once however often it is added, by %s', (how) => {
    const p = built([...ascending, ...ascending.slice(0, 100)], how);
    expect(p.numSeries).toBe(n);
    expect(valueCounts(p, 'even').get('true')).toBe(n / 2);
  });

  it('takes series by add and removes them after a bulk build, settled or not', () => {
    for (const how of ['bulk', 'bulk, unsettled'] as const) {
      const p = built(ascending.filter((r) => r <= 600), how);
      for (let r = 601; r <= n; r++) p.add(r, labelsOf(r));
      p.remove(new Set([2, 4, 1000]), labelsOf);
      expect([...p.resolve([new Matcher('=', 'even', 'true')])]).toEqual(ascending.filter((r) => r % 2 === 0 && r > 4 && r < 1000));
    }
  });

  it('drops removed refs from every list and empty values with them', () => {
    const p = built(ascending);
    const gone = new Set(ascending.filter((r) => r % 3 === 0 || r < 20));
    p.remove(gone, labelsOf);
    const left = ascending.filter((r) => !gone.has(r));
    expect([...p.resolve([])]).toEqual(left);
    expect([...p.resolve([new Matcher('=', 'even', 'true')])]).toEqual(left.filter((r) => r % 2 === 0));
    expect(p.labelValues('tens')).not.toContain('0');
    p.add(3, labelsOf(3));
    expect([...p.resolve([new Matcher('=', 'even', 'false')])].slice(0, 2)).toEqual([3, 23]);
  });
});
