import { describe, expect, it } from 'vitest';
import { newDashboard } from '../../dashboards/defaults';
import type { Dashboard } from '../../dashboards/model';
import { boardParams, boardViewFrom, parseFilterParam } from './boardUrl';

function board(): Dashboard {
  const b = newDashboard('b', 'B');
  b.variables = [
    { type: 'custom', name: 'job', label: '', description: '', hide: 0, current: { text: ['node'], value: ['node'] }, multi: true, includeAll: true, allValue: '', query: 'node,demo', options: [] },
    { type: 'constant', name: 'c', label: '', description: '', hide: 2, current: { text: ['x'], value: ['x'] }, query: 'x' },
  ];
  b.filters = [{ key: 'env', operator: '=', value: 'prod' }];
  return b;
}

describe('board URL', () => {
  it('reads Grafana spellings and falls back to the board for what is missing', () => {
    const view = boardViewFrom(new URLSearchParams('from=now-6h&var-job=node&var-job=demo&refresh=10s&tz=utc'), board());
    expect(view).toEqual({
      time: { from: 'now-6h', to: 'now' },
      refresh: '10s',
      timezone: 'utc',
      filters: [{ key: 'env', operator: '=', value: 'prod' }],
      values: { job: ['node', 'demo'], c: ['x'] },
    });
  });

  it('round-trips a view, filters with pipes in their values included', () => {
    const b = board();
    const view = { time: { from: '1000', to: '2000' }, refresh: 'live', timezone: 'browser' as const, filters: [{ key: 'path', operator: '=~' as const, value: 'a|b' }], values: { job: ['$__all'], c: ['x'] } };
    const params = boardParams(view, b);
    expect(params.toString()).toBe('from=1000&to=2000&refresh=live&var-job=%24__all&var-Filters=path%7C%3D%7E%7Ca__gfp__b');
    expect(boardViewFrom(params, b)).toEqual(view);
  });

  it('keeps "no filters" apart from "the board\'s filters"', () => {
    const b = board();
    const params = boardParams({ ...boardViewFrom(new URLSearchParams(), b), filters: [] }, b);
    expect(boardViewFrom(params, b).filters).toEqual([]);
  });

  it.each([
    ['job|=|node', { key: 'job', operator: '=', value: 'node' }],
    ['job|!~|no.*', { key: 'job', operator: '!~', value: 'no.*' }],
    ['job|==|node', null],
    ['|=|x', null],
    ['job=node', null],
  ])('reads the filter %s', (text, want) => {
    expect(parseFilterParam(text)).toEqual(want);
  });
});
