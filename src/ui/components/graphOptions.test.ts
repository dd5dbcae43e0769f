// @vitest-environment happy-dom
// Real uPlot on a canvas whose 2D context does nothing (happy-dom has none):
// checks that the options are ones uPlot accepts and that its hooks reach
// Graph's events, at the size the graph must handle.
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import uPlot from 'uplot';
import type { RangeColumns } from '../../model/queryResult';
import { buildPlotData } from './graphData';
import { graphOptions, rangeFromZero, type GraphEvents, type GraphOptionsInput } from './graphOptions';

beforeAll(() => {
  const noop = () => undefined;
  const context = new Proxy({ measureText: () => ({ width: 10 }) } as Record<string | symbol, unknown>, {
    get: (target, prop) => (prop in target ? target[prop] : noop),
    set: (target, prop, value) => {
      target[prop] = value;
      return true;
    },
  });
  HTMLCanvasElement.prototype.getContext = (() => context) as unknown as HTMLCanvasElement['getContext'];
  vi.stubGlobal('Path2D', function Path2D() {
    return new Proxy({}, { get: () => noop });
  });
});

// uPlot draws in a microtask after construction and after setData.
const drawn = () => new Promise((resolve) => setTimeout(resolve));

let host: HTMLElement;
afterEach(() => host?.remove());

function bigRange(seriesCount: number, points: number): RangeColumns {
  const times = new Float64Array(points).map((_, i) => 1_700_000_000_000 + i * 15_000);
  const series = Array.from({ length: seriesCount }, (_, s) => ({
    labels: { s: String(s) },
    ts: times,
    vs: new Float64Array(points).map((_, i) => (i === s % points ? NaN : s + Math.sin(i / 10))),
  }));
  return { resultType: 'matrix', times, series, warnings: [], infos: [] };
}

function input(n: number, more: Partial<GraphOptionsInput> = {}): GraphOptionsInput {
  const events: GraphEvents = { zoom: vi.fn(), resetZoom: vi.fn(), hover: vi.fn() };
  return {
    width: 800,
    height: 300,
    colors: Array.from({ length: n }, (_, i) => `hsl(${i} 70% 50%)`),
    shown: Array.from({ length: n }, () => true),
    stacked: false,
    log: false,
    yFromZero: false,
    unit: 'seconds',
    timeZone: 'UTC',
    axisColor: 'rgb(0, 0, 0)',
    gridColor: 'rgba(0, 0, 0, 0.15)',
    events,
    ...more,
  };
}

function draw(data: RangeColumns, opts: GraphOptionsInput): uPlot {
  host = document.createElement('div');
  document.body.append(host);
  return new uPlot(graphOptions(opts), buildPlotData(data, { stacked: opts.stacked, log: opts.log, shown: opts.shown }), host);
}

describe('graph options with uPlot', () => {
  it.each([
    { name: 'lines', more: {} },
    { name: 'stacked', more: { stacked: true } },
    { name: 'log', more: { log: true } },
    { name: 'from zero, local time', more: { yFromZero: true, timeZone: 'local' as const } },
  ])('draws 1,000 series × 500 points ($name) and takes new data without a rebuild', async ({ more }) => {
    const data = bigRange(1000, 500);
    const opts = input(1000, more);
    const u = draw(data, opts);
    await drawn();
    u.setData(buildPlotData(bigRange(1000, 500), { stacked: opts.stacked, log: opts.log, shown: opts.shown }));
    await drawn();
    expect(u.series).toHaveLength(1001);
    expect(host.querySelector('.u-legend')).toBeNull();
    u.destroy();
  });

  it('draws an empty result', async () => {
    const u = draw(bigRange(0, 0), input(0));
    await drawn();
    expect(u.series).toHaveLength(1);
    u.destroy();
  });

  it.each([
    { timeZone: 'UTC' as const, hasTzDate: true },
    { timeZone: 'local' as const, hasTzDate: false },
  ])('puts the x axis in $timeZone time', ({ timeZone, hasTzDate }) => {
    const opts = graphOptions(input(1, { timeZone }));
    expect(typeof opts.tzDate === 'function').toBe(hasTzDate);
    // 1,700,000,000 s is 22:13:20 UTC; uPlot reads the shifted date with local getters.
    if (opts.tzDate) expect(opts.tzDate(1_700_000_000).getHours()).toBe(22);
  });

  it('reports a drag selection as a zoom in ms', async () => {
    const opts = input(2);
    const u = draw(bigRange(2, 10), opts);
    await drawn();
    u.setSelect({ left: 100, top: 0, width: 200, height: 10 });
    const [startMs, endMs] = vi.mocked(opts.events.zoom).mock.calls[0];
    expect(startMs).toBeCloseTo(u.posToVal(100, 'x') * 1000, 3);
    expect(endMs).toBeCloseTo(u.posToVal(300, 'x') * 1000, 3);
    expect(endMs).toBeGreaterThan(startMs);
    u.destroy();
  });

  it('formats y ticks in the unit', () => {
    const u = draw(bigRange(1, 10), input(1, { unit: 'bytes' }));
    const values = u.axes[1].values as (u: uPlot, splits: number[]) => string[];
    expect(values(u, [0, 1024, 2048])).toEqual(['0 KiB', '1 KiB', '2 KiB']);
    u.destroy();
  });

  it('leaves room left of the plot for a date centred on a tick at its left edge', () => {
    const u = draw(bigRange(1, 10), input(1));
    const size = u.axes[1].size as (u: uPlot, values: string[]) => number;
    // "2026-12-07" at ~7 px a character, half of it left of the first tick.
    expect(size(u, ['5', '10'])).toBeGreaterThanOrEqual(35 + 8);
    u.destroy();
  });

  it.each([
    { min: 5, max: 10, wantMin: 0 },
    { min: -10, max: -5, wantMax: 0 },
    { min: null, max: null, wantMin: 0, wantMax: 1 },
  ])('keeps zero on the axis from $min to $max', ({ min, max, wantMin, wantMax }) => {
    const [lo, hi] = rangeFromZero({} as uPlot, min, max);
    if (wantMin !== undefined) expect(lo).toBe(wantMin);
    if (wantMax !== undefined) expect(hi).toBe(wantMax);
    expect(hi!).toBeGreaterThan(lo!);
  });
});
