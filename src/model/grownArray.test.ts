import { describe, expect, it } from 'vitest';
import { grownArray } from './grownArray';

describe('grownArray', () => {
  it('keeps the kind and the contents, and fills the new room', () => {
    const a = Float64Array.of(1, 2);
    const g = grownArray(a, 4, -Infinity);
    expect(g).toBeInstanceOf(Float64Array);
    expect([...g]).toEqual([1, 2, -Infinity, -Infinity]);
    expect([...grownArray(Uint32Array.of(7), 3)]).toEqual([7, 0, 0]);
  });
});
