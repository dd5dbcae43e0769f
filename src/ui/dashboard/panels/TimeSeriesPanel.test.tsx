// @vitest-environment happy-dom
// happy-dom has no canvas, so uPlot is a recorder: these tests check what the
// panel asks of uPlot (series looks, one chart across refreshes, zoom) and
// what it renders itself (legend names, a table legend's calculations).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import type uPlot from 'uplot';
import { newPanel } from '../../../dashboards/defaults';
import type { Panel } from '../../../dashboards/model';
import type { PanelData, PanelFrame } from '../panelData';
import { PanelBody } from './PanelBody';

const plots = vi.hoisted(() => [] as { opts: uPlot.Options; data: uPlot.AlignedData; destroyed: boolean; setData: ReturnType<typeof vi.fn>; select: { left: number; width: number } }[]);

vi.mock('uplot', () => {
  class FakePlot {
    static tzDate = (d: Date) => d;
    static rangeNum = (min: number, max: number) => [min, max];
    static paths = { bars: () => () => null };
    static pxRatio = 1;
    destroyed = false;
    over = { offsetLeft: 0, offsetTop: 0 };
    select = { left: 0, width: 0 };
    cursor = { idx: null, left: -1, top: -1 };
    width: number;
    height: number;
    setData = vi.fn((d: uPlot.AlignedData) => {
      this.data = d;
    });
    setSize = vi.fn();
    setScale = vi.fn();
    setSelect = vi.fn();
    constructor(
      public opts: uPlot.Options,
      public data: uPlot.AlignedData,
    ) {
      this.width = opts.width;
      this.height = opts.height;
      plots.push(this);
    }
    posToVal(px: number) {
      return 1000 + px;
    }
    destroy() {
      this.destroyed = true;
    }
  }
  return { default: FakePlot };
});

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let root: Root | null = null;
let host: HTMLElement | null = null;
afterEach(() => {
  act(() => root?.unmount());
  host?.remove();
  plots.length = 0;
});

function frame(values: number[][], legendFormat = '{{job}}'): PanelFrame {
  const times = Float64Array.from(values[0].map((_, i) => 1_000_000 + i * 15_000));
  return {
    refId: 'A',
    legendFormat,
    expr: 'x',
    result: { resultType: 'matrix', times, series: values.map((vs, s) => ({ labels: { job: `j${s}` }, vs: Float64Array.from(vs) })), warnings: [], infos: [] },
  };
}

function mount(panel: Panel, frames: PanelFrame[], onZoom = vi.fn(), width = 500) {
  host = document.createElement('div');
  document.body.append(host);
  root = createRoot(host);
  const draw = (f: PanelFrame[]) => {
    const data: PanelData = { state: 'ok', frames: f, error: '', notices: [] };
    root!.render(<PanelBody panel={panel} data={data} time={{ startMs: 1_000_000, endMs: 1_060_000, timezone: 'utc' }} width={width} height={300} onZoom={onZoom} />);
  };
  act(() => draw(frames));
  return { el: host, redraw: (f: PanelFrame[]) => act(() => draw(f)) };
}

describe('time-series panel', () => {
  it('names series by the legend format and colours an override apart', () => {
    const panel = newPanel('timeseries', 1);
    panel.fieldConfig.overrides = [{ matcher: { id: 'byName', options: 'j1' }, properties: [{ id: 'color', value: { mode: 'fixed', fixedColor: 'red' } }, { id: 'custom.fillOpacity', value: 50 }] }];
    const { el } = mount(panel, [frame([[1, 2, 3], [4, 5, 6]])]);
    expect([...el.querySelectorAll('.graph-legend-name')].map((n) => n.textContent)).toEqual(['j0', 'j1']);
    const [, s0, s1] = plots[0].opts.series;
    expect(s0.stroke).toBe('#7EB26D');
    expect(s1.stroke).toBe('#F2495C');
    expect(s1.fill).toBe('#F2495C80');
    expect(s0.fill).toBeUndefined();
  });

  it('keeps one chart across refreshes of the same series and feeds it the new data', () => {
    const { redraw } = mount(newPanel('timeseries', 1), [frame([[1, 2, 3]])]);
    redraw([frame([[7, 8, 9]])]);
    expect(plots).toHaveLength(1);
    expect(Array.from(plots[0].setData.mock.calls.at(-1)![0][1] as Float64Array)).toEqual([7, 8, 9]);
  });

  it('reports a drag across the plot as a zoom of the board, in ms', () => {
    const onZoom = vi.fn();
    mount(newPanel('timeseries', 1), [frame([[1, 2, 3]])], onZoom);
    const u = plots[0];
    u.select = { left: 10, width: 20 };
    const setSelect = u.opts.hooks?.setSelect?.[0];
    expect(setSelect).toBeDefined();
    act(() => setSelect!(u as unknown as uPlot));
    expect(onZoom).toHaveBeenCalledWith(1_010_000, 1_030_000);
  });

  it('shows a table legend with the calculations asked for, in the unit', () => {
    const panel = newPanel('timeseries', 1);
    panel.fieldConfig.defaults.unit = 'percent';
    if (panel.type === 'timeseries') panel.options.legend = { mode: 'table', placement: 'right', calcs: ['min', 'max', 'mean'] };
    const { el } = mount(panel, [frame([[1, NaN, 3]])]);
    expect([...el.querySelectorAll('.legend-table thead th')].map((t) => t.textContent)).toEqual(['Name', 'Min', 'Max', 'Mean']);
    expect([...el.querySelectorAll('.legend-table tbody td')].map((t) => t.textContent)).toEqual(['1%', '3%', '2%']);
  });

  it.each([
    { width: 700, beside: true },
    { width: 500, beside: false },
  ])('puts a right-hand legend beside a $width px graph: $beside', ({ width, beside }) => {
    const panel = newPanel('timeseries', 1);
    if (panel.type === 'timeseries') panel.options.legend = { mode: 'table', placement: 'right', calcs: ['last'] };
    const { el } = mount(panel, [frame([[1, 2, 3]])], vi.fn(), width);
    expect(el.querySelector('.ts-panel')!.classList.contains('ts-legend-right')).toBe(beside);
  });

  it('stacks to 100% with a 0..1 axis in percent', () => {
    const panel = newPanel('timeseries', 1);
    if (panel.type === 'timeseries') panel.options.stacking = 'percent';
    mount(panel, [frame([[1, 1, 1], [3, 1, 0]])]);
    expect(Array.from(plots[0].data[2] as Float64Array)).toEqual([1, 1, 1]);
    expect(Array.from(plots[0].data[1] as Float64Array)).toEqual([0.25, 0.5, 1]);
  });
});
