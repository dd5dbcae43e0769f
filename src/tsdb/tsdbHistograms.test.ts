import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import { Histogram } from '../model/histogram/histogram';
import { Labels } from '../model/labels';
import { Matcher } from '../model/matcher';
import { openTsdb, type Tsdb } from './tsdb';

const T0 = Date.UTC(2026, 0, 1);
const lat = Labels.from({ __name__: 'latency', job: 'api' });
const up = Labels.from({ __name__: 'up', job: 'api' });

const open: Tsdb[] = [];
afterEach(async () => {
  for (const db of open.splice(0)) await db.close().catch(() => undefined);
});

describe('persistent tsdb with histograms', () => {
  it('answers histogram samples beside floats across checkpoints (histograms stay in memory until persistence carries them)', async () => {
    const db = await openTsdb({ name: 'vigil', indexedDB: new IDBFactory() });
    open.push(db);
    for (let k = 0; k < 40; k++) {
      const app = db.appender();
      app.append(0, up, T0 + k * 15_000, 1);
      app.appendHistogram(0, lat, T0 + k * 15_000, new Histogram({ count: k, sum: k / 2, positiveSpans: [{ offset: 0, length: 1 }], positiveBuckets: [k] }));
      app.commit();
      await db.checkpoint();
    }
    const [s] = await db.querier().select([new Matcher('=', '__name__', 'latency')], T0, T0 + 3_600_000);
    expect(s.ts.length).toBe(40);
    expect(s.hs!.map((h) => h?.count)).toEqual(Array.from({ length: 40 }, (_, k) => k));
    const [u] = await db.querier().select([new Matcher('=', '__name__', 'up')], T0, T0 + 3_600_000);
    expect(u.ts.length).toBe(40);
    expect(u.hs).toBeUndefined();
  });
});
