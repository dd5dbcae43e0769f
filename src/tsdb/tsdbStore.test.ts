import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { packSeries } from './seriesPacks';
import { deleteSeries, loadState, openStore, putSeries, writeTx } from './tsdbStore';
import { unpack } from './seriesPacksTestUtil';

const row = (ref: number) => ({ ref, labels: ['__name__', `m${ref}`] });
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

describe('loadState', () => {
  it.each([
    [0, 3],
    [9, 3],
    [10, 3],
    [10, 10],
    [10, 50],
  ])('reads all %i old-format series rows in ref order in batches of %i, saying how many came', async (n, batch) => {
    const db = await openStore('load-state', new IDBFactory());
    // Written out of order: the store keeps them by ref.
    for (let i = n; i >= 1; i--) await db.put('series', row(i));
    const seen: [number, number][] = [];
    const state = await loadState(db, (done, total) => seen.push([done, total]), batch);
    db.close();
    expect(unpack(state.series)).toEqual(range(1, n + 1).map(row));
    expect(seen[0]).toEqual([0, n]);
    expect(seen[seen.length - 1]).toEqual([n, n]);
  });

  it.each([
    [0, 0],
    [0, 25_000],
    [7, 60_001],
  ])('reads %i old rows then %i packed series, in ref order, counting series', async (old, packed) => {
    const db = await openStore('load-state', new IDBFactory());
    for (const r of range(0, old)) await db.put('series', row(r));
    await writeTx(db, (tx, ops) => putSeries(tx, ops, range(old, old + packed).map(row)));
    const seen: [number, number][] = [];
    const state = await loadState(db, (done, total) => seen.push([done, total]), 4);
    db.close();
    expect(unpack(state.series)).toEqual(range(0, old + packed).map(row));
    expect(seen[0]).toEqual([0, old + packed]);
    expect(seen[seen.length - 1]).toEqual([old + packed, old + packed]);
    expect(seen.every(([done, total], i) => total === old + packed && (i === 0 || done >= seen[i - 1][0]))).toBe(true);
  });

  it('deletes series from old rows and from the packs that hold them, leaving no empty pack', async () => {
    const db = await openStore('load-state', new IDBFactory());
    for (const r of range(0, 5)) await db.put('series', row(r));
    // Two checkpoints' worth: packs [5, 15) and [15, 20).
    await writeTx(db, (tx, ops) => putSeries(tx, ops, range(5, 15).map(row)));
    await writeTx(db, (tx, ops) => putSeries(tx, ops, range(15, 20).map(row)));
    const gone = new Set([1, 5, 9, 14, ...range(15, 20)]);
    await writeTx(db, (tx, ops) => deleteSeries(tx, ops, gone));
    const state = await loadState(db);
    const packKeys = await db.getAllKeys('seriesPacks');
    db.close();
    expect(unpack(state.series)).toEqual(range(0, 20).filter((r) => !gone.has(r)).map(row));
    expect(packKeys).toEqual([[5, 7]]);
  });

  it('packs a checkpoint of series into records of 10,000', () => {
    expect(packSeries(range(0, 25_000).map(row)).map((p) => p.size)).toEqual([10_000, 10_000, 5_000]);
  });
});
