import { describe, expect, it } from 'vitest';
import { isQueryError, queryErrorText } from './queryErrorText';

describe('queryErrorText', () => {
  it.each([
    [{ status: 'error', errorType: 'bad_data', error: 'parse error: unexpected end of input' }, 'bad_data: parse error: unexpected end of input'],
    [{ status: 'error', errorType: 'execution', error: 'too many samples', httpStatus: 422 }, 'execution: too many samples (HTTP 422)'],
  ] as const)('reads %j as one line', (e, text) => {
    expect(queryErrorText(e)).toBe(text);
  });
});

describe('isQueryError', () => {
  it.each<[unknown, boolean]>([
    [{ status: 'error', errorType: 'internal', error: 'x' }, true],
    [['status'], false],
    [{ status: [{ type: 'gauge', help: '', unit: '' }] }, false],
    [null, false],
  ])('tells an error from data: %j', (answer, want) => {
    expect(isQueryError(answer)).toBe(want);
  });
});
