import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { Labels } from '../model/labels';
import { RestoreReporter, type RestoreProgress } from './headRestore';
import { openTsdb, type Tsdb } from './tsdb';

const T0 = Date.UTC(2026, 0, 1);
const HOUR = 3_600_000;
const N = 3000;

function scrape(db: Tsdb, from: number, steps: number): void {
  for (let k = 0; k < steps; k++) {
    const app = db.appender();
    for (let i = 0; i < N; i++) app.append(0, Labels.from({ __name__: `m${i % 10}`, i: String(i) }), from + k * 60_000, k);
    app.commit();
  }
}

/** Store shapes: what each checkpoint leaves behind decides which phases have work. */
const CASES: [string, (db: Tsdb) => Promise<void>, Record<string, number>][] = [
  ['an empty store', async () => undefined, { read: 0, series: 0, blocks: 0, log: 0 }],
  [
    'a snapshot only',
    async (db) => {
      scrape(db, T0, 2);
      await db.checkpoint();
    },
    { read: N, series: N, blocks: 0, snapshot: N, log: 0 },
  ],
  [
    'blocks, a snapshot and a log',
    async (db) => {
      scrape(db, T0, 2);
      await db.checkpoint();
      scrape(db, T0 + 2 * HOUR, 2);
      await db.checkpoint();
    },
    { read: N, series: N, blocks: N, snapshot: N, log: 2 * N },
  ],
];

describe('reopening reports its progress', () => {
  it.each(CASES)('%s: each phase once in order, monotone, ending at its total', async (_, fill, totals) => {
    const factory = new IDBFactory();
    const first = await openTsdb({ name: 'restore-progress', indexedDB: factory });
    await fill(first);
    await first.close();

    const seen: RestoreProgress[] = [];
    const again = await openTsdb({ name: 'restore-progress', indexedDB: factory, onProgress: (p) => seen.push(p) });
    await again.close();

    const phases = seen.map((p) => p.phase).filter((p, i, all) => all.indexOf(p) === i);
    expect(phases).toEqual(Object.keys(totals));
    for (const phase of phases) {
      const mine = seen.filter((p) => p.phase === phase);
      // A phase's reports are contiguous: it never comes back after the next one started.
      expect(seen.findLastIndex((p) => p.phase === phase) - seen.findIndex((p) => p.phase === phase) + 1).toBe(mine.length);
      for (let i = 1; i < mine.length; i++) expect(mine[i].done).toBeGreaterThanOrEqual(mine[i - 1].done);
      expect(mine.every((p) => p.total === totals[phase] && p.done <= p.total)).toBe(true);
      expect(mine[mine.length - 1].done).toBe(totals[phase]);
    }
  });

  it('throttles reports to one per 100 ms and hands the thread back to timers', async () => {
    const got: RestoreProgress[] = [];
    const report = new RestoreReporter((p) => got.push(p));
    let timerRan = false;
    setTimeout(() => (timerRan = true), 0);
    const start = performance.now();
    let i = 0;
    while (performance.now() - start < 60 || !timerRan) await report.step('series', ++i, 1e9);
    report.done('series', 1e9);
    expect(timerRan).toBe(true);
    // The first step reports at once; within ~60 ms another may not.
    expect(got.length).toBeLessThanOrEqual(3);
    expect(got[got.length - 1]).toEqual({ phase: 'series', done: 1e9, total: 1e9 });
  });
});
