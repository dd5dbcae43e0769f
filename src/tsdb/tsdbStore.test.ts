import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { loadState, openStore } from './tsdbStore';

describe('loadState', () => {
  it.each([
    [0, 3],
    [9, 3],
    [10, 3],
    [10, 10],
    [10, 50],
  ])('reads all %i series rows in ref order in batches of %i, saying how many came', async (n, batch) => {
    const db = await openStore('load-state', new IDBFactory());
    // Written out of order: the store keeps them by ref.
    for (let i = n; i >= 1; i--) await db.put('series', { ref: i, labels: ['__name__', `m${i}`] });
    const seen: [number, number][] = [];
    const state = await loadState(db, (done, total) => seen.push([done, total]), batch);
    db.close();
    expect(state.series.map((r) => r.ref)).toEqual(Array.from({ length: n }, (_, i) => i + 1));
    expect(seen[0]).toEqual([0, n]);
    expect(seen[seen.length - 1]).toEqual([n, n]);
  });
});
