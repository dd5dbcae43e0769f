import { describe, expect, it, vi } from 'vitest';
import { ok } from '../model/result';
import { dataSourceOver, RunningQueries, tabQueryId, type SourceCalls } from './dataSource';

function fakeEngine() {
  return {
    instantQuery: vi.fn(async () => ok({ resultType: 'vector' as const, rows: [], warnings: [], infos: [] })),
    rangeQuery: vi.fn(async () => ok({ resultType: 'matrix' as const, times: new Float64Array(), series: [], warnings: [], infos: [] })),
    labelNames: vi.fn(async () => ok(['job'])),
    labelValues: vi.fn(async () => ok(['a'])),
    series: vi.fn(async () => ok([])),
    metadata: vi.fn(async () => ok({})),
    cancelQuery: vi.fn(async () => {}),
  } satisfies SourceCalls;
}

describe('dataSourceOver', () => {
  it.each(['', 'http://prom:9090'])('asks the engine for source %j on every call', async (source) => {
    const api = fakeEngine();
    const ds = dataSourceOver(api, source);
    await ds.instantQuery('up', 1000, 'panel-1');
    await ds.rangeQuery('up', 0, 1000, 10, 'panel-1');
    await ds.labelNames(['up']);
    await ds.labelValues('job', ['up']);
    await ds.series(['up'], { startMs: 0, endMs: 1 });
    await ds.metadata('up');
    await ds.cancel('panel-1');
    expect(api.instantQuery).toHaveBeenCalledWith(source, 'up', 1000, 'panel-1');
    expect(api.rangeQuery).toHaveBeenCalledWith(source, 'up', 0, 1000, 10, 'panel-1');
    expect(api.labelNames).toHaveBeenCalledWith(source, ['up']);
    expect(api.labelValues).toHaveBeenCalledWith(source, 'job', ['up']);
    expect(api.series).toHaveBeenCalledWith(source, ['up'], { startMs: 0, endMs: 1 });
    expect(api.metadata).toHaveBeenCalledWith(source, 'up');
    expect(api.cancelQuery).toHaveBeenCalledWith(source, 'panel-1');
  });
});

describe('RunningQueries', () => {
  it("cancels only the queries still running, each once, on the source that runs it", async () => {
    const api = fakeEngine();
    let release = () => {};
    api.rangeQuery.mockImplementationOnce(() => new Promise((r) => (release = () => r(ok({ resultType: 'matrix' as const, times: new Float64Array(), series: [], warnings: [], infos: [] })))));
    const running = new RunningQueries();
    const local = dataSourceOver(api, '', running);
    const remote = dataSourceOver(api, 'http://prom:9090', running);
    const slow = local.rangeQuery('up', 0, 1000, 10, 'tab/panel-1');
    await remote.instantQuery('up', 1000, 'tab/panel-2');
    await local.labelNames(['up']);
    running.cancelAll(api);
    expect(api.cancelQuery.mock.calls).toEqual([['', 'tab/panel-1']]);
    release();
    await slow;
    running.cancelAll(api);
    expect(api.cancelQuery).toHaveBeenCalledTimes(1);
  });
});

describe('tabQueryId', () => {
  it('marks a panel id with this tab, so two tabs sharing the engine never cancel each other', () => {
    expect(tabQueryId('panel-1')).toMatch(/^[a-z0-9]+\/panel-1$/);
    expect(tabQueryId('panel-1')).toBe(tabQueryId('panel-1'));
  });
});
