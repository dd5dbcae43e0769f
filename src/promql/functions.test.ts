import { describe, expect, it } from 'vitest';
import { FUNCTION_CALLS } from './functions';
import { FUNCTIONS } from './parser/functions';

describe('FUNCTION_CALLS', () => {
  it('evaluates every function the parser knows, and no other', () => {
    expect([...FUNCTION_CALLS.keys()].sort()).toEqual([...FUNCTIONS.keys()].sort());
  });
});
