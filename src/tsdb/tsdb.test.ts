import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { IDBFactory, IDBObjectStore } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Labels } from '../model/labels';
import { Matcher } from '../model/matcher';
import { Head } from './head';
import type { Storage } from './storage';
import { PACK_SERIES } from './seriesPacks';
import { deleteTsdb, openTsdb, type Tsdb } from './tsdb';
import { openStore } from './tsdbStore';

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 0, 1);
const series = (i: number) => Labels.from({ __name__: i % 2 ? 'up' : 'http_requests_total', instance: `host-${i}`, job: 'node' });

/** Appends `steps` scrapes of `n` series every 15 s from t0, as one commit per scrape. */
function scrape(db: Storage, n: number, t0: number, steps: number, value = (i: number, k: number) => i * 1000 + k): void {
  for (let k = 0; k < steps; k++) {
    const app = db.appender();
    for (let i = 0; i < n; i++) app.append(0, series(i), t0 + k * 15_000, value(i, k));
    app.commit();
  }
}

async function dump(db: Storage, mint = -Infinity, maxt = Infinity) {
  return (await db.querier().select([], mint, maxt)).map((s) => ({ labels: s.labels.toString(), ts: [...s.ts], vs: [...s.vs] }));
}

const open: Tsdb[] = [];
async function openFresh(factory: IDBFactory, extra: Partial<Parameters<typeof openTsdb>[0]> = {}): Promise<Tsdb> {
  const db = await openTsdb({ name: 'vigil', indexedDB: factory, ...extra });
  open.push(db);
  return db;
}

/**
 * A store keeping 6 h: a series 'gone' with samples only at T0, two scraped
 * at T0 and again 12 h later, checkpointed once between; the next checkpoint
 * drops the first window and 'gone' with it.
 */
async function retentionDue(factory: IDBFactory): Promise<Tsdb> {
  const db = await openFresh(factory, { retentionMs: 6 * HOUR });
  const app = db.appender();
  for (let k = 0; k < 100; k++) app.append(0, Labels.from({ __name__: 'gone' }), T0 + k * 15_000, k);
  app.commit();
  scrape(db, 2, T0, 10);
  await db.checkpoint();
  scrape(db, 2, T0 + 12 * HOUR, 10);
  return db;
}

afterEach(async () => {
  vi.restoreAllMocks();
  for (const db of open.splice(0)) await db.close().catch(() => undefined);
});

