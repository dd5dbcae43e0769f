import { describe, expect, it } from 'vitest';
import { errorMessage, fail, failureText, ok, type Failure } from './result';

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

describe('failureText', () => {
  it.each<[Failure, string]>([
    [{ where: "this browser's store", errorType: 'bad_data', what: 'parse error: unexpected end of input' }, 'bad_data: parse error: unexpected end of input'],
    [{ where: 'http://prom:9090', errorType: 'execution', what: 'too many samples', httpStatus: 422 }, 'execution: too many samples (HTTP 422)'],
  ])('reads %j as one line', (e, text) => {
    expect(failureText(e)).toBe(text);
  });
});
