// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { beforeAll, describe, expect, it } from 'vitest';
import type { InstantResult } from '../../model/queryResult';
import { ResultTable } from './ResultTable';

beforeAll(() => {
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
});

const XSS = '<img src=x onerror=alert(1)>';

function render(result: InstantResult): HTMLElement {
  const host = document.createElement('div');
  document.body.append(host);
  act(() => createRoot(host).render(<ResultTable result={result} timeZone="UTC" />));
  return host;
}

describe('ResultTable', () => {
  it('shows markup in a label value as text', () => {
    const host = render({ resultType: 'vector', warnings: [], infos: [], rows: [{ labels: { __name__: 'm', evil: XSS }, t: 0, value: 1 }] });
    expect(host.querySelector('img')).toBeNull();
    expect([...host.querySelectorAll('td')].map((td) => td.textContent)).toContain(XSS);
    expect([...host.querySelectorAll('th')].map((th) => th.textContent)).toEqual(['metric', 'evil', 'value', 'Copy']);
  });

  it('sorts when a column header is pressed', () => {
    const host = render({
      resultType: 'vector',
      warnings: [],
      infos: [],
      rows: [
        { labels: { job: 'b' }, t: 0, value: 1 },
        { labels: { job: 'a' }, t: 0, value: 2 },
      ],
    });
    const jobHeader = [...host.querySelectorAll('th')].find((th) => th.textContent === 'job')!;
    act(() => jobHeader.querySelector('button')!.click());
    expect(jobHeader.getAttribute('aria-sort')).toBe('ascending');
    expect([...host.querySelectorAll('tbody tr td:first-child')].map((td) => td.textContent)).toEqual(['a', 'b']);
  });

  it('shows a native histogram as count, sum and buckets in text, and as bars that name their bucket on hover', () => {
    const histogram = { count: '6', sum: '1.5', buckets: [[0, '0.5', '1', '2'], [0, '1', '2', '4']] as [number, string, string, string][] };
    const host = render({ resultType: 'vector', warnings: [], infos: [], rows: [{ labels: { __name__: 'lat', evil: XSS }, t: 0, value: NaN, histogram }] });
    expect(host.querySelector('img')).toBeNull();
    expect(host.querySelector('.histogram-summary')?.textContent).toBe('count 6 · sum 1.5 · (0.5, 1]: 2 (1, 2]: 4');
    const bars = [...host.querySelectorAll('rect.histogram-bar')];
    expect(bars.map((b) => b.getAttribute('aria-label'))).toEqual(['(0.5, 1]: 2', '(1, 2]: 4']);
    // The taller bar is the larger count.
    expect(Number(bars[1].getAttribute('height'))).toBeGreaterThan(Number(bars[0].getAttribute('height')));
    act(() => bars[1].dispatchEvent(new MouseEvent('mouseover', { bubbles: true })));
    expect(host.querySelector('[aria-label="Bucket"]')?.textContent).toBe('(1, 2]: 4');
  });
});
