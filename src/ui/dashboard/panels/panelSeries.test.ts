import { describe, expect, it } from 'vitest';
import { newPanel } from '../../../dashboards/defaults';
import type { PanelData, PanelFrame } from '../panelData';
import { alignSeries, panelSeries } from './panelSeries';

function data(frames: PanelFrame[]): PanelData {
  return { state: 'ok', frames, error: '', notices: [] };
}

const range = (refId: string, legendFormat: string, times: number[], series: [Record<string, string>, number[]][]): PanelFrame => ({
  refId,
  legendFormat,
  expr: 'x',
  result: { resultType: 'matrix', times: Float64Array.from(times), series: series.map(([labels, vs]) => ({ labels, vs: Float64Array.from(vs) })), warnings: [], infos: [] },
});

describe('panelSeries', () => {
  it('names range series by legend format and overrides, and skips hidden targets', () => {
    const panel = newPanel('timeseries', 1);
    panel.targets = [
      { refId: 'A', expr: 'x', legendFormat: '{{job}}', instant: false, interval: '', hide: false },
      { refId: 'B', expr: 'y', legendFormat: '', instant: false, interval: '', hide: true },
    ];
    panel.fieldConfig.overrides = [{ matcher: { id: 'byName', options: 'api' }, properties: [{ id: 'displayName', value: 'API ${__field.labels.env}' }, { id: 'unit', value: 'bytes' }] }];
    const got = panelSeries(
      panel,
      data([range('A', '{{job}}', [0, 1], [[{ job: 'api', env: 'prod' }, [1, 2]], [{ job: 'web' }, [3, 4]]]), range('B', '', [0, 1], [[{ job: 'z' }, [0, 0]]])]),
    );
    expect(got.map((s) => [s.name, s.field.config.unit])).toEqual([['API prod', 'bytes'], ['web', '']]);
  });

  it('makes each instant row a one-point series and names a label-less one by its query', () => {
    const panel = newPanel('stat', 1);
    const frame: PanelFrame = {
      refId: 'A',
      legendFormat: '',
      expr: 'sum(up)',
      result: { resultType: 'vector', rows: [{ labels: {}, t: 5000, value: 3 }], warnings: [], infos: [] },
    };
    const [s] = panelSeries(panel, data([frame]));
    expect(s).toMatchObject({ name: 'sum(up)', instant: true });
    expect(Array.from(s.times)).toEqual([5000]);
    expect(Array.from(s.values)).toEqual([3]);
  });
});

describe('alignSeries', () => {
  it('joins series of different steps on the union of their times', () => {
    const panel = newPanel('timeseries', 1);
    const s = panelSeries(panel, data([range('A', '', [0, 2], [[{ a: '1' }, [1, 2]]]), range('B', '', [0, 1, 2], [[{ b: '1' }, [5, 6, 7]]])]));
    const { times, columns } = alignSeries(s);
    expect(Array.from(times)).toEqual([0, 1, 2]);
    expect(columns.map((c) => Array.from(c))).toEqual([[1, NaN, 2], [5, 6, 7]]);
  });
});
