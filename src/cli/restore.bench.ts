// Reopening a store of a million series in Node (engine_restore_node_*; the
// page in Chromium is restoreReload.bench.ts): written once through the real
// checkpoint path into fake-indexeddb, then timed from openTsdb until the
// engine could answer. fake-indexeddb's own reads are timed apart, since
// Chromium's IndexedDB is much faster than it. VIGIL_BENCH_SERIES=200000
// gives a quicker figure.

import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { openTsdb } from '../tsdb/tsdb';
import { loadState, openStore } from '../tsdb/tsdbStore';
import { loadMillion, MILLION } from './millionSeries';

const NOW = Date.UTC(2026, 0, 1, 12);

export async function bench(): Promise<Record<string, number>> {
  const n = Number(process.env.VIGIL_BENCH_SERIES ?? MILLION);
  const factory = new IDBFactory();
  const name = 'restore-bench';
  const t0 = performance.now();
  const first = await openTsdb({ name, indexedDB: factory });
  loadMillion(first, NOW, 3, n);
  await first.checkpoint();
  // A second checkpoint after more scrapes leaves a log record to replay, as a running engine does.
  loadMillion(first, NOW + 45_000, 3, n);
  await first.checkpoint();
  await first.close();
  const writeMs = performance.now() - t0;

  // The IndexedDB reads alone: what openTsdb cannot do faster than the store hands records over.
  const db = await openStore(name, factory);
  const t1 = performance.now();
  await loadState(db);
  const readMs = performance.now() - t1;
  db.close();

  let progressCalls = 0;
  const t2 = performance.now();
  const again = await openTsdb({ name, indexedDB: factory, onProgress: () => void progressCalls++ });
  const restoreMs = performance.now() - t2;
  const series = again.stats().headSeries;
  await again.close();
  if (series !== n) throw new Error(`restore bench: reopened ${series} series, want ${n}`);
  const suffix = n === MILLION ? '1m_series' : `${n}_series`;
  return {
    [`engine_restore_node_ms_${suffix}`]: Math.round(restoreMs),
    [`engine_restore_node_idb_read_ms_${suffix}`]: Math.round(readMs),
    [`engine_restore_node_write_ms_${suffix}`]: Math.round(writeMs),
    engine_restore_node_progress_calls: progressCalls,
  };
}