describe('persistent tsdb', () => {
  it('answers across blocks and the head as the in-memory head does', async () => {
    const factory = new IDBFactory();
    const db = await openFresh(factory);
    const ref = new Head();
    for (const target of [db, ref]) scrape(target, 20, T0, 200);
    await db.checkpoint();
    for (const target of [db, ref]) scrape(target, 20, T0 + 200 * 15_000, 700);
    const got = await db.checkpoint();
    expect(got.blocksWritten).toBeGreaterThan(0);
    expect(db.stats().blocks).toBeGreaterThan(0);
    expect(await dump(db)).toEqual(await dump(ref));
    expect(await dump(db, T0 + HOUR, T0 + 2 * HOUR)).toEqual(await dump(ref, T0 + HOUR, T0 + 2 * HOUR));
  });

  it('ticks while it decodes a large select', async () => {
    const db = await openFresh(new IDBFactory());
    scrape(db, 2048, T0, 2);
    await db.checkpoint();
    scrape(db, 2048, T0 + 30_000, 2);
    let ticks = 0;
    const got = await db.querier().select([], T0, T0 + HOUR, { tick: async () => void ticks++ });
    expect(got).toHaveLength(2048);
    expect(got[0].ts).toHaveLength(4);
    expect(ticks).toBe(2);
  });

  it('reopens with every checkpointed sample and keeps appending to the same series', async () => {
    const factory = new IDBFactory();
    const first = await openFresh(factory);
    scrape(first, 5, T0, 300);
    const app = first.appender();
    app.updateMetadata('up', { type: 'gauge', help: 'Target up.', unit: '' });
    app.commit();
    await first.checkpoint();
    const before = await dump(first);
    await first.close();

    const again = await openFresh(factory);
    expect(await dump(again)).toEqual(before);
    expect(await again.querier().metadata('up')).toEqual(new Map([['up', [{ type: 'gauge', help: 'Target up.', unit: '' }]]]));
    expect(again.stats().series).toBe(5);
    const late = again.appender();
    late.append(0, series(1), T0, 1);
    late.append(0, series(1), T0 + 300 * 15_000, 7);
    expect(late.commit()).toMatchObject({ appended: 1, outOfOrder: 1, seriesAdded: 0 });
    const [s] = await again.querier().select([new Matcher('=', 'instance', 'host-1')], 0, Infinity);
    expect(s.ts.length).toBe(301);
    expect(s.vs[300]).toBe(7);
  });

  it('keeps start times for the samples in memory only: blocks and reopening drop them', async () => {
    const factory = new IDBFactory();
    const db = await openFresh(factory);
    const delta = Labels.from({ __name__: 'delta_total', job: 'node' });
    const app = db.appender();
    for (let k = 1; k <= 300; k++) app.append(0, delta, T0 + k * 15_000, 1, T0 + (k - 1) * 15_000);
    app.commit();
    const got = await db.checkpoint();
    expect(got.blocksWritten).toBeGreaterThan(0);
    const [s] = await db.querier().select([], -Infinity, Infinity);
    expect(s.ts.length).toBe(300);
    const st = [...s.st!];
    const persisted = st.findIndex((x) => x !== 0);
    expect(persisted).toBeGreaterThan(0);
    expect(st.slice(persisted)).toEqual([...s.ts.subarray(persisted)].map((t) => t - 15_000));
    await db.close();

    const again = await openFresh(factory);
    const [reopened] = await again.querier().select([], -Infinity, Infinity);
    expect(reopened.ts.length).toBe(300);
    expect(reopened.st).toBeUndefined();
  });

  it('logs only new samples between snapshots, even when a logged checkpoint seals a chunk', async () => {
    const factory = new IDBFactory();
    const db = await openFresh(factory);
    const ref = new Head();
    const lone = Labels.from({ __name__: 'early', job: 'node' });
    for (const target of [db, ref]) {
      const app = target.appender();
      for (let k = 0; k < 20; k++) app.append(0, lone, T0 + k * 15_000, k);
      app.commit();
    }
    const t1 = T0 + 20 * 15_000;
    const both = (steps: number, from: number) => {
      for (const target of [db, ref]) {
        scrape(target, 10, from, steps);
        const app = target.appender();
        for (let k = 0; k < steps; k++) app.append(0, lone, from + k * 15_000, 20 + k);
        app.commit();
      }
    };
    both(100, t1);
    const kinds = [(await db.checkpoint()).headWrite];
    // The lone series passes 120 samples here: its open chunk from the snapshot is sealed and persisted.
    both(3, t1 + 100 * 15_000);
    const sealing = await db.checkpoint();
    kinds.push(sealing.headWrite);
    expect(sealing.blocksWritten).toBe(1);
    kinds.push((await db.checkpoint()).headWrite);
    expect(kinds).toEqual(['snapshot', 'log', 'none']);
    await db.close();
    const again = await openFresh(factory);
    expect(await dump(again)).toEqual(await dump(ref));
    const late = again.appender();
    late.append(0, lone, t1 + 102 * 15_000, 999);
    expect(late.commit()).toMatchObject({ duplicate: 1 });
  });

  it('writes many new series a pack at a time with other work between them, and restores them all', async () => {
    const factory = new IDBFactory();
    const db = await openFresh(factory);
    const n = PACK_SERIES * 2 + 7;
    scrape(db, n, T0, 2);
    // A turn of other work: each counts the series packs put since the last one.
    const perTurn: number[] = [0];
    const put = IDBObjectStore.prototype.put;
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, value, key) {
      if (this.name === 'seriesPacks') perTurn[perTurn.length - 1]++;
      return put.call(this, value, key);
    });
    let done = false;
    const turns = (async () => {
      while (!done) {
        await new Promise((r) => setTimeout(r, 0));
        perTurn.push(0);
      }
    })();
    await db.checkpoint();
    done = true;
    await turns;
    expect(perTurn.reduce((a, b) => a + b)).toBe(3);
    expect(Math.max(...perTurn)).toBe(1);
    vi.restoreAllMocks();
    const before = await dump(db);
    await db.close();
    expect(await dump(await openFresh(factory))).toEqual(before);
  });

  it('writes nothing when a later pack of new series fails', async () => {
    const factory = new IDBFactory();
    const db = await openFresh(factory);
    scrape(db, 3, T0, 2);
    await db.checkpoint();
    const saved = await dump(db);
    scrape(db, PACK_SERIES * 2, T0 + 30_000, 2);
    const put = IDBObjectStore.prototype.put;
    let puts = 0;
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, value, key) {
      if (this.name === 'seriesPacks' && ++puts > 1) throw new DOMException('disk on fire', 'UnknownError');
      return put.call(this, value, key);
    });
    await expect(db.checkpoint()).rejects.toThrow(/checkpoint: write failed: disk on fire/);
    vi.restoreAllMocks();
    await db.close();
    expect(await dump(await openFresh(factory))).toEqual(saved);
  });

  it('leaves the previous state whole when a checkpoint write fails', async () => {
    const factory = new IDBFactory();
    const db = await openFresh(factory);
    const put = IDBObjectStore.prototype.put;
    const failPuts = (stores: string[]) =>
      vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, value, key) {
        if (stores.includes(this.name)) throw new DOMException('disk on fire', 'UnknownError');
        return put.call(this, value, key);
      });
    scrape(db, 3, T0, 200);
    await db.checkpoint();
    const saved = await dump(db);
    scrape(db, 3, T0 + 200 * 15_000, 400);
    failPuts(['head', 'wal']);
    await expect(db.checkpoint()).rejects.toThrow(/checkpoint: write failed: disk on fire/);
    vi.restoreAllMocks();
    expect(await dump(await openFresh(factory))).toEqual(saved);

    // The failed checkpoint's chunks and samples are still in memory and go out with the next one.
    expect((await db.checkpoint()).headWrite).toBe('snapshot');
    const all = await dump(db);
    scrape(db, 3, T0 + 600 * 15_000, 2);
    failPuts(['wal']);
    await expect(db.checkpoint()).rejects.toThrow(/disk on fire/);
    vi.restoreAllMocks();
    expect(await dump(await openFresh(factory))).toEqual(all);
    expect((await db.checkpoint()).headWrite).toBe('log');
    expect(await dump(await openFresh(factory))).toEqual(await dump(db));
  });

  it('drops blocks past the retention time and the series left without samples', async () => {
    const factory = new IDBFactory();
    const db = await retentionDue(factory);
    const got = await db.checkpoint();
    expect(got.retention.reasons).toEqual(['time']);
    expect(got.retention.seriesRemoved).toBe(1);
    expect(await db.querier().labelValues('__name__')).toEqual(['http_requests_total', 'up']);
    expect((await dump(db)).every((s) => s.ts.every((t) => t >= T0 + 6 * HOUR))).toBe(true);
  });

  it('reopens without the series retention dropped', async () => {
    const factory = new IDBFactory();
    const db = await retentionDue(factory);
    expect((await db.checkpoint()).retention.seriesRemoved).toBe(1);
    await db.close();
    const again = await openFresh(factory, { retentionMs: 6 * HOUR });
    expect(await again.querier().labelValues('__name__')).toEqual(['http_requests_total', 'up']);
    expect(again.stats().series).toBe(2);
  });

  it('reopens without the samples retention dropped from a chunk the last snapshot still held open', async () => {
    const factory = new IDBFactory();
    const db = await openFresh(factory, { retentionMs: 6 * HOUR });
    scrape(db, 2, T0, 10);
    await db.checkpoint();
    scrape(db, 2, T0 + 12 * HOUR, 10);
    const got = await db.checkpoint();
    expect(got.headWrite).toBe('log');
    expect(got.retention.blocksDropped).toBeGreaterThan(0);
    const kept = await dump(db);
    expect(kept.every((s) => s.ts.every((t) => t >= T0 + 6 * HOUR))).toBe(true);
    await db.close();
    expect(await dump(await openFresh(factory, { retentionMs: 6 * HOUR }))).toEqual(kept);
  });

  it('reopens series whose labels hold any character', async () => {
    const factory = new IDBFactory();
    const db = await openFresh(factory);
    const odd = [
      Labels.from({ __name__: 'odd', v: '' }),
      Labels.from({ __name__: 'odd', v: 'a\u0000b\u0000' }),
      Labels.from({ __name__: 'odd', v: 'Größe 🦊 名前' }),
      Labels.from({ __name__: 'odd', v: 'x'.repeat(200_000) }),
    ];
    const app = db.appender();
    odd.forEach((l, i) => app.append(0, l, T0, i));
    app.commit();
    await db.checkpoint();
    const before = await dump(db);
    await db.close();
    expect(await dump(await openFresh(factory))).toEqual(before);
  });

  it('opens a store of the version before series packs, and keeps its series beside new ones', async () => {
    const factory = new IDBFactory();
    // Version 2's schema, with one row per series.
    const req = factory.open('vigil', 2);
    req.onupgradeneeded = () => {
      const old = req.result;
      old.createObjectStore('series', { keyPath: 'ref' });
      old.createObjectStore('blocks', { keyPath: 'id' });
      old.createObjectStore('pages');
      old.createObjectStore('head');
      old.createObjectStore('wal', { keyPath: 'seq' });
      for (let i = 1; i <= 3; i++) req.transaction!.objectStore('series').put({ ref: i, labels: [...series(i).flat()] });
    };
    await new Promise((resolve, reject) => {
      req.onsuccess = resolve;
      req.onerror = reject;
    });
    req.result.close();

    const db = await openFresh(factory);
    expect(db.stats().series).toBe(3);
    scrape(db, 5, T0, 10);
    await db.checkpoint();
    const before = await dump(db);
    await db.close();
    const again = await openFresh(factory);
    expect(again.stats().series).toBe(5);
    expect(await dump(again)).toEqual(before);
    // Old rows are read, not rewritten: a checkpoint packs only series new since.
    const store = await openStore('vigil', factory);
    expect(await store.count('series')).toBe(3);
    expect((await store.getAllKeys('seriesPacks')).map((k) => k[1])).toEqual([2]);
    store.close();
  });

  it('drops the oldest blocks first to stay within the size budget', async () => {
    const factory = new IDBFactory();
    const db = await openFresh(factory, { maxBytes: 3000 });
    for (let h = 0; h < 10; h++) {
      scrape(db, 10, T0 + h * 2 * HOUR, 480, (i, k) => Math.sin(i + k));
      await db.checkpoint();
    }
    const st = db.stats();
    expect(st.storedBytes).toBeLessThanOrEqual(3000);
    const first = (await dump(db))[0].ts[0];
    expect(first).toBeGreaterThan(T0 + 8 * HOUR);
  });

  it('drops the oldest window and says so when the quota runs out', async () => {
    const factory = new IDBFactory();
    const db = await openFresh(factory);
    scrape(db, 3, T0, 480);
    await db.checkpoint();
    scrape(db, 3, T0 + 8 * HOUR, 480);
    const put = IDBObjectStore.prototype.put;
    let failures = 1;
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, value, key) {
      if ((this.name === 'head' || this.name === 'wal') && failures-- > 0) throw new DOMException('full', 'QuotaExceededError');
      return put.call(this, value, key);
    });
    const got = await db.checkpoint();
    expect(got.retention.reasons[0]).toBe('quota');
    expect(got.retention.blocksDropped).toBeGreaterThan(0);
    // The first window's persisted chunks (its first 1.5 h) went; its last chunk was still in memory.
    expect((await dump(db))[0].ts[0]).toBe(T0 + 1.5 * HOUR);
  });

  it('compacts the small blocks of a settled window into one', async () => {
    const factory = new IDBFactory();
    const db = await openFresh(factory);
    const ref = new Head();
    for (let k = 0; k < 8; k++) {
      for (const target of [db, ref]) scrape(target, 4, T0 + k * 900_000, 60);
      await db.checkpoint();
    }
    expect(db.stats().blocks).toBeGreaterThan(2);
    for (const target of [db, ref]) scrape(target, 4, T0 + 3 * HOUR, 250);
    const got = await db.checkpoint();
    expect(got.blocksCompacted).toBeGreaterThan(1);
    expect(await dump(db)).toEqual(await dump(ref));
    const again = await openFresh(factory);
    expect(await dump(again)).toEqual(await dump(ref));
  });

  it('survives any interleaving of scrapes, checkpoints and reopenings', async () => {
    const op = fc.oneof(
      fc.record({
        kind: fc.constant('scrape' as const),
        n: fc.integer({ min: 1, max: 6 }),
        steps: fc.oneof(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 300 })),
        gap: fc.constantFrom(15_000, 60_000, 3 * HOUR),
      }),
      fc.constant({ kind: 'checkpoint' as const }),
      fc.constant({ kind: 'reopen' as const }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(op, { maxLength: 8 }), fc.nat(20 * HOUR), fc.nat(3 * HOUR), async (ops, from, width) => {
        const factory = new IDBFactory();
        let db = await openFresh(factory);
        const ref = new Head();
        let t = T0;
        for (const o of ops) {
          if (o.kind === 'scrape') {
            for (const target of [db, ref]) scrape(target, o.n, t, o.steps);
            t += o.steps * 15_000 + o.gap;
          } else if (o.kind === 'checkpoint') {
            await db.checkpoint();
          } else {
            await db.checkpoint();
            await db.close();
            db = await openFresh(factory);
          }
        }
        expect(await dump(db)).toEqual(await dump(ref));
        expect(await dump(db, T0 + from, T0 + from + width)).toEqual(await dump(ref, T0 + from, T0 + from + width));
      }),
      { numRuns: 25 },
    );
  });

  it('opens despite a damaged open chunk, losing only that chunk and saying so', async () => {
    const factory = new IDBFactory();
    const db = await openFresh(factory);
    scrape(db, 2, T0, 50);
    await db.checkpoint();
    await db.close();
    const raw = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = factory.open('vigil');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    await new Promise<void>((resolve, reject) => {
      const store = raw.transaction('head', 'readwrite').objectStore('head');
      const get = store.get('checkpoint');
      get.onsuccess = () => {
        const rec = get.result;
        const first = rec.openLens[0];
        rec.openBytes = new Uint8Array([...rec.openBytes.subarray(0, 4), ...rec.openBytes.subarray(first)]);
        rec.openLens[0] = 4;
        const put = store.put(rec, 'checkpoint');
        put.onsuccess = () => resolve();
        put.onerror = () => reject(put.error);
      };
    });
    raw.close();
    const again = await openFresh(factory);
    expect(again.stats().loadWarnings).toEqual([expect.stringMatching(/host-0.*open chunk dropped: .*truncated/)]);
    expect((await dump(again)).map((s) => s.ts.length)).toEqual([50]);
  });

  it('reports statistics for the UI', async () => {
    const factory = new IDBFactory();
    const db = await openFresh(factory);
    scrape(db, 6, T0, 480);
    await db.checkpoint();
    const st = db.stats();
    expect(st).toMatchObject({ series: 6, headSeries: 6, samples: 6 * 480, seriesCreated: 6 });
    expect(st.topMetricsBySeries).toEqual([
      { name: 'http_requests_total', count: 3 },
      { name: 'up', count: 3 },
    ]);
    expect(st.topLabelsByValues[0]).toEqual({ name: 'instance', count: 6 });
    expect(st.topLabelPairsBySeries[0]).toEqual({ name: 'job', value: 'node', count: 6 });
    expect(st.bytesPerSample).toBeGreaterThan(0);
    expect(st.bytesPerSample).toBeLessThan(2);
  });

  it('deletes its database, so the next open starts empty', async () => {
    const factory = new IDBFactory();
    const first = await openFresh(factory);
    scrape(first, 3, T0, 10);
    await first.checkpoint();
    await first.close();
    expect(await deleteTsdb('vigil', factory)).toEqual({ ok: true });
    const again = await openFresh(factory);
    expect(again.stats()).toMatchObject({ series: 0, samples: 0, blocks: 0 });
  });

  it('gives way to a wipe asked while it still has the store open (a dying worker would otherwise keep the wipe waiting)', async () => {
    const factory = new IDBFactory();
    const first = await openFresh(factory);
    scrape(first, 3, T0, 10);
    await first.checkpoint();
    expect(await deleteTsdb('vigil', factory)).toEqual({ ok: true });
    const again = await openFresh(factory);
    expect(again.stats()).toMatchObject({ series: 0, samples: 0 });
  });

  it('a store it cannot restore says why, and the wipe offered then goes through', async () => {
    const factory = new IDBFactory();
    const raw = await openStore('vigil', factory);
    await raw.put('series', { ref: 1, labels: null as unknown as string[] });
    raw.close();
    await expect(openTsdb({ name: 'vigil', indexedDB: factory })).rejects.toThrow();
    expect(await deleteTsdb('vigil', factory)).toEqual({ ok: true });
    expect((await openFresh(factory)).stats()).toMatchObject({ series: 0 });
  });
});
