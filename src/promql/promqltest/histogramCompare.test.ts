import { describe, expect, it } from 'vitest';
import { spansMatch } from './histogramCompare';

describe('spansMatch', () => {
  it.each([
    { a: [], b: [], same: true },
    { a: [{ offset: 0, length: 2 }], b: [{ offset: 0, length: 2 }], same: true },
    { a: [{ offset: 0, length: 2 }], b: [{ offset: 1, length: 2 }], same: false },
    // An empty span's offset moves the next span.
    { a: [{ offset: 1, length: 0 }, { offset: 2, length: 1 }], b: [{ offset: 3, length: 1 }], same: true },
    // Trailing empty spans change nothing.
    { a: [{ offset: 0, length: 1 }, { offset: 4, length: 0 }], b: [{ offset: 0, length: 1 }], same: true },
    { a: [{ offset: 0, length: 1 }], b: [{ offset: 0, length: 1 }, { offset: 1, length: 1 }], same: false },
  ])('$a vs $b → $same', ({ a, b, same }) => {
    expect(spansMatch(a, b)).toBe(same);
    expect(spansMatch(b, a)).toBe(same);
  });
});
