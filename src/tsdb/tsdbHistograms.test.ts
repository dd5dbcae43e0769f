import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import { FloatHistogram } from '../model/histogram/floatHistogram';
import { Histogram } from '../model/histogram/histogram';
import { Labels } from '../model/labels';
import { Matcher } from '../model/matcher';
import { STALE_NAN } from '../model/staleNaN';
import { exportBatches } from './exportBatches';
import { Head } from './head';
import type { Storage } from './storage';
import { openTsdb, type Tsdb } from './tsdb';

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 0, 1);
const lat = Labels.from({ __name__: 'latency', job: 'api' });
const gauge = Labels.from({ __name__: 'queue_sizes', job: 'api' });
const switched = Labels.from({ __name__: 'switched', job: 'api' });
const up = Labels.from({ __name__: 'up', job: 'api' });

/** A counter histogram at scrape k: new buckets appear every 50 scrapes, a counter reset at 300. */
function counter(k: number): Histogram {
  const c = k % 300;
  const width = 2 + Math.floor(c / 50);
  return new Histogram({
    schema: 3,
    count: c * width,
    sum: c * 0.25,
    zeroCount: 0,
    positiveSpans: [{ offset: -2, length: width }],
    positiveBuckets: Array.from({ length: width }, (_, i) => (i === 0 ? c : 0)),
  });
}

function floatGauge(k: number): FloatHistogram {
  return new FloatHistogram({ counterResetHint: 3, schema: 0, count: k % 7, sum: k / 3, positiveSpans: [{ offset: 0, length: 2 }], positiveBuckets: [k % 3, (k % 7) - (k % 3)] });
}

/** Scrapes k in [from, to): a counter histogram, a float gauge histogram, a float, and a series that turns from floats to histograms at 100. */
function scrape(db: Storage, from: number, to: number): void {
  for (let k = from; k < to; k++) {
    const t = T0 + k * 15_000;
    const app = db.appender();
    app.appendHistogram(0, lat, t, k === 250 ? new Histogram({ sum: STALE_NAN }) : counter(k));
    app.appendHistogram(0, gauge, t, floatGauge(k));
    app.append(0, up, t, 1);
    if (k < 100) app.append(0, switched, t, k);
    else app.appendHistogram(0, switched, t, counter(k));
    app.commit();
  }
}

async function dump(db: Storage, mint = -Infinity, maxt = Infinity) {
  return (await db.querier().select([], mint, maxt)).map((s) => ({ labels: s.labels.toString(), ts: [...s.ts], vs: [...s.vs], hs: s.hs && [...s.hs] }));
}

const open: Tsdb[] = [];
async function openFresh(factory: IDBFactory, extra: Partial<Parameters<typeof openTsdb>[0]> = {}): Promise<Tsdb> {
  const db = await openTsdb({ name: 'vigil', indexedDB: factory, ...extra });
  open.push(db);
  return db;
}

afterEach(async () => {
  for (const db of open.splice(0)) await db.close().catch(() => undefined);
});

describe('persistent tsdb with histograms', () => {
  it('reopens with every histogram sample, from blocks, a snapshot and the log', async () => {
    const factory = new IDBFactory();
    const db = await openFresh(factory);
    const ref = new Head();
    // Checkpoints every 20 scrapes: some write a snapshot, most a log record; 700 scrapes cross a window.
    for (let k = 0; k < 700; k += 20) {
      for (const target of [db, ref]) scrape(target, k, k + 20);
      await db.checkpoint();
    }
    expect(db.stats().blocks).toBeGreaterThan(0);
    const want = await dump(ref);
    expect(want.find((s) => s.labels.includes('latency'))!.hs!.filter((h) => h !== undefined)).toHaveLength(699);
    expect(await dump(db)).toEqual(want);
    expect(await dump(db, T0 + HOUR, T0 + 2.5 * HOUR)).toEqual(await dump(ref, T0 + HOUR, T0 + 2.5 * HOUR));

    const again = await openFresh(factory);
    expect(await dump(again)).toEqual(want);
    // It goes on appending where it stopped: same answers as the head that never closed.
    for (const target of [again, ref]) scrape(target, 700, 760);
    await again.checkpoint();
    expect(await dump(again)).toEqual(await dump(ref));
    expect(await dump(await openFresh(factory))).toEqual(await dump(ref));
  });

  it('keeps an unchanged histogram at the newest time a silent duplicate after reopening', async () => {
    const factory = new IDBFactory();
    const db = await openFresh(factory);
    scrape(db, 0, 30);
    await db.checkpoint();
    const again = await openFresh(factory);
    const app = again.appender();
    app.appendHistogram(0, lat, T0 + 29 * 15_000, counter(29));
    app.appendHistogram(0, gauge, T0 + 29 * 15_000, floatGauge(3));
    const stats = app.commit();
    expect(stats.duplicate).toBe(1);
    // A stale float on a histogram series is stored as a histogram stale marker, as before the reload.
    const stale = again.appender();
    stale.append(0, lat, T0 + 30 * 15_000, STALE_NAN);
    stale.commit();
    const [s] = await again.querier().select([new Matcher('=', '__name__', 'latency')], T0 + 30 * 15_000, T0 + 30 * 15_000);
    expect(Number.isNaN(s.vs[0])).toBe(true);
    expect(again.stats().series).toBeGreaterThan(0);
  });

  it('compacts histogram blocks of a settled window and reads them back', async () => {
    const factory = new IDBFactory();
    const db = await openFresh(factory);
    const ref = new Head();
    for (let k = 0; k < 8; k++) {
      for (const target of [db, ref]) scrape(target, k * 60, k * 60 + 60);
      await db.checkpoint();
    }
    for (const target of [db, ref]) scrape(target, 720, 970);
    const got = await db.checkpoint();
    expect(got.blocksCompacted).toBeGreaterThan(1);
    expect(await dump(db)).toEqual(await dump(ref));
    expect(await dump(await openFresh(factory))).toEqual(await dump(ref));
  });

  it('drops histogram blocks past retention and the series left without samples', async () => {
    const factory = new IDBFactory();
    const db = await openFresh(factory, { retentionMs: 6 * HOUR });
    const app = db.appender();
    for (let k = 0; k < 100; k++) app.appendHistogram(0, Labels.from({ __name__: 'gone' }), T0 + k * 15_000, counter(k));
    app.commit();
    scrape(db, 0, 10);
    await db.checkpoint();
    scrape(db, 12 * 240, 12 * 240 + 10);
    const got = await db.checkpoint();
    expect(got.retention.reasons).toEqual(['time']);
    expect(got.retention.seriesRemoved).toBe(1);
    expect(await db.querier().labelValues('__name__')).toEqual(['latency', 'queue_sizes', 'switched', 'up']);
    expect((await dump(db)).every((s) => s.ts.every((t) => t >= T0 + 6 * HOUR))).toBe(true);
  });

  it('exports histogram samples from blocks and the head, one family at a time', async () => {
    const db = await openFresh(new IDBFactory());
    scrape(db, 0, 600);
    await db.checkpoint();
    const batches = [];
    for await (const b of exportBatches(db.querier(), [], -Infinity, Infinity)) batches.push(b);
    expect(batches.map((b) => b.map((s) => s.labels.get('__name__')))).toEqual([['latency'], ['queue_sizes'], ['switched'], ['up']]);
    const [latency] = batches[0];
    expect(latency.hs![10]).toEqual((await dump(db))[0].hs![10]);
    expect(latency.hs!.filter((h) => h !== undefined)).toHaveLength(599);
  });
});
