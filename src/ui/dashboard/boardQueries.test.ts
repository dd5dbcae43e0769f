import { describe, expect, it, vi } from 'vitest';
import type { BatchQuery } from '../../engine/api';
import { newPanel, newTarget } from '../../dashboards/defaults';
import type { Panel, Variable } from '../../dashboards/model';
import { scopeOf } from '../../dashboards/variables';
import type { InstantResult, RangeColumns } from '../../model/queryResult';
import { fail, ok, type Result } from '../../model/result';
import { createBoardQueries, planBoard, resolveSource, type RefreshContext, type VisiblePanel } from './boardQueries';
import type { PanelData } from './panelData';

const job: Variable = {
  type: 'custom',
  name: 'job',
  label: '',
  description: '',
  hide: 0,
  current: { text: ['node'], value: ['node'] },
  multi: false,
  includeAll: false,
  allValue: '',
  query: 'node,demo',
  options: [],
};
const scope = scopeOf([job], {});

function panel(id: number, ...exprs: string[]): Panel {
  const p = newPanel('timeseries', id, `P${id}`);
  p.targets = exprs.map((e, i) => newTarget(String.fromCharCode(65 + i), e));
  return p;
}

function visible(p: Panel): VisiblePanel {
  return { key: `panel-${p.id}`, panel: p, scope, widthPx: 600 };
}

const ctx: RefreshContext = { startMs: 3_600_000, endMs: 7_200_000, scrapeIntervalMs: 15_000, filters: [], source: '' };

function range(n: number): RangeColumns {
  return { resultType: 'matrix', times: new Float64Array([1]), series: Array.from({ length: n }, (_, i) => ({ labels: { i: String(i) }, vs: new Float64Array([i]) })), warnings: [], infos: [] };
}

describe('planBoard', () => {
  it('sends every visible target of every panel in one batch, interpolated', () => {
    const plan = planBoard([visible(panel(1, 'up{job="$job"}', 'rate(x[$__rate_interval])')), visible(panel(2, 'sum(up)'))], ctx);
    expect(plan.queries.map((q) => q.expr)).toEqual(['up{job="node"}', 'rate(x[1m])', 'sum(up)']);
    expect(plan.queries.every((q) => q.kind === 'range' && q.stepMs === 15_000)).toBe(true);
  });

  it('aligns a range query as Grafana does: start down, end up to the step, so the last step is not before now', () => {
    const [q] = planBoard([visible(panel(1, 'up'))], { ...ctx, startMs: 3_600_001, endMs: 7_199_999 }).queries;
    expect(q).toMatchObject({ kind: 'range', startMs: 3_600_000, endMs: 7_200_000, stepMs: 15_000 });
  });

  it.each([
    { source: '$datasource', chosen: '', want: '' },
    { source: '${datasource}', chosen: 'http://127.0.0.1:9090', want: 'http://127.0.0.1:9090' },
    { source: 'http://far:9090', chosen: '', want: 'http://far:9090' },
  ])('sends $source to $want when the datasource variable chose "$chosen"', ({ source, chosen, want }) => {
    const datasource: Variable = { type: 'datasource', name: 'datasource', label: '', description: '', hide: 0, current: { text: [chosen || 'this browser'], value: [chosen] }, multi: false, includeAll: false, allValue: '', options: [] };
    expect(resolveSource(source, scopeOf([datasource], {}))).toBe(want);
  });

  it('skips hidden and empty targets', () => {
    const p = panel(1, 'up', '', 'sum(up)');
    p.targets[2].hide = true;
    expect(planBoard([visible(p)], ctx).queries.map((q) => q.expr)).toEqual(['up']);
  });

  it('applies the ad hoc filters to every selector', () => {
    const plan = planBoard([visible(panel(1, 'sum(rate(a[5m])) / sum(b)'))], { ...ctx, filters: [{ key: 'instance', operator: '=', value: 'demo-1' }] });
    expect(plan.queries[0].expr).toBe('sum(rate(a{instance="demo-1"}[5m])) / sum(b{instance="demo-1"})');
  });

  it('asks an instant target at the range end, a range target with a step from the panel width and min interval', () => {
    const p = panel(1, 'up', 'up');
    p.targets[0].instant = true;
    p.interval = '1m';
    const [instant, ranged] = planBoard([visible(p)], ctx).queries;
    expect(instant).toMatchObject({ kind: 'instant', timeMs: 7_200_000 });
    expect(ranged).toMatchObject({ kind: 'range', stepMs: 60_000, startMs: 3_600_000, endMs: 7_200_000 });
  });
});

