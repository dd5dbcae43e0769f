import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterAll, describe, expect, it } from 'vitest';
import { Labels } from '../model/labels';
import { Matcher } from '../model/matcher';
import { STALE_NAN } from '../model/staleNaN';
import { Head } from './head';
import type { Storage } from './storage';
import { openTsdb, type Tsdb } from './tsdb';

const MIN = 60_000;
const HOUR = 60 * MIN;
// Aligned to the 2 h chunk range, so the first two hours end up in one block.
const T0 = Date.UTC(2026, 0, 1);

/** Series with different spans: whole, early only, late only, one stale marker only, and another job. */
const FIXTURE: [Labels, number, number, number][] = [
  [Labels.from({ __name__: 'up', instance: 'a', job: 'node' }), T0, T0 + 4 * HOUR, 1],
  [Labels.from({ __name__: 'up', instance: 'b', job: 'node' }), T0, T0 + 10 * MIN, 1],
  [Labels.from({ __name__: 'up', instance: 'c', job: 'node' }), T0 + 3 * HOUR, T0 + 4 * HOUR, 1],
  [Labels.from({ __name__: 'up', instance: 'stale', job: 'node' }), T0 + 3 * HOUR + 30 * MIN, T0 + 3 * HOUR + 30 * MIN, STALE_NAN],
  [Labels.from({ __name__: 'requests_total', instance: 'a', job: 'web' }), T0 + 30 * MIN, T0 + 3 * HOUR, 2],
];

function load(db: Storage): void {
  const app = db.appender();
  for (const [labels, from, to, v] of FIXTURE) {
    let ref = 0;
    for (let t = from; t <= to; t += 15_000) ref = app.append(ref, labels, t, v);
  }
  app.commit();
}

const headStore = new Head();
load(headStore);
let tsdb: Tsdb | undefined;
async function persisted(): Promise<Tsdb> {
  if (tsdb) return tsdb;
  const db = await openTsdb({ name: 'select-labels', indexedDB: new IDBFactory() });
  load(db);
  await db.checkpoint();
  expect(db.stats().blocks).toBeGreaterThan(0);
  return (tsdb = db);
}
afterAll(() => tsdb?.close());

const node = [new Matcher('=', 'job', 'node')];
const CASES: [string, Matcher[], number, number, string[]][] = [
  ['every series over all time', [], -Infinity, Infinity, ['a/requests_total', 'a/up', 'b/up', 'c/up', 'stale/up']],
  ['the first ten minutes, from a block', [], T0, T0 + 5 * MIN, ['a/up', 'b/up']],
  ['a span inside a block that b ended before', [], T0 + 20 * MIN, T0 + 40 * MIN, ['a/requests_total', 'a/up']],
  ['the last hour, from memory', node, T0 + 3 * HOUR + 15 * MIN, T0 + 4 * HOUR, ['a/up', 'c/up', 'stale/up']],
  ['a series whose only sample is a stale marker', [new Matcher('=', 'instance', 'stale')], T0 + 3 * HOUR + 30 * MIN, T0 + 3 * HOUR + 30 * MIN, ['stale/up']],
  ['one millisecond after the stale marker', [new Matcher('=', 'instance', 'stale')], T0 + 3 * HOUR + 30 * MIN + 1, T0 + 5 * HOUR, []],
  ['after every sample', [], T0 + 4 * HOUR + 1, T0 + 6 * HOUR, []],
  ['before every sample', [], T0 - HOUR, T0 - 1, []],
  ['a regex over instances', [new Matcher('=~', 'instance', 'b|c')], -Infinity, Infinity, ['b/up', 'c/up']],
];

const short = (l: Labels) => `${l.get('instance')}/${l.metricName}`;

describe.each<[string, () => Promise<Storage>]>([
  ['head', async () => headStore],
  ['persisted blocks and head', persisted],
])('labels-only reads of the %s', (_, storage) => {
  it.each(CASES)('%s: selectLabels agrees with select', async (_case, matchers, mint, maxt, want) => {
    const q = (await storage()).querier();
    const labels = await q.selectLabels(matchers, mint, maxt);
    const selected = await q.select(matchers, mint, maxt);
    expect(labels.map(short)).toEqual(selected.map((s) => short(s.labels)));
    expect(labels.map(short).sort()).toEqual(want);
  });

  it.each(CASES)('%s: countSeries counts what select returns, by name and by job', async (_case, matchers, mint, maxt) => {
    const q = (await storage()).querier();
    const selected = await q.select(matchers, mint, maxt);
    for (const name of ['__name__', 'job']) {
      const want = new Map<string, number>();
      for (const s of selected) want.set(s.labels.get(name), (want.get(s.labels.get(name)) ?? 0) + 1);
      expect(await q.countSeries(name, matchers, mint, maxt)).toEqual(want);
    }
  });

  it('ticks about every 1,024 series it walks', async () => {
    const q = (await storage()).querier();
    let ticks = 0;
    await q.countSeries('__name__', [], -Infinity, Infinity, { tick: async () => void ticks++ });
    expect(ticks).toBe(0);
    const big = new Head();
    const app = big.appender();
    for (let i = 0; i < 3000; i++) app.append(0, Labels.from({ __name__: `m${i % 7}`, i: String(i) }), T0, i);
    app.commit();
    await big.querier().countSeries('__name__', [], T0, T0, { tick: async () => void ticks++ });
    expect(ticks).toBe(2);
    const got = await big.querier().selectLabels([], T0, T0, { tick: async () => void ticks++ });
    expect(got).toHaveLength(3000);
    expect(ticks).toBe(4);
  });
});

describe('labels-only reads while a checkpoint moves chunks into a block', () => {
  it('still count a series whose chunks left memory during the walk', async () => {
    const db = await openTsdb({ name: 'select-labels-race', indexedDB: new IDBFactory() });
    try {
      const app = db.appender();
      for (let i = 0; i < 2048; i++) {
        const labels = Labels.from({ __name__: 'up', i: String(i) });
        let ref = 0;
        for (let t = T0; t < T0 + 2 * HOUR + MIN; t += MIN) ref = app.append(ref, labels, t, 1);
      }
      app.commit();
      const q = db.querier();
      let moved: Promise<unknown> | undefined;
      const counts = await q.countSeries('__name__', [], T0, T0 + HOUR, {
        tick: async () => {
          moved ??= db.checkpoint();
          await moved;
        },
      });
      expect(counts).toEqual(new Map([['up', 2048]]));
    } finally {
      await db.close();
    }
  });
});
