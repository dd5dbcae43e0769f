// @vitest-environment happy-dom
// What a person sees in a panel body: the table sorts by the header clicked,
// markdown's HTML stays inert, a stat takes its threshold's colour, and a
// panel without series says "No data".
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { newPanel } from '../../../dashboards/defaults';
import type { Panel } from '../../../dashboards/model';
import type { PanelData, PanelFrame } from '../panelData';
import { PanelBody } from './PanelBody';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let root: Root | null = null;
let host: HTMLElement | null = null;

afterEach(() => {
  act(() => root?.unmount());
  host?.remove();
  root = null;
  host = null;
});

function render(panel: Panel, frames: PanelFrame[], state: PanelData['state'] = 'ok'): HTMLElement {
  host = document.createElement('div');
  document.body.append(host);
  root = createRoot(host);
  const data: PanelData = { state, frames, error: state === 'error' ? 'A: bad_data: parse error' : '', notices: [] };
  act(() => root!.render(<PanelBody panel={panel} data={data} time={{ startMs: 0, endMs: 60_000, timezone: 'utc' }} width={400} height={200} onZoom={vi.fn()} />));
  return host;
}

const instant = (rows: [Record<string, string>, number][], legendFormat = ''): PanelFrame => ({
  refId: 'A',
  legendFormat,
  expr: 'x',
  result: { resultType: 'vector', rows: rows.map(([labels, value]) => ({ labels, t: 60_000, value })), warnings: [], infos: [] },
});

describe('table panel', () => {
  const rows: [Record<string, string>, number][] = [
    [{ instance: 'b', job: 'api' }, 2048],
    [{ instance: 'a', job: 'web' }, 10],
    [{ instance: 'c', job: 'api' }, 512],
  ];
  const column = (el: HTMLElement, i: number) => [...el.querySelectorAll('tbody tr')].map((tr) => tr.children[i].textContent);
  const header = (el: HTMLElement, name: string) => [...el.querySelectorAll('th button')].find((b) => b.textContent?.startsWith(name)) as HTMLButtonElement;

  it('shows a row per series with a column per label, values in the unit', () => {
    const panel = newPanel('table', 1);
    panel.fieldConfig.defaults.unit = 'bytes';
    const el = render(panel, [instant(rows)]);
    expect([...el.querySelectorAll('th')].map((th) => th.textContent)).toEqual(['Time', 'instance', 'job', 'Value']);
    expect(column(el, 3)).toEqual(['2 KiB', '10 B', '512 B']);
  });

  it('sorts by the clicked header, and reverses on a second click', () => {
    const el = render(newPanel('table', 1), [instant(rows)]);
    act(() => header(el, 'Value').click());
    expect(column(el, 1)).toEqual(['a', 'c', 'b']);
    expect(header(el, 'Value').parentElement?.getAttribute('aria-sort')).toBe('ascending');
    act(() => header(el, 'Value').click());
    expect(column(el, 1)).toEqual(['b', 'c', 'a']);
    act(() => header(el, 'instance').click());
    expect(column(el, 1)).toEqual(['a', 'b', 'c']);
  });

  it('starts from the sort saved with the panel', () => {
    const panel = newPanel('table', 1);
    if (panel.type === 'table') panel.options = { sortBy: 'job', sortDesc: true };
    const el = render(panel, [instant(rows)]);
    expect(column(el, 2)).toEqual(['web', 'api', 'api']);
  });
});

describe('text panel', () => {
  it('renders markdown, and leaves script, event handlers and javascript: links inert', () => {
    const panel = newPanel('text', 1);
    if (panel.type === 'text') {
      panel.options.content = '# Title\n\n<script>window.pwned = 1</script>\n\n<img src=x onerror="window.pwned = 2">\n\n[site](https://example.com) [bad](javascript:alert(1))';
    }
    const el = render(panel, []);
    expect(el.querySelector('h1')?.textContent).toBe('Title');
    expect(el.querySelector('script')).toBeNull();
    expect(el.querySelector('img')).toBeNull();
    expect(el.querySelector('[onerror]')).toBeNull();
    const links = [...el.querySelectorAll('a')];
    expect(links[0].getAttribute('rel')).toBe('noopener noreferrer');
    expect(links[0].getAttribute('href')).toBe('https://example.com');
    expect(links[1].getAttribute('href') ?? '').not.toMatch(/javascript/i);
    expect((window as { pwned?: number }).pwned).toBeUndefined();
  });

  it('shows html mode as text with a note', () => {
    const panel = newPanel('text', 1);
    if (panel.type === 'text') panel.options = { mode: 'html', content: '<b onclick="x()">bold</b>' };
    const el = render(panel, []);
    expect(el.querySelector('b')).toBeNull();
    expect(el.querySelector('pre')?.textContent).toBe('<b onclick="x()">bold</b>');
    expect(el.textContent).toContain('shown as text');
  });
});

