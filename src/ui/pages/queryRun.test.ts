import { describe, expect, it } from 'vitest';
import { autoStepMs, queryWindow } from './queryRun';

describe('query window', () => {
  it.each([
    [5 * 60_000, 1000],
    [60 * 60_000, 14_000],
    [24 * 3_600_000, 346_000],
  ])('a %d ms range steps by %d ms', (range, step) => {
    expect(autoStepMs(range)).toBe(step);
  });

  it('follows now, aligned to the step, when the panel is live', () => {
    const w = queryWindow(3_600_000, null, 1_000_000_007);
    expect(w.end % w.step).toBe(0);
    expect(w.end).toBeLessThanOrEqual(1_000_000_007);
    expect(w.end - w.start).toBe(3_600_000);
  });

  it('uses a chosen step, but never more than 11,000 points', () => {
    expect(queryWindow(3_600_000, 5_000_000, 0, 60_000).step).toBe(60_000);
    expect(queryWindow(7 * 86_400_000, 5_000_000, 0, 1000).step).toBe(55_000);
  });

  it('keeps a fixed end when one is set', () => {
    expect(queryWindow(60_000, 5_000_000, 9e12)).toEqual({ start: 4_940_000, end: 5_000_000, step: 1000 });
  });
});
