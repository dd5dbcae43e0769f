// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { DEFAULT_EXPR, FIRST_VISIT_RANGE_MS, newPanel, panelsFromParams, panelsToParams, usePanels } from './panelsStore';

describe('panels in the URL', () => {
  it('round-trips panels through URL parameters', () => {
    const panels = [
      { ...newPanel('up'), tab: 'table' as const, rangeMs: 3_600_000 },
      { ...newPanel('rate(x[5m])'), endMs: 1_767_225_600_000, stepMs: 30_000, stacked: true, logScale: true, yFromZero: true, timeZone: 'UTC' as const },
      { ...newPanel('sum(up)'), tab: 'explain' as const },
      { ...newPanel('up'), source: 'http://prom:9090' },
    ];
    const params = panelsToParams(panels);
    expect(params.get('g0.range')).toBe('1h');
    expect(panelsFromParams(new URLSearchParams(params.toString()))).toEqual(panels);
  });

  it('opens one default panel when the URL names none', () => {
    expect(panelsFromParams(new URLSearchParams())).toEqual([{ ...newPanel(DEFAULT_EXPR), rangeMs: FIRST_VISIT_RANGE_MS }]);
  });

  it('writes only what differs from a new panel, so links stay short', () => {
    expect([...panelsToParams([newPanel('up')]).keys()]).toEqual(['g0.expr', 'g0.tab', 'g0.range']);
  });

  it('falls back to the default range on a malformed one', () => {
    expect(panelsFromParams(new URLSearchParams('g0.expr=up&g0.range=banana'))[0].rangeMs).toBe(15 * 60_000);
  });
});

describe('opening a panel from another page', () => {
  it('adds the selector in a new panel reading the same source, and puts it in the URL', () => {
    usePanels.getState().open('up{job="prometheus"}', 'http://prom:9090');
    const last = usePanels.getState().panels.at(-1);
    expect(last).toEqual({ ...newPanel('up{job="prometheus"}'), source: 'http://prom:9090' });
    const params = new URLSearchParams(location.hash.slice(location.hash.indexOf('?') + 1));
    expect(panelsFromParams(params).at(-1)).toEqual(last);
  });
});
