// The data source a panel, completion or the explorer reads, for a source
// string over the engine API: '' for this browser's store, else a remote's
// base URL. The UI asks it as any DataSource and never learns which it holds.

import type { EngineApi } from '../engine/api';
import type { DataSource } from '../model/dataSource';
import { engine } from './engineClient';

/** The engine calls a data source is made of; tests pass a fake. */
export type SourceCalls = Pick<EngineApi, 'instantQuery' | 'rangeQuery' | 'labelNames' | 'labelValues' | 'series' | 'metadata' | 'cancelQuery'>;

export function dataSourceOver(api: SourceCalls, source: string): DataSource {
  return {
    instantQuery: (expr, timeMs, queryId) => api.instantQuery(source, expr, timeMs, queryId),
    rangeQuery: (expr, startMs, endMs, stepMs, queryId) => api.rangeQuery(source, expr, startMs, endMs, stepMs, queryId),
    labelNames: (match) => api.labelNames(source, match),
    labelValues: (name, match) => api.labelValues(source, name, match),
    series: (match, window) => api.series(source, match, window),
    metadata: (metric) => api.metadata(source, metric),
    cancel: (queryId) => api.cancelQuery(source, queryId),
  };
}

/** The data source a source string names, over this tab's engine. */
export function dataSource(source: string): DataSource {
  return dataSourceOver(engine(), source);
}
