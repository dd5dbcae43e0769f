import { describe, expect, it, vi } from 'vitest';
import type { QueryError } from '../../engine/api';
import { EngineCompletionClient } from './promClient';
import { remoteCompletionApi, type RemoteLookupApi } from './remoteCompletion';

const REFUSED: QueryError = { status: 'error', errorType: 'bad_data', error: 'invalid parameter "match[]": 1:2: parse error', httpStatus: 400 };

function fakeRemote(state = { fail: false }) {
  return {
    remoteLabelNames: vi.fn(async (_url: string, match?: string[]) => (state.fail ? REFUSED : match ? ['job'] : ['__name__', 'job'])),
    remoteLabelValues: vi.fn(async (_url: string, name: string) => (state.fail ? REFUSED : name === '__name__' ? ['prometheus_build_info', 'up'] : ['prometheus'])),
    remoteSeries: vi.fn(async () => (state.fail ? REFUSED : [{ __name__: 'up', job: 'prometheus' }])),
    remoteMetadata: vi.fn(async () => (state.fail ? REFUSED : { prometheus_build_info: [{ type: 'gauge', help: 'Build information.', unit: '' }] })),
  } satisfies RemoteLookupApi;
}

describe('remoteCompletionApi', () => {
  it("completes from the remote's APIs at its URL", async () => {
    const api = fakeRemote();
    const client = new EngineCompletionClient(remoteCompletionApi(api, 'http://prom:9090'));
    expect(await client.metricNames()).toEqual(['prometheus_build_info', 'up']);
    expect(await client.labelNames('up')).toEqual(['job']);
    expect(await client.series('up')).toEqual([new Map([['__name__', 'up'], ['job', 'prometheus']])]);
    expect(await client.metricMetadata()).toEqual({ prometheus_build_info: [{ type: 'gauge', help: 'Build information.' }] });
    expect(api.remoteLabelValues).toHaveBeenCalledWith('http://prom:9090', '__name__', undefined);
    expect(api.remoteLabelNames).toHaveBeenCalledWith('http://prom:9090', ['up']);
  });

  it("reports a failed look-up in the remote's words, answers empty, and clears the report once one succeeds", async () => {
    const reports: (QueryError | null)[] = [];
    const errors: unknown[] = [];
    const state = { fail: true };
    const client = new EngineCompletionClient(remoteCompletionApi(fakeRemote(state), 'http://prom:9090', (e) => reports.push(e)), { onError: (e) => errors.push(e) });
    expect(await client.labelNames()).toEqual([]);
    expect(reports).toEqual([REFUSED]);
    expect((errors[0] as Error).message).toBe('bad_data: invalid parameter "match[]": 1:2: parse error (HTTP 400)');
    state.fail = false;
    expect(await client.labelNames()).toEqual(['__name__', 'job']);
    expect(reports).toEqual([REFUSED, null]);
  });
});