describe('createBoardQueries', () => {
  function runner(answer: (qs: BatchQuery[]) => Promise<Result<RangeColumns | InstantResult>[]>) {
    const reports: Map<string, PanelData>[] = [];
    const queryBatch = vi.fn(answer);
    return { reports, queryBatch, board: createBoardQueries({ queryBatch }, (d) => reports.push(d)) };
  }

  it('makes a panel with a failing target an error naming the target, and leaves the others alone', async () => {
    const { reports, queryBatch, board } = runner(async () => [ok(range(2)), fail({ where: 'q', what: 'parse error', errorType: 'bad_data' }), ok(range(0))]);
    await board.run(planBoard([visible(panel(1, 'a', 'b(')), visible(panel(2, 'c'))], ctx));
    expect(queryBatch).toHaveBeenCalledTimes(1);
    const last = reports[reports.length - 1];
    expect(last.get('panel-1')).toMatchObject({ state: 'error', error: 'Query B: bad_data: parse error' });
    expect(last.get('panel-2')?.state).toBe('empty');
    expect(reports[0].get('panel-1')?.state).toBe('loading');
  });

  it('keeps the previous frames while a refresh loads', async () => {
    const { reports, board } = runner(async () => [ok(range(3))]);
    const plan = planBoard([visible(panel(1, 'a'))], ctx);
    await board.run(plan);
    await board.run(plan);
    const loading = reports[2].get('panel-1')!;
    expect(loading.state).toBe('loading');
    expect(loading.frames).toHaveLength(1);
    expect(reports[3].get('panel-1')?.state).toBe('ok');
  });

  it('drops the answer of an older refresh that comes after a newer one', async () => {
    const pending: ((r: Result<RangeColumns>[]) => void)[] = [];
    const { reports, board } = runner(() => new Promise((resolve) => pending.push(resolve)));
    const plan = planBoard([visible(panel(1, 'a'))], ctx);
    const older = board.run(plan);
    const newer = board.run(plan);
    pending[1]([ok(range(1))]);
    await newer;
    pending[0]([ok(range(0))]);
    await older;
    expect(reports[reports.length - 1].get('panel-1')?.state).toBe('ok');
  });

  it('asks again only the panels of a run, keeping the others\' data', async () => {
    const { reports, board } = runner(async (qs) => qs.map(() => ok(range(1))));
    await board.run(planBoard([visible(panel(1, 'a')), visible(panel(2, 'b'))], ctx));
    await board.run(planBoard([visible(panel(2, 'c'))], ctx));
    const last = reports[reports.length - 1];
    expect(last.get('panel-1')?.frames[0].expr).toBe('a');
    expect(last.get('panel-2')?.frames[0].expr).toBe('c');
  });

  it('draws a text panel without asking the engine', async () => {
    const { reports, queryBatch, board } = runner(async () => []);
    await board.run(planBoard([visible(newPanel('text', 1))], ctx));
    expect(queryBatch).not.toHaveBeenCalled();
    expect(reports[reports.length - 1].get('panel-1')?.state).toBe('ok');
  });

  it('reports every panel as failed when the engine call itself throws', async () => {
    const { reports, board } = runner(() => Promise.reject(new Error('worker gone')));
    await board.run(planBoard([visible(panel(1, 'a')), visible(panel(2, 'b'))], ctx));
    const last = reports[reports.length - 1];
    expect(last.get('panel-2')).toMatchObject({ state: 'error', error: 'Query A: internal: worker gone' });
  });
});
