import { describe, expect, it } from 'vitest';
import { typeOf } from './ast';
import { parseExpr } from './parse';

describe('parseExpr', () => {
  it.each([
    ['1 + 2', 'scalar'],
    ['foo', 'vector'],
    ['foo[5m]', 'matrix'],
    ['rate(foo[5m])', 'vector'],
    ['foo[5m:1m]', 'matrix'],
    ['"text"', 'string'],
    ['sum by (job) (rate(foo[5m]))', 'vector'],
    ['scalar(foo) * 2', 'scalar'],
    ['time()', 'scalar'],
  ])('%s is a %s', (q, want) => {
    expect(typeOf(parseExpr(q))).toBe(want);
  });

  it('reads numbers with a trailing dot as Go does', () => {
    expect(parseExpr('5./2.')).toMatchObject({ kind: 'binary', lhs: { value: 5 }, rhs: { value: 2 } });
  });

  it('binds offset and @ to the selector, negative offsets included', () => {
    const e = parseExpr('foo offset -5m @ 100');
    expect(e).toMatchObject({ kind: 'vectorSelector', name: 'foo', offset: -300_000, at: 100_000 });
  });

  it('binds a trailing offset to the last operand, not the whole binary expression', () => {
    const e = parseExpr('a offset 1m or b offset 2m');
    expect(e).toMatchObject({ kind: 'binary', lhs: { offset: 60_000 }, rhs: { offset: 120_000 } });
  });

  it('keeps operator precedence around a trailing modifier', () => {
    const e = parseExpr('a + b @ 60 * 2');
    expect(e).toMatchObject({ kind: 'binary', op: '+', lhs: { name: 'a' }, rhs: { kind: 'binary', op: '*', lhs: { name: 'b', at: 60_000 } } });
    expect(parseExpr('-a @ 60')).toMatchObject({ kind: 'unary', expr: { name: 'a', at: 60_000 } });
  });

  it('reads vector matching', () => {
    const e = parseExpr('a * on (x) group_left (y) b');
    expect(e).toMatchObject({ kind: 'binary', matching: { card: 'many-to-one', on: true, labels: ['x'], include: ['y'] } });
  });

  it.each([
    ['h </ 2', { op: '</', lhs: { name: 'h' }, rhs: { value: 2 } }],
    ['h >/ -1', { op: '>/', rhs: { value: -1 } }],
    // Same precedence as the comparisons: looser than +, tighter than and, left-associative.
    ['a + b </ c * 2', { op: '</', lhs: { op: '+' }, rhs: { op: '*' } }],
    ['a and b >/ 2', { op: 'and', rhs: { op: '>/' } }],
    ['a </ b > c', { op: '>', lhs: { op: '</' } }],
    ['a >= b >/ c', { op: '>/', lhs: { op: '>=' } }],
    ['h >/ on (x) group_left f', { op: '>/', matching: { on: true, labels: ['x'], card: 'many-to-one' } }],
    ['h{a="</", b=">/"} </ 1', { op: '</', lhs: { matchers: [{ value: 'h' }, { value: '</' }, { value: '>/' }] } }],
    ['1 </ 2', { op: '</', lhs: { value: 1 } }],
  ])('reads the trim operator in %s', (q, want) => {
    expect(parseExpr(q)).toMatchObject({ kind: 'binary', ...want });
  });

  it.each([
    ['rate(foo)', '1:6: parse error: expected type range vector in call to function "rate", got instant vector'],
    ['sum(foo[5m])', '1:5: parse error: expected type instant vector in aggregation expression, got range vector'],
    ['1 > 2', '1:1: parse error: comparisons between scalars must use BOOL modifier'],
    ['{a=~".*"}', '1:1: parse error: vector selector must contain at least one non-empty matcher'],
    ['foo and 1', '1:1: parse error: set operator "and" not allowed in binary scalar expression'],
    ['round()', '1:1: parse error: expected at least 1 argument(s) in call to "round", got 0'],
    ['label_replace(foo, "a")', '1:1: parse error: expected 5 argument(s) in call to "label_replace", got 2'],
    ['topk(foo, bar)', '1:6: parse error: expected type scalar in aggregation parameter, got instant vector'],
    ['-"a"', '1:1: parse error: unary expression only allowed on expressions of type scalar or instant vector, got "string"'],
    ['foo[5m][1m:]', '1:1: parse error: subquery is only allowed on instant vector, got matrix instead'],
    ['a + on(x) group_left(x) b', '1:1: parse error: label "x" must not occur in ON and GROUP clause at once'],
    ['nonexistent_fn(foo)', '1:1: parse error: unknown function with name "nonexistent_fn"'],
    ['rate(foo[5m]', '1:13: parse error: unclosed left parenthesis'],
    ['foo{a="b"', '1:10: parse error: unexpected end of input inside braces'],
    ['foo{a="b}', '1:7: parse error: unterminated quoted string'],
    ['sum(foo))', "1:9: parse error: unexpected right parenthesis ')'"],
    ['1 +', '1:4: parse error: unexpected end of input'],
    ['h </ bool 2', '1:1: parse error: bool modifier can only be used on comparison operators'],
    ['h </', '1:5: parse error: unexpected end of input'],
    ['</ h', '1:1: parse error: unexpected "</"'],
    ['h </= 2', '1:5: parse error: unexpected "="'],
    ['h < / 2', '1:5: parse error: unexpected "/"'],
    ['h[5m] >/ 2', '1:1: parse error: binary expression must contain only scalar and instant vector types'],
  ])('rejects %s', (q, message) => {
    expect(() => parseExpr(q)).toThrow(message ?? /parse error/);
  });
});