describe('stat panel', () => {
  it('colours the value by the threshold it reaches', () => {
    const panel = newPanel('stat', 1);
    const low = render(panel, [instant([[{ job: 'a' }, 10]])]);
    expect((low.querySelector('.stat-value') as HTMLElement).style.color).toMatch(/#73bf69|rgb\(115, 191, 105\)/i);
    act(() => root?.unmount());
    const high = render(panel, [instant([[{ job: 'a' }, 95]])]);
    expect((high.querySelector('.stat-value') as HTMLElement).style.color).toMatch(/#f2495c|rgb\(242, 73, 92\)/i);
  });

  it('colours the background instead when asked, and shows a mapped text', () => {
    const panel = newPanel('stat', 1);
    if (panel.type === 'stat') panel.options.colorMode = 'background';
    panel.fieldConfig.defaults.mappings = [{ type: 'value', options: { '0': { text: 'DOWN', color: 'red' } } }];
    const el = render(panel, [instant([[{ job: 'a' }, 0]])]);
    const stat = el.querySelector('.stat') as HTMLElement;
    expect(stat.style.background).toMatch(/#f2495c|rgb\(242, 73, 92\)/i);
    expect(stat.textContent).toBe('DOWN');
  });

  it('shows one stat per series named by the legend format, label text inert', () => {
    const panel = newPanel('stat', 1);
    const el = render(panel, [instant([[{ instance: '<img src=x onerror=alert(1)>' }, 1], [{ instance: 'demo-2' }, 2]], '{{instance}}')]);
    expect([...el.querySelectorAll('.stat-name')].map((n) => n.textContent)).toEqual(['<img src=x onerror=alert(1)>', 'demo-2']);
    expect(el.querySelector('img')).toBeNull();
  });
});

describe('every type', () => {
  it.each(['timeseries', 'stat', 'gauge', 'bargauge', 'table', 'heatmap'] as const)('%s says No data without series', (type) => {
    const el = render(newPanel(type, 1), [instant([])]);
    expect(el.textContent).toBe('No data');
  });

  it.each(['loading', 'error'] as const)('says nothing of data while %s (the frame speaks)', (state) => {
    expect(render(newPanel('stat', 1), [], state).textContent).toBe('');
  });
});

describe('native histograms', () => {
  const H = (c: string) => ({ count: c, sum: '1', buckets: [[0, '0.5', '1', c] as [number, string, string, string]] });
  const range: PanelFrame = {
    refId: 'A',
    legendFormat: '',
    expr: 'rate(lat[5m])',
    result: {
      resultType: 'matrix',
      times: Float64Array.of(0, 30_000, 60_000),
      series: [{ labels: { job: 'api' }, vs: Float64Array.of(0, 0, 0), hs: [H('2'), H('3'), H('4')] }],
      warnings: [],
      infos: [],
    },
  };

  it('heatmap panel draws their buckets, and hovering a cell names its time, bucket and value', () => {
    const el = render(newPanel('heatmap', 1), [range]);
    const canvas = el.querySelector('canvas')!;
    expect(canvas.getAttribute('aria-label')).toBe('Heatmap of 1 buckets over 3 steps');
    // The plot starts after the 56 px axis; the last of three columns, halfway up.
    act(() => canvas.dispatchEvent(new MouseEvent('mousemove', { bubbles: true, clientX: 340, clientY: 90 })));
    const tip = el.querySelector('[aria-label="Heatmap cell"]')!;
    expect(tip.textContent).toBe('1970-01-01 00:01:00 UTCBucket (0.5, 1]Value 4');
  });

  it("stat panel shows a histogram's count", () => {
    const panel = newPanel('stat', 1);
    const el = render(panel, [range]);
    expect(el.querySelector('[data-testid="stat"]')?.textContent).toContain('4');
  });
});
