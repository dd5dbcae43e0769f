// Completion's look-ups (promClient's CompletionApi) answered by a remote
// Prometheus's label, series and metadata APIs through the engine, so a panel
// reading a remote completes the remote's names. A failed look-up rejects (the
// completion client then answers empty and asks again on the next keystroke)
// and is reported in the remote's own words; a good answer clears the report.

import type { EngineApi, QueryError } from '../../engine/api';
import type { CompletionApi } from './promClient';
import { isQueryError, queryErrorText } from './queryErrorText';

export type RemoteLookupApi = Pick<EngineApi, 'remoteLabelNames' | 'remoteLabelValues' | 'remoteSeries' | 'remoteMetadata'>;

export function remoteCompletionApi(api: RemoteLookupApi, baseUrl: string, report: (error: QueryError | null) => void = () => {}): CompletionApi {
  async function answer<T>(asked: Promise<T | QueryError>): Promise<T> {
    const a = await asked;
    if (isQueryError(a)) {
      report(a);
      throw new Error(queryErrorText(a));
    }
    report(null);
    return a;
  }
  return {
    labelNames: (match) => answer(api.remoteLabelNames(baseUrl, match)),
    labelValues: (name, match) => answer(api.remoteLabelValues(baseUrl, name, match)),
    series: (match) => answer(api.remoteSeries(baseUrl, match)),
    metadata: (metric) => answer(api.remoteMetadata(baseUrl, metric)),
  };
}
