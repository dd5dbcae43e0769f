// A remote-write queue's IndexedDB: the series its samples refer to, the
// samples as typed-array segments in append order, and the cursor of what the
// receiver acknowledged. Operations run one after another, so an ack can never
// overtake the write of the samples it covers; each is one transaction.

import { wrap, type DBSchema, type IDBPDatabase } from 'idb';
import { errorMessage } from '../model/result';

export interface SeriesRecord {
  id: number;
  /** Flat sorted label pairs, as sent (external labels and write relabelling applied). */
  labels: string[];
}

export interface SegmentRecord {
  seq: number;
  ids: Uint32Array;
  ts: Float64Array;
  vs: Float64Array;
  /**
   * prompb.Histogram bytes where sample `i` is a native histogram. Absent on
   * segments of floats only, which is every segment written before queues
   * carried histograms, so those still load as they were.
   */
  hs?: (Uint8Array | undefined)[];
}

/** Everything before segment `seq`, and its first `offset` samples, was acknowledged or given up. */
export interface Cursor {
  seq: number;
  offset: number;
}

interface QueueSchema extends DBSchema {
  series: { key: number; value: SeriesRecord };
  segments: { key: number; value: SegmentRecord };
  meta: { key: string; value: Cursor };
}

const CURSOR_KEY = 'cursor';
const VERSION = 1;

export interface LoadedQueue {
  series: SeriesRecord[];
  /** Unacknowledged samples only, oldest first. */
  segments: SegmentRecord[];
  /** New segments must be numbered from here on, or the next load would take them for acknowledged. */
  cursor: Cursor;
}

export class QueueStore {
  private chain: Promise<unknown> = Promise.resolve();

  private constructor(private readonly db: IDBPDatabase<QueueSchema>) {}

  static async open(name: string, factory: IDBFactory): Promise<QueueStore> {
    const req = factory.open(name, VERSION);
    req.onupgradeneeded = () => {
      const db = req.result;
      db.createObjectStore('series', { keyPath: 'id' });
      db.createObjectStore('segments', { keyPath: 'seq' });
      db.createObjectStore('meta');
    };
    try {
      return new QueueStore((await wrap(req)) as unknown as IDBPDatabase<QueueSchema>);
    } catch (e) {
      throw new Error(`remote write: cannot open IndexedDB database ${JSON.stringify(name)}: ${errorMessage(e)}`, { cause: e });
    }
  }

  /** Runs `op` after every operation queued before it; a failure does not stop later ones. */
  private serial<T>(op: () => Promise<T>): Promise<T> {
    const run = this.chain.then(op, op);
    this.chain = run.catch(() => undefined);
    return run;
  }

  /** What was not acknowledged, with acknowledged leftovers removed and unreferenced series forgotten. */
  load(): Promise<LoadedQueue> {
    return this.serial(async () => {
      const tx = this.db.transaction(['series', 'segments', 'meta'], 'readwrite');
      const cursor = (await tx.objectStore('meta').get(CURSOR_KEY)) ?? { seq: 0, offset: 0 };
      const segs = tx.objectStore('segments');
      await segs.delete(IDBKeyRange.upperBound(cursor.seq, true));
      const segments = (await segs.getAll()).map((s): SegmentRecord => {
        if (s.seq !== cursor.seq || cursor.offset === 0) return s;
        const rest: SegmentRecord = { seq: s.seq, ids: s.ids.slice(cursor.offset), ts: s.ts.slice(cursor.offset), vs: s.vs.slice(cursor.offset) };
        if (s.hs !== undefined) rest.hs = s.hs.slice(cursor.offset);
        return rest;
      });
      const used = new Set<number>();
      for (const s of segments) for (const id of s.ids) used.add(id);
      const series: SeriesRecord[] = [];
      for (const rec of await tx.objectStore('series').getAll()) {
        if (used.has(rec.id)) series.push(rec);
        else await tx.objectStore('series').delete(rec.id);
      }
      await tx.done;
      return { series, segments: segments.filter((s) => s.ids.length > 0), cursor };
    });
  }

  /**
   * Stores new series and segments together, so a segment never refers to a
   * series the store lacks. `collect` runs when the write's turn comes, so one
   * write takes everything appended while earlier ones ran (group commit).
   */
  append(collect: () => { series: SeriesRecord[]; segments: SegmentRecord[] }): Promise<void> {
    return this.serial(async () => {
      const { series, segments } = collect();
      if (series.length === 0 && segments.length === 0) return;
      const tx = this.db.transaction(['series', 'segments'], 'readwrite');
      for (const s of series) void tx.objectStore('series').put(s);
      for (const s of segments) void tx.objectStore('segments').put(s);
      await tx.done;
    });
  }

  /** Forgets everything before the cursor. */
  ack(cursor: Cursor): Promise<void> {
    return this.serial(async () => {
      const tx = this.db.transaction(['segments', 'meta'], 'readwrite');
      void tx.objectStore('segments').delete(IDBKeyRange.upperBound(cursor.seq, true));
      void tx.objectStore('meta').put(cursor, CURSOR_KEY);
      await tx.done;
    });
  }

  /** Waits for queued operations, then closes the database. */
  async close(): Promise<void> {
    await this.serial(async () => this.db.close());
  }
}
