import { describe, expect, it } from 'vitest';
import { Labels } from './labels';
import { compileRelabelRegex, compileRule, DEFAULT_RELABEL, expand, hashmod, relabel, type RelabelConfig } from './relabel';

function rules(...partials: Partial<RelabelConfig>[]) {
  return partials.map((p) => compileRule({ ...DEFAULT_RELABEL, ...p }));
}

// Cases from Prometheus's model/relabel/relabel_test.go (TestRelabel), plus one per action.
describe('relabel', () => {
  it.each<[string, Record<string, string>, Partial<RelabelConfig>[], Record<string, string> | null]>([
    ['replace with ${1}', { a: 'foo', b: 'bar', c: 'baz' }, [{ sourceLabels: ['a'], regex: 'f(.*)', targetLabel: 'd', replacement: 'ch${1}-ch${1}' }], { a: 'foo', b: 'bar', c: 'baz', d: 'choo-choo' }],
    [
      'chained replaces see earlier results',
      { a: 'foo', b: 'bar', c: 'baz' },
      [
        { sourceLabels: ['a', 'b'], regex: 'f(.*);(.*)r', targetLabel: 'a', replacement: 'b${1}${2}m' },
        { sourceLabels: ['c', 'a'], regex: '(b).*b(.*)ba(.*)', targetLabel: 'd', replacement: '$1$2$2$3' },
      ],
      { a: 'boobam', b: 'bar', c: 'baz', d: 'boooom' },
    ],
    ['drop stops later rules', { a: 'foo' }, [{ sourceLabels: ['a'], regex: '.*o.*', action: 'drop' }, { sourceLabels: ['a'], regex: 'f(.*)', targetLabel: 'd' }], null],
    ['replace with a group inside', { a: 'abc' }, [{ sourceLabels: ['a'], regex: '.*(b).*', targetLabel: 'd' }], { a: 'abc', d: 'b' }],
    ['drop without a match keeps', { a: 'foo' }, [{ sourceLabels: ['a'], regex: 'no-match', action: 'drop' }], { a: 'foo' }],
    ['regexes are anchored', { a: 'foo' }, [{ sourceLabels: ['a'], regex: 'f|o', action: 'drop' }], { a: 'foo' }],
    ['keep without a match drops', { a: 'foo' }, [{ sourceLabels: ['a'], regex: 'no-match', action: 'keep' }], null],
    ['keep with a match keeps', { a: 'foo' }, [{ sourceLabels: ['a'], regex: 'f.*', action: 'keep' }], { a: 'foo' }],
    ['replace without a match changes nothing', { a: 'boo' }, [{ sourceLabels: ['a'], regex: 'f', targetLabel: 'b', replacement: 'bar' }], { a: 'boo' }],
    ['an empty replacement deletes the target', { a: 'foo', f: 'baz' }, [{ sourceLabels: ['a'], regex: '(f).*', targetLabel: '$1', replacement: '$2' }], { a: 'foo' }],
    ['hashmod', { a: 'foo', b: 'bar', c: 'baz' }, [{ sourceLabels: ['c'], targetLabel: 'd', action: 'hashmod', modulus: 1000 }], { a: 'foo', b: 'bar', c: 'baz', d: '976' }],
    ['hashmod over a newline', { a: 'foo\nbar' }, [{ sourceLabels: ['a'], targetLabel: 'b', action: 'hashmod', modulus: 1000 }], { a: 'foo\nbar', b: '734' }],
    ['labelmap', { a: 'foo', b1: 'bar', b2: 'baz' }, [{ regex: '(b.*)', replacement: 'bar_${1}', action: 'labelmap' }], { a: 'foo', b1: 'bar', b2: 'baz', bar_b1: 'bar', bar_b2: 'baz' }],
    [
      'labelmap of meta labels',
      { a: 'foo', __meta_my_bar: 'aaa', __meta_my_baz: 'bbb', __meta_other: 'ccc' },
      [{ regex: '__meta_(my.*)', replacement: '${1}', action: 'labelmap' }],
      { a: 'foo', __meta_my_bar: 'aaa', __meta_my_baz: 'bbb', __meta_other: 'ccc', my_bar: 'aaa', my_baz: 'bbb' },
    ],
    ['target from a group', { a: 'some-name-value' }, [{ sourceLabels: ['a'], regex: 'some-([^-]+)-([^,]+)', replacement: '${2}', targetLabel: '${1}' }], { a: 'some-name-value', name: 'value' }],
    ['a missing group replaces with nothing', { a: 'some-name-value' }, [{ sourceLabels: ['a'], regex: 'some-([^-]+)-([^,]+)', replacement: '${3}', targetLabel: '${1}' }], { a: 'some-name-value' }],
    ['an empty target name is skipped', { a: 'some-name-0' }, [{ sourceLabels: ['a'], regex: 'some-([^-]+)-([^,]+)', replacement: '${1}', targetLabel: '${3}' }], { a: 'some-name-0' }],
    [
      'real-life tag parsing',
      { __meta_sd_tags: 'path:/secret,job:some-job,label:foo=bar' },
      [
        { sourceLabels: ['__meta_sd_tags'], regex: '(?:.+,|^)path:(/[^,]+).*', replacement: '${1}', targetLabel: '__metrics_path__' },
        { sourceLabels: ['__meta_sd_tags'], regex: '(?:.+,|^)job:([^,]+).*', replacement: '${1}', targetLabel: 'job' },
        { sourceLabels: ['__meta_sd_tags'], regex: '(?:.+,|^)label:([^=]+)=([^,]+).*', replacement: '${2}', targetLabel: '${1}' },
      ],
      { __meta_sd_tags: 'path:/secret,job:some-job,label:foo=bar', __metrics_path__: '/secret', job: 'some-job', foo: 'bar' },
    ],
    ['labelkeep', { a: 'foo', b1: 'bar', b2: 'baz' }, [{ regex: '(b.*)', action: 'labelkeep' }], { b1: 'bar', b2: 'baz' }],
    ['labeldrop', { a: 'foo', b1: 'bar', b2: 'baz' }, [{ regex: '(b.*)', action: 'labeldrop' }], { a: 'foo' }],
    [
      'uppercase and lowercase',
      { foo: 'bAr123Foo' },
      [{ sourceLabels: ['foo'], action: 'uppercase', targetLabel: 'foo_uppercase' }, { sourceLabels: ['foo'], action: 'lowercase', targetLabel: 'foo_lowercase' }],
      { foo: 'bAr123Foo', foo_lowercase: 'bar123foo', foo_uppercase: 'BAR123FOO' },
    ],
    ['keepequal keeps equal', { __tmp_port: '1234', __port1: '1234', __port2: '5678' }, [{ sourceLabels: ['__tmp_port'], action: 'keepequal', targetLabel: '__port1' }], { __tmp_port: '1234', __port1: '1234', __port2: '5678' }],
    ['dropequal drops equal', { __tmp_port: '1234', __port1: '1234' }, [{ sourceLabels: ['__tmp_port'], action: 'dropequal', targetLabel: '__port1' }], null],
    ['dropequal keeps different', { __tmp_port: '1234', __port2: '5678' }, [{ sourceLabels: ['__tmp_port'], action: 'dropequal', targetLabel: '__port2' }], { __tmp_port: '1234', __port2: '5678' }],
    ['keepequal drops different', { __tmp_port: '1234', __port2: '5678' }, [{ sourceLabels: ['__tmp_port'], action: 'keepequal', targetLabel: '__port2' }], null],
    ['dot matches a newline', { a: 'line1\nline2' }, [{ sourceLabels: ['a'], regex: 'line1.*line2', targetLabel: 'd', replacement: 'match${1}' }], { a: 'line1\nline2', d: 'match' }],
    ['UTF-8 target label', { a: 'x' }, [{ sourceLabels: ['a'], targetLabel: 'utf-8.label' }], { a: 'x', 'utf-8.label': 'x' }],
    [
      'named groups in both spellings',
      { a: 'line1\nline2' },
      [
        { sourceLabels: ['a'], regex: '(line1).*(?<second>line2)', targetLabel: 'label1_${1}', replacement: 'val_${second}' },
        { sourceLabels: ['a'], regex: '(line1).*(?P<second>line2)', targetLabel: 'label2_$1', replacement: 'val_$second' },
      ],
      { a: 'line1\nline2', label1_line1: 'val_line2', label2_line1: 'val_line2' },
    ],
    ['defaults copy nothing when the source is empty', { a: 'foo' }, [{ sourceLabels: ['missing'], targetLabel: 'b' }], { a: 'foo' }],
    ['the fast path sets a constant', { a: 'foo' }, [{ targetLabel: 'env', replacement: 'prod' }], { a: 'foo', env: 'prod' }],
    ['separator joins sources', { a: 'x', b: 'y' }, [{ sourceLabels: ['a', 'b'], separator: '/', targetLabel: 'c' }], { a: 'x', b: 'y', c: 'x/y' }],
    ['case-insensitive flag', { a: 'FOO' }, [{ sourceLabels: ['a'], regex: '(?i)foo', action: 'keep' }], { a: 'FOO' }],
  ])('%s', (_name, input, partials, want) => {
    const got = relabel(Labels.from(input), rules(...partials));
    expect(got === null ? null : got.toObject()).toEqual(want === null ? null : Labels.from(want).toObject());
  });

  it.each<[Partial<RelabelConfig>, string]>([
    [{ action: 'hashmod', targetLabel: 'x' }, 'relabel configuration for hashmod requires non-zero modulus'],
    [{ action: 'replace' }, "relabel configuration for replace action requires 'target_label' value"],
    [{ action: 'lowercase', targetLabel: 'x', replacement: 'y' }, "'replacement' can not be set for lowercase action"],
    [{ action: 'keepequal', targetLabel: 'x', regex: 'a' }, "keepequal action requires only 'source_labels' and `target_label`, and no other fields"],
    [{ action: 'labeldrop', sourceLabels: ['a'] }, "labeldrop action requires only 'regex', and no other fields"],
    [{ action: 'labelmap', replacement: '' }, `"" is invalid 'replacement' for labelmap action`],
    [{ action: 'keep', regex: '(' }, 'error parsing regexp: invalid pattern "("'],
    [{ action: 'frob' as RelabelConfig['action'] }, 'unknown relabel action "frob"'],
  ])('rejects %j', (partial, message) => {
    expect(() => rules(partial)).toThrow(message);
  });
});

describe('expand', () => {
  const m = compileRelabelRegex('(a)(?<n>b)(c)?').exec('ab')!;
  it.each([
    ['$1', 'a'],
    ['${1}x', 'ax'],
    ['$1x', ''],
    ['$n-${n}', 'b-b'],
    ['$3', ''],
    ['$9', ''],
    ['$$1', '$1'],
    ['a$', 'a$'],
    ['${1', '${1'],
    ['$-', '$-'],
  ])('%s → %j', (template, want) => {
    expect(expand(template, m)).toBe(want);
  });
});

describe('hashmod', () => {
  it('uses the full unsigned 64 bits before the modulus', () => {
    expect(hashmod('baz', 1000)).toBe('976');
    expect(hashmod('', 2 ** 53)).toBe((0xe9800998ecf8427en % 2n ** 53n).toString());
  });
});
