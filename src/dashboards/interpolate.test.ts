import { describe, expect, it } from 'vitest';
import { interpolate, variablesIn, type InterpolationScope, type ScopedValue } from './interpolate';

function single(value: string, text = value): ScopedValue {
  return { values: [value], texts: [text], all: false, allValue: '', multi: false, includeAll: false };
}

function multi(values: string[], texts = values): ScopedValue {
  return { values, texts, all: false, allValue: '', multi: true, includeAll: false };
}

function all(values: string[], allValue = ''): ScopedValue {
  return { values, texts: values, all: true, allValue, multi: true, includeAll: true };
}

describe('interpolate: syntaxes (template_srv.test.ts)', () => {
  const scope: InterpolationScope = { test: single('oogle'), __interval_ms: single('100') };
  it.each([
    ['this.[[test]].filters', 'this.oogle.filters'],
    ['this.$test.filters', 'this.oogle.filters'],
    ['this.${test}.filters', 'this.oogle.filters'],
    ['this.${test:glob}.filters', 'this.oogle.filters'],
    ['this.[[test:raw]].filters', 'this.oogle.filters'],
    ['10 * $__interval_ms', '10 * 100'],
    ['$unknown and ${other:csv} stay', '$unknown and ${other:csv} stay'],
    ['$testing is another name', '$testing is another name'],
    ['no variables', 'no variables'],
  ])('%s', (text, want) => {
    expect(interpolate(text, scope, 'text')).toBe(want);
  });

  it('reads ${v.path} from the scope, else the variable itself', () => {
    const s: InterpolationScope = { '__field.labels.job': single('node'), host: single('a') };
    expect(interpolate('${__field.labels.job} on ${host.name}', s, 'text')).toBe('node on a');
  });
});

describe('interpolate: formats on several values (template_srv.test.ts formatValue)', () => {
  it.each([
    ['glob', ['test', 'test2'], '{test,test2}'],
    ['glob', ['value1'], 'value1'],
    ['lucene', ['test', 'test2'], '("test" OR "test2")'],
    ['lucene', [], '__empty__'],
    ['regex', ['test.', 'test2'], '(test\\.|test2)'],
    ['pipe', ['test', 'test2'], 'test|test2'],
    ['distributed', ['test', 'test2'], 'test,build=test2'],
    ['distributed', ['test'], 'test'],
    ['csv', ['test', 'test2'], 'test,test2'],
    ['json', ['test', 'test2'], '["test","test2"]'],
    ['percentencode', ['foo()bar BAZ', 'test2'], '%7Bfoo%28%29bar%20BAZ%2Ctest2%7D'],
    ['singlequote', ['test', "test'2"], "'test','test\\'2'"],
    ['doublequote', ['test', 'test"2'], '"test","test\\"2"'],
    ['sqlstring', ['test', "test'value2"], "'test','test''value2'"],
    ['raw', ['a', 'b'], 'a,b'],
    ['join', ['a', 'b'], 'a,b'],
    ['join: - ', ['a', 'b'], 'a - b'],
    ['queryparam', ['value1', 'value2'], 'var-build=value1&var-build=value2'],
    ['customqueryparam:p:x-', ['A', 'B'], 'p=x-A&p=x-B'],
    ['text', ['a', 'b'], 'A + B'],
    ['nonexistentformat', ['test', 'test1'], '{test,test1}'],
  ])('%s of %j is %s', (format, values, want) => {
    const scope = { build: multi(values, values.map((v) => v.toUpperCase())) };
    expect(interpolate(`\${build:${format}}`, scope)).toBe(want);
  });
});

describe('interpolate: formats on one value', () => {
  it.each([
    ['regex', 'Gi3/14', 'Gi3\\/14'],
    ['singlequote', 'test', "'test'"],
    ['doublequote', 'test', '"test"'],
    ['sqlstring', "test'value", "'test''value'"],
    ['raw', "'test\n", "'test\n"],
    ['lucene', 'value/4', 'value\\/4'],
    ['lucene', '42', '42'],
    ['html', '<script>alert(asd)</script>', '&lt;script&gt;alert(asd)&lt;&#47;script&gt;'],
    ['json', 'x', 'x'],
    ['glob', 'x', 'x'],
    ['queryparam', 'value1', 'var-v=value1'],
    ['percentencode', 'a b&c', 'a%20b%26c'],
    ['uriencode', 'a b/c', 'a%20b/c'],
    ['nonexistentformat', 'test', 'test'],
  ])('%s of %j is %j', (format, value, want) => {
    expect(interpolate(`\${v:${format}}`, { v: single(value) })).toBe(want);
  });

  it.each([
    ['${__from}', '1594671549254'],
    ['${__from:date:seconds}', '1594671549'],
    ['${__from:date}', '2020-07-13T20:19:09.254Z'],
    ['${__from:date:iso}', '2020-07-13T20:19:09.254Z'],
    ['${__from:date:ms}', '1594671549254'],
  ])('date: %s is %s', (text, want) => {
    expect(interpolate(text, { __from: single('1594671549254') })).toBe(want);
  });

  it('formats a date with moment tokens in the browser’s zone', () => {
    const d = new Date(1594671549254);
    const want = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')} ${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
    expect(interpolate('${__from:date:YYYY-MM HH:mm}', { __from: single('1594671549254') })).toBe(want);
  });
});

