// @vitest-environment happy-dom
// happy-dom has no canvas, so uPlot is replaced by a recorder: these tests
// check what Graph asks of uPlot and what it renders itself (legend, hover
// values). Drawing is left to the e2e suite.
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import type uPlot from 'uplot';
import type { RangeColumns } from '../../model/queryResult';
import { Graph, type GraphProps } from './Graph';

const plots = vi.hoisted(() => [] as FakePlotShape[]);

interface FakePlotShape {
  opts: uPlot.Options;
  data: uPlot.AlignedData;
  series: { show: boolean }[];
  destroyed: boolean;
  setData: ReturnType<typeof vi.fn>;
  setSeries: ReturnType<typeof vi.fn>;
  setSize: ReturnType<typeof vi.fn>;
  addBand: ReturnType<typeof vi.fn>;
  delBand: ReturnType<typeof vi.fn>;
  setCursor: ReturnType<typeof vi.fn>;
  select: { left: number; width: number };
  cursor: { idx: number | null; left: number; top: number };
}

vi.mock('uplot', () => {
  class FakePlot {
    static tzDate = (d: Date) => d;
    static rangeNum = (min: number, max: number) => [min, max];
    series: { show: boolean }[];
    destroyed = false;
    width: number;
    height: number;
    over = { offsetLeft: 50, offsetTop: 10, clientHeight: 200 };
    select = { left: 0, width: 0 };
    cursor = { idx: null as number | null, left: -1, top: -1 };
    setData = vi.fn((d: uPlot.AlignedData) => {
      this.data = d;
    });
    setSeries = vi.fn((i: number, o: { show: boolean }) => {
      this.series[i].show = o.show;
    });
    setSize = vi.fn();
    addBand = vi.fn();
    delBand = vi.fn();
    setCursor = vi.fn();
    constructor(
      public opts: uPlot.Options,
      public data: uPlot.AlignedData,
    ) {
      this.series = opts.series.map((s) => ({ show: s.show ?? true }));
      this.width = opts.width;
      this.height = opts.height;
      plots.push(this as unknown as FakePlotShape);
    }
    batch(fn: () => void) {
      fn();
    }
    posToVal(px: number) {
      return 1_700_000_000 + px;
    }
    valToPos(v: number) {
      return v - 1_700_000_000;
    }
    destroy() {
      this.destroyed = true;
    }
  }
  return { default: FakePlot };
});

beforeAll(() => {
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
});

let root: Root | null = null;
let host: HTMLDivElement | null = null;
afterEach(() => {
  act(() => root?.unmount());
  host?.remove();
  root = null;
  host = null;
  plots.length = 0;
});

const T0 = 1_700_000_000_000;

function range(series: Record<string, string>[], values: (i: number, s: number) => number = (i, s) => i + s): RangeColumns {
  const times = new Float64Array([T0, T0 + 15_000, T0 + 30_000]);
  return {
    resultType: 'matrix',
    times,
    series: series.map((labels, s) => ({ labels, ts: times, vs: times.map((_, i) => values(i, s)) })),
    warnings: [],
    infos: [],
  };
}

const threeSeries = [
  { __name__: 'up', job: 'a' },
  { __name__: 'up', job: 'b' },
  { __name__: 'up', job: 'c' },
];

function mount(props: GraphProps) {
  host = document.createElement('div');
  document.body.append(host);
  root = createRoot(host);
  const render = (next: Partial<GraphProps> = {}) => act(() => root!.render(<Graph {...props} {...next} />));
  render();
  return render;
}

const legendButtons = () => Array.from(host!.querySelectorAll<HTMLButtonElement>('.graph-legend button'));
const pressed = () => legendButtons().map((b) => b.getAttribute('aria-pressed'));
const plot = () => plots[plots.length - 1];

function click(el: HTMLElement, shiftKey = false) {
  act(() => el.dispatchEvent(new MouseEvent('click', { bubbles: true, shiftKey })));
}

