import { describe, expect, it } from 'vitest';
import { regexShape } from './regexFastPath';

describe('regex fast paths', () => {
  it.each([
    ['api', { kind: 'set', values: ['api'] }],
    ['api|web|db', { kind: 'set', values: ['api', 'web', 'db'] }],
    ['a\\.b|c', { kind: 'set', values: ['a.b', 'c'] }],
    ['x|', { kind: 'set', values: ['x', ''] }],
    ['foo.*', { kind: 'prefix', prefix: 'foo' }],
    ['.*', { kind: 'prefix', prefix: '' }],
    ['node_.+', { kind: 'nonEmptyPrefix', prefix: 'node_' }],
    ['a.b', undefined],
    ['(?i)api', undefined],
    ['a|b.*', undefined],
    ['a\\d', undefined],
    ['[ab]', undefined],
    ['foo\\.*', undefined],
  ])('reads %j as %j', (pattern, shape) => {
    expect(regexShape(pattern)).toEqual(shape);
  });
});