describe('interpolate: All', () => {
  it.each([
    ['this.${test:glob}.filters', 'this.{value1,value2}.filters'],
    ['${test:pipe},${test}', 'value1|value2,(value1|value2)'],
    ['${test:queryparam}', 'var-test=All'],
    ['${test:text}', 'All'],
  ])('without a custom all value: %s is %s', (text, want) => {
    expect(interpolate(text, { test: all(['value1', 'value2']) })).toBe(want);
  });

  it.each([
    ['this.$test.filters', 'this.*.filters'],
    ['this.${test:glob}.filters', 'this.*.filters'],
    ['this.${test:text}.filters', 'this.All.filters'],
    ['this.${test:regex}', 'this.*'],
    ['${test:queryparam}', 'var-test=All'],
  ])('with custom all value *: %s is %s', (text, want) => {
    expect(interpolate(text, { test: all(['value1', 'value2'], '*') })).toBe(want);
  });

  it('percent-encodes a custom all value', () => {
    expect(interpolate('this.${test:percentencode}', { test: all(['value1', 'value2'], '.+') })).toBe('this..%2B');
  });

  it('writes a custom all value unescaped into PromQL, with variables inside it interpolated', () => {
    expect(interpolate('up{job=~"$job"}', { job: all(['a', 'b'], '$env-.*'), env: single('prod') })).toBe('up{job=~"prod-.*"}');
  });
});

describe('interpolate: the promql default (Prometheus interpolateQueryExpr)', () => {
  it.each<[string, ScopedValue, string]>([
    ['a plain value is only quote-escaped', single("it's a.b"), "it\\\\'s a.b"],
    ['a backslash is doubled', single('C:\\x'), 'C:\\\\x'],
    ['one value of a multi variable is regex-escaped', multi(['a.b']), 'a\\\\.b'],
    ['several values become an alternation', multi(['a.b', 'c|d']), '(a\\\\.b|c\\\\|d)'],
    ['an includeAll variable with one value is regex-escaped', { ...single('x+y'), includeAll: true }, 'x\\\\+y'],
    ['All is every value', all(['a', 'b', 'c']), '(a|b|c)'],
    ['All with a custom value is that value', all(['a', 'b'], '.*'), '.*'],
  ])('%s', (_name, scoped, want) => {
    expect(interpolate('$v', { v: scoped })).toBe(want);
  });

  it('interpolates a dashboard query as Grafana sends it', () => {
    const scope: InterpolationScope = {
      job: multi(['node', 'api']),
      instance: all(['a:9100', 'b:9100']),
      __rate_interval: single('1m'),
    };
    expect(interpolate('sum by (instance) (rate(http_requests_total{job=~"$job", instance=~"$instance"}[$__rate_interval]))', scope)).toBe(
      'sum by (instance) (rate(http_requests_total{job=~"(node|api)", instance=~"(a:9100|b:9100)"}[1m]))',
    );
  });
});

describe('interpolate: text default (titles, legends)', () => {
  it.each<[ScopedValue, string]>([
    [multi(['server1', 'server2'], ['Server 1', 'Server 2']), 'Server: Server 1 + Server 2'],
    [single('', ''), 'Server: '],
    [all(['db1', 'db2']), 'Server: All'],
    [all(['A-Value'], 'CUSTOM_ALL'), 'Server: All'],
  ])('%j', (scoped, want) => {
    expect(interpolate('Server: $server', { server: scoped }, 'text')).toBe(want);
  });
});

describe('variablesIn', () => {
  it.each([
    ['rate(x{job="$job"}[$__rate_interval])', ['job', '__rate_interval']],
    ['[[a]] ${b:csv} ${c.d} $a', ['a', 'b', 'c']],
    ['none here', []],
  ])('%s', (text, want) => {
    expect(variablesIn(text)).toEqual(want);
  });
});
