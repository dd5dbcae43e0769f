// The data source a panel, completion or the explorer reads, for a source
// string over the engine API: '' for this browser's store, else a remote's
// base URL. The UI asks it as any DataSource and never learns which it holds.

import type { EngineApi } from '../engine/api';
import type { DataSource } from '../model/dataSource';
import { engine } from './engineClient';

/** The engine calls a data source is made of; tests pass a fake. */
export type SourceCalls = Pick<EngineApi, 'instantQuery' | 'rangeQuery' | 'labelNames' | 'labelValues' | 'series' | 'metadata' | 'cancelQuery'>;

/**
 * A tab's queries in flight by source and id. The engine is shared by every
 * tab and outlives a closing one, so a tab that goes away cancels what it
 * asked rather than leave it holding a place among the concurrent queries.
 */
export class RunningQueries {
  private readonly running = new Map<string, { source: string; queryId: string; n: number }>();

  track<T>(source: string, queryId: string | undefined, asked: Promise<T>): Promise<T> {
    if (queryId === undefined) return asked;
    const key = `${source}\n${queryId}`;
    const entry = this.running.get(key) ?? { source, queryId, n: 0 };
    entry.n++;
    this.running.set(key, entry);
    const done = () => {
      if (--entry.n === 0 && this.running.get(key) === entry) this.running.delete(key);
    };
    asked.then(done, done);
    return asked;
  }

  /** Cancels every query still running; answers still come back, as the engine's cancellation. */
  cancelAll(api: Pick<SourceCalls, 'cancelQuery'>): void {
    for (const { source, queryId } of this.running.values()) void api.cancelQuery(source, queryId);
    this.running.clear();
  }
}

export function dataSourceOver(api: SourceCalls, source: string, running = new RunningQueries()): DataSource {
  return {
    instantQuery: (expr, timeMs, queryId) => running.track(source, queryId, api.instantQuery(source, expr, timeMs, queryId)),
    rangeQuery: (expr, startMs, endMs, stepMs, queryId) => running.track(source, queryId, api.rangeQuery(source, expr, startMs, endMs, stepMs, queryId)),
    labelNames: (match) => api.labelNames(source, match),
    labelValues: (name, match) => api.labelValues(source, name, match),
    series: (match, window) => api.series(source, match, window),
    metadata: (metric) => api.metadata(source, metric),
    cancel: (queryId) => api.cancelQuery(source, queryId),
  };
}

/** This tab's mark on its query ids: panels of two tabs share one engine, and a query id names one panel among them all. */
const TAB = Math.random().toString(36).slice(2, 10);

/** A query id no other tab's panel has. */
export function tabQueryId(name: string): string {
  return `${TAB}/${name}`;
}

let tabRunning: RunningQueries | undefined;

/** The data source a source string names, over this tab's engine; the tab's pagehide cancels its queries still running. */
export function dataSource(source: string): DataSource {
  if (!tabRunning) {
    const running = (tabRunning = new RunningQueries());
    window.addEventListener('pagehide', () => running.cancelAll(engine()));
  }
  return dataSourceOver(engine(), source, tabRunning);
}