function key(el: HTMLElement, k: string, shiftKey = false) {
  act(() => el.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true, shiftKey })));
}

describe('Graph', () => {
  it('draws each series with neutral uPlot labels and lists their labels as text in the legend', () => {
    mount({ data: range([{ __name__: 'up', job: '<img src=x onerror=alert(1)>' }, { job: 'b' }]) });
    expect(plots).toHaveLength(1);
    expect(plot().opts.legend?.show).toBe(false);
    expect(plot().opts.series.slice(1).map((s) => s.label)).toEqual(['series 1', 'series 2']);
    expect(legendButtons().map((b) => b.textContent)).toEqual(['up{job="<img src=x onerror=alert(1)>"}', '{job="b"}']);
    expect(host!.querySelector('img')).toBeNull();
  });

  it('feeds new data of the same series with setData, not a new chart', () => {
    const render = mount({ data: range(threeSeries) });
    render({ data: range(threeSeries, (i, s) => 10 * i + s) });
    expect(plots).toHaveLength(1);
    expect(plot().setData).toHaveBeenCalledTimes(1);
    expect(Array.from(plot().data[1] as Float64Array)).toEqual([0, 10, 20]);
    expect(Array.from(plot().data[0] as Float64Array)).toEqual([T0 / 1000, T0 / 1000 + 15, T0 / 1000 + 30]);
  });

  it('rebuilds the chart when the series set or the options change', () => {
    const render = mount({ data: range(threeSeries) });
    render({ data: range(threeSeries.slice(0, 2)) });
    render({ data: range(threeSeries.slice(0, 2)), yScale: 'log' });
    expect(plots).toHaveLength(3);
    expect(plots[0].destroyed && plots[1].destroyed).toBe(true);
    expect(plot().opts.scales?.y?.distr).toBe(3);
  });

  it('isolates a series on click and shows all again on a second click', () => {
    mount({ data: range(threeSeries) });
    click(legendButtons()[1]);
    expect(pressed()).toEqual(['false', 'true', 'false']);
    expect(plot().series.map((s) => s.show)).toEqual([true, false, true, false]);
    click(legendButtons()[1]);
    expect(pressed()).toEqual(['true', 'true', 'true']);
    expect(plot().series.map((s) => s.show)).toEqual([true, true, true, true]);
  });

  it('toggles a series on shift-click', () => {
    mount({ data: range(threeSeries) });
    click(legendButtons()[0], true);
    click(legendButtons()[2], true);
    expect(pressed()).toEqual(['false', 'true', 'false']);
    click(legendButtons()[0], true);
    expect(pressed()).toEqual(['true', 'true', 'false']);
  });

  it('works the legend from the keyboard', () => {
    mount({ data: range(threeSeries) });
    const [first, second] = legendButtons();
    expect(legendButtons().map((b) => b.tabIndex)).toEqual([0, -1, -1]);
    act(() => first.focus());
    key(first, 'ArrowDown');
    expect(document.activeElement).toBe(second);
    key(second, 'Enter');
    expect(pressed()).toEqual(['false', 'true', 'false']);
    key(second, 'Enter', true);
    expect(pressed()).toEqual(['false', 'false', 'false']);
  });

  it('keeps the legend choice across refreshes and resets it for a new query', () => {
    const render = mount({ data: range(threeSeries), query: 'up' });
    click(legendButtons()[2]);
    render({ data: range(threeSeries, (i) => i * 2), query: 'up' });
    expect(pressed()).toEqual(['false', 'false', 'true']);
    render({ data: range(threeSeries, (i) => i * 2), query: 'up == 1' });
    expect(pressed()).toEqual(['true', 'true', 'true']);
  });

  it('without a query, resets the legend choice when the series change', () => {
    const render = mount({ data: range(threeSeries) });
    click(legendButtons()[2]);
    render({ data: range(threeSeries, (i) => i * 2) });
    expect(pressed()).toEqual(['false', 'false', 'true']);
    render({ data: range([{ __name__: 'other' }, ...threeSeries]) });
    expect(pressed()).toEqual(['true', 'true', 'true', 'true']);
  });

  it('draws an empty result without a legend', () => {
    mount({ data: range([]) });
    expect(plot().opts.series).toHaveLength(1);
    expect(host!.querySelector('.graph-legend')).toBeNull();
  });

  it('restacks and rebands when stacked series are hidden', () => {
    mount({ data: range(threeSeries, () => 1), stacked: true });
    expect(plot().opts.bands?.map((b) => b.series)).toEqual([[2, 1], [3, 2]]);
    expect(Array.from(plot().data[3] as Float64Array)).toEqual([3, 3, 3]);
    click(legendButtons()[1], true);
    expect(plots).toHaveLength(1);
    expect(plot().addBand.mock.calls.map(([b]) => b.series)).toEqual([[3, 1]]);
    expect(Array.from(plot().data[3] as Float64Array)).toEqual([2, 2, 2]);
  });

  it('reports a drag as a zoom in ms and a double-click as a reset', () => {
    const onZoom = vi.fn();
    const onResetZoom = vi.fn();
    mount({ data: range(threeSeries), onZoom, onResetZoom });
    const u = plot();
    u.select = { left: 10, width: 20 };
    u.opts.hooks!.setSelect![0]!(u as unknown as uPlot);
    expect(onZoom).toHaveBeenCalledWith(1_700_000_010_000, 1_700_000_030_000);
    const uplotHandler = vi.fn(() => null);
    const dblclick = u.opts.cursor!.bind!.dblclick!(u as unknown as uPlot, document.body, uplotHandler)!;
    dblclick(new MouseEvent('dblclick'));
    expect(onResetZoom).toHaveBeenCalledTimes(1);
    expect(uplotHandler).toHaveBeenCalledTimes(1);
  });

  it('shows the values under the cursor as text', () => {
    mount({ data: range(threeSeries, (i, s) => [0.5, 1.5, 2.5][s] * (i + 1)), unit: 'seconds', timeZone: 'UTC' });
    const u = plot();
    u.cursor = { idx: 1, left: 100, top: 50 };
    act(() => u.opts.hooks!.setCursor![0]!(u as unknown as uPlot));
    const tooltip = host!.querySelector('.graph-tooltip')!;
    expect(tooltip.querySelector('.graph-tooltip-time')?.textContent).toBe('2023-11-14 22:13:35 UTC');
    const rows = Array.from(tooltip.querySelectorAll('tr')).map((tr) => Array.from(tr.querySelectorAll('td')).map((td) => td.textContent));
    expect(rows).toEqual([
      ['', 'up{job="c"}', '5 s'],
      ['', 'up{job="b"}', '3 s'],
      ['', 'up{job="a"}', '1 s'],
    ]);
    u.cursor = { idx: null, left: -10, top: -10 };
    act(() => u.opts.hooks!.setCursor![0]!(u as unknown as uPlot));
    expect(host!.querySelector('.graph-tooltip')).toBeNull();
  });

  it('guesses the axis unit from the metric names and formats ticks with it', () => {
    mount({ data: range([{ __name__: 'node_memory_MemFree_bytes' }]) });
    const yAxis = plot().opts.axes![1];
    const values = yAxis.values as (u: unknown, splits: number[]) => string[];
    expect(values(null, [0, 1024, 2048])).toEqual(['0 KiB', '1 KiB', '2 KiB']);
  });

  it('walks the cursor with arrow keys', () => {
    mount({ data: range(threeSeries) });
    const plotEl = host!.querySelector<HTMLElement>('.graph-plot')!;
    key(plotEl, 'ArrowRight');
    expect(plot().setCursor).toHaveBeenLastCalledWith({ left: 0, top: 100 });
    key(plotEl, 'End');
    expect(plot().setCursor).toHaveBeenLastCalledWith({ left: 30, top: 100 });
  });
});
