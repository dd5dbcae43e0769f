import { describe, expect, it } from 'vitest';
import { jsonErrorOffset } from './jsonErrorOffset';

describe('jsonErrorOffset', () => {
  it.each([
    ['{"a": tru\n}', 9],
    ['{"a": 1,}', 8],
    ['[1, 2', 5],
    ['{"a" 1}', 5],
    ['"abc', 4],
    ['{"a": -}', 6],
    ['{"a": "\\x"}', 8],
    ['[1] 2', 4],
    ['', 0],
  ])('%j fails at %i', (text, offset) => {
    expect(() => JSON.parse(text)).toThrow();
    expect(jsonErrorOffset(text)).toBe(offset);
  });

  it('accepts what JSON.parse accepts', () => {
    const text = '{"a": [1, -2.5e3, true, false, null, "x\\u00e9\\n"], "b": {}}';
    expect(jsonErrorOffset(text)).toBe(text.length);
  });
});
