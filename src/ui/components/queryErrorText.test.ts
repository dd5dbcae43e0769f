import { describe, expect, it } from 'vitest';
import type { Failure } from '../../model/result';
import { queryErrorText } from './queryErrorText';

describe('queryErrorText', () => {
  it.each<[Failure, string]>([
    [{ where: "this browser's store", errorType: 'bad_data', what: 'parse error: unexpected end of input' }, 'bad_data: parse error: unexpected end of input'],
    [{ where: 'http://prom:9090', errorType: 'execution', what: 'too many samples', httpStatus: 422 }, 'execution: too many samples (HTTP 422)'],
  ])('reads %j as one line', (e, text) => {
    expect(queryErrorText(e)).toBe(text);
  });
});
