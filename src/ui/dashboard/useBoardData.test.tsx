// @vitest-environment happy-dom
import { act, useEffect } from 'react';
import { createRoot } from 'react-dom/client';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BatchQuery } from '../../engine/api';
import { newPanel, newTarget } from '../../dashboards/defaults';
import type { Variable } from '../../dashboards/model';
import { scopeOf } from '../../dashboards/variables';
import { ok } from '../../model/result';
import type { VisiblePanel } from './boardQueries';
import { useBoardData, type BoardData, type BoardDataInput } from './useBoardData';

const asked: BatchQuery[][] = [];
vi.mock('../engineClient', () => ({
  engine: () => ({
    queryBatch: async (qs: BatchQuery[]) => {
      asked.push(qs);
      return qs.map(() => ok({ resultType: 'matrix', times: new Float64Array(0), series: [], warnings: [], infos: [] }));
    },
  }),
  onEngineEvent: () => () => {},
}));

beforeAll(() => {
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
});
beforeEach(() => {
  asked.length = 0;
  document.body.replaceChildren();
});

function job(value: string): Variable {
  return { type: 'custom', name: 'job', label: '', description: '', hide: 0, current: { text: [value], value: [value] }, multi: false, includeAll: false, allValue: '', query: 'node,demo', options: [] };
}

function panels(jobValue: string): VisiblePanel[] {
  const scope = scopeOf([job(jobValue)], {});
  const a = newPanel('timeseries', 1, 'A');
  a.targets = [newTarget('A', 'up{job="$job"}')];
  const b = newPanel('timeseries', 2, 'B');
  b.targets = [newTarget('A', 'sum(up)')];
  return [a, b].map((panel) => ({ key: `panel-${panel.id}`, panel, scope, widthPx: 600 }));
}

function input(jobValue: string): BoardDataInput {
  return { panels: panels(jobValue), time: { from: 'now-1h', to: 'now' }, timezone: 'utc', refresh: '', filters: [], source: '' };
}

let latest: BoardData | undefined;

function Board({ input }: { input: BoardDataInput }) {
  const data = useBoardData(input);
  useEffect(() => {
    latest = data;
  });
  return null;
}

async function show() {
  const host = document.createElement('div');
  document.body.append(host);
  const root = createRoot(host);
  return async (i: BoardDataInput) => act(async () => root.render(<Board input={i} />));
}

const exprs = (batch: BatchQuery[]) => batch.map((q) => q.expr);

describe('useBoardData', () => {
  it('asks every panel on open and on a refresh, and only the panels a variable changed otherwise', async () => {
    const render = await show();
    await render(input('node'));
    expect(asked.map(exprs)).toEqual([['up{job="node"}', 'sum(up)']]);

    await render(input('demo'));
    expect(asked.map(exprs).at(-1)).toEqual(['up{job="demo"}']);

    await render(input('demo'));
    expect(asked).toHaveLength(2);

    await act(async () => latest!.refreshNow());
    expect(asked.map(exprs).at(-1)).toEqual(['up{job="demo"}', 'sum(up)']);
  });
});
