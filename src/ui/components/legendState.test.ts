import { describe, expect, it } from 'vitest';
import { isShown, isolate, toggle, type Visibility } from './legendState';

const all = ['a{}', 'b{}', 'c{}'];
const shown = (v: Visibility) => all.filter((n) => isShown(v, n));

describe('legend visibility', () => {
  it.each<{ name: string; start: Visibility; act: (v: Visibility) => Visibility; want: string[]; wantAll?: boolean }>([
    { name: 'all shown at first', start: null, act: (v) => v, want: all, wantAll: true },
    { name: 'click isolates', start: null, act: (v) => isolate(v, 'b{}'), want: ['b{}'] },
    { name: 'click on the isolated one shows all', start: new Set(['b{}']), act: (v) => isolate(v, 'b{}'), want: all, wantAll: true },
    { name: 'click on another moves isolation', start: new Set(['b{}']), act: (v) => isolate(v, 'c{}'), want: ['c{}'] },
    { name: 'click isolates out of a partial set', start: new Set(['a{}', 'b{}']), act: (v) => isolate(v, 'a{}'), want: ['a{}'] },
    { name: 'shift-click hides one', start: null, act: (v) => toggle(v, 'a{}', all), want: ['b{}', 'c{}'] },
    { name: 'shift-click adds one back', start: new Set(['b{}']), act: (v) => toggle(v, 'c{}', all), want: ['b{}', 'c{}'] },
    { name: 'shift-click completing the set means all', start: new Set(['b{}', 'c{}']), act: (v) => toggle(v, 'a{}', all), want: all, wantAll: true },
    { name: 'shift-click can hide the last one', start: new Set(['b{}']), act: (v) => toggle(v, 'b{}', all), want: [] },
  ])('$name', ({ start, act, want, wantAll }) => {
    const next = act(start);
    expect(shown(next)).toEqual(want);
    expect(next === null).toBe(wantAll ?? false);
  });

  it('shows series that appear later when all are shown, not when one is isolated', () => {
    expect(isShown(null, 'new{}')).toBe(true);
    expect(isShown(isolate(null, 'a{}'), 'new{}')).toBe(false);
  });
});
