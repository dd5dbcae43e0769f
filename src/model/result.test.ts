import { describe, expect, it } from 'vitest';
import { errorMessage, fail, ok } from './result';

describe('errorMessage', () => {
  it.each([
    [new Error('boom'), 'boom'],
    [new SyntaxError('bad'), 'bad'],
    ['plain text', 'plain text'],
    [42, '42'],
    [undefined, 'undefined'],
  ])('%s reads as %s', (e, want) => {
    expect(errorMessage(e)).toBe(want);
  });
});

describe('Result', () => {
  it('holds a value or a failure with where and what', () => {
    expect(ok(3)).toEqual({ ok: true, value: 3 });
    expect(fail({ where: 'prometheus.yml', what: 'bad' })).toEqual({ ok: false, error: { where: 'prometheus.yml', what: 'bad' } });
  });
});
