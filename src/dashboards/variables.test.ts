import { describe, expect, it } from 'vitest';
import type { DataSource } from '../model/dataSource';
import type { InstantResult } from '../model/queryResult';
import { fail, ok, type Result } from '../model/result';
import { ALL_VALUE, type Variable, type VariableOption } from './model';
import {
  AUTO_INTERVAL,
  customOptions,
  dependentsOf,
  intervalOptions,
  optionsFrom,
  parseVariableQuery,
  pickCurrent,
  queryResultTexts,
  refreshVariables,
  scopeOf,
  variableOrder,
} from './variables';
import { interpolate } from './interpolate';

type QueryVariable = Extract<Variable, { type: 'query' }>;

function queryVar(name: string, query: string, extra: Partial<QueryVariable> = {}): QueryVariable {
  return {
    type: 'query',
    name,
    label: '',
    description: '',
    hide: 0,
    current: { text: [], value: [] },
    multi: false,
    includeAll: false,
    allValue: '',
    query,
    regex: '',
    sort: 0,
    refresh: 1,
    options: [],
    ...extra,
  };
}

const opts = (...values: string[]): VariableOption[] => values.map((v) => ({ text: v, value: v }));

describe('parseVariableQuery (metric_find_query)', () => {
  it.each([
    ['label_values(resource)', { kind: 'label_values', label: 'resource', match: '' }],
    ['label_values(metric, resource)', { kind: 'label_values', label: 'resource', match: 'metric' }],
    [
      'label_values(metric{label1="foo", label2="bar", label3="baz"}, resource)',
      { kind: 'label_values', label: 'resource', match: 'metric{label1="foo", label2="bar", label3="baz"}' },
    ],
    ['label_values(up{a="x,y"},job)', { kind: 'label_values', label: 'job', match: 'up{a="x,y"}' }],
    ['label_names()', { kind: 'label_names', match: '' }],
    ['label_names(up{job="a"})', { kind: 'label_names', match: 'up{job="a"}' }],
    ['metrics(metric.*)', { kind: 'metrics', regex: 'metric.*' }],
    ['query_result(topk(5, up))', { kind: 'query_result', expr: 'topk(5, up)' }],
    ['  up{job="node"}  ', { kind: 'series', match: 'up{job="node"}' }],
  ])('%s', (query, want) => {
    expect(parseVariableQuery(query)).toEqual({ ok: true, value: want });
  });

  it.each([
    ['', 'the query is empty'],
    ['label_values()', 'label_values(…) does not read: write label_values(label) or label_values(selector, label)'],
    ['metrics()', 'metrics(…) does not read: write metrics(regex)'],
    ['query_result()', 'query_result(…) does not read'],
  ])('%j fails', (query, what) => {
    const r = parseVariableQuery(query);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.where).toBe('query');
      expect(r.error.what).toContain(what);
    }
  });
});

describe('optionsFrom (metricNamesToVariableValues)', () => {
  it.each<[string, string[], string, VariableOption[]]>([
    ['no regex keeps every answer once', ['a', 'b', 'a'], '', opts('a', 'b')],
    ['a bare regex is anchored', ['backend_01', 'frontend', 'backend_02x'], 'backend_\\d+', opts('backend_01')],
    ['a capture group extracts', ['job-1', 'job-2', 'other'], '/job-(\\d+)/', opts('1', '2')],
    ['capture groups that meet dedupe', ['a-1', 'b-1'], '/.*-(\\d)/', opts('1')],
    [
      'named groups give text and value',
      ['Server A:9100', 'Server B:9200'],
      '/(?<text>[^:]+):(?<value>\\d+)/',
      [
        { text: 'Server A', value: '9100' },
        { text: 'Server B', value: '9200' },
      ],
    ],
    ['a value group alone is the text too', ['x=1'], '/x=(?<value>\\d)/', opts('1')],
    ['a global regex gives an option per match', ['a b c'], '/(\\w)/g', opts('a', 'b', 'c')],
    ['flags apply', ['API', 'api2'], '/^api$/i', opts('API')],
  ])('%s', (_name, values, regex, want) => {
    expect(optionsFrom(values, regex, 0)).toEqual({ ok: true, value: want });
  });

  it.each(['/(unclosed/', '(unclosed', '/a/q'])('%s fails naming the regex', (regex) => {
    const r = optionsFrom(['a'], regex, 0);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.where).toBe('regex');
  });

  it.each([
    [0, ['b10', 'a2', 'B1', 'a10', 'c']],
    [1, ['B1', 'a10', 'a2', 'b10', 'c']],
    [2, ['c', 'b10', 'a2', 'a10', 'B1']],
    [3, ['c', 'B1', 'a2', 'b10', 'a10']],
    [4, ['a10', 'b10', 'a2', 'B1', 'c']],
    [5, ['a10', 'a2', 'B1', 'b10', 'c']],
    [6, ['c', 'b10', 'B1', 'a2', 'a10']],
    [7, ['a2', 'a10', 'B1', 'b10', 'c']],
    [8, ['c', 'b10', 'B1', 'a10', 'a2']],
  ])('sort %i', (sort, want) => {
    const r = optionsFrom(['b10', 'a2', 'B1', 'a10', 'c'], '', sort);
    expect(r.ok && r.value.map((o) => o.value)).toEqual(want);
  });
});

describe('queryResultTexts (queryResultQuery)', () => {
  const base = { warnings: [], infos: [] };
  it.each<[string, InstantResult, string[]]>([
    [
      'a vector row is name{labels} value timestamp',
      { ...base, resultType: 'vector', rows: [{ labels: { job: 'a', __name__: 'up', instance: 'x:1' }, t: 1435781451781, value: 1 }] },
      ['up{instance="x:1",job="a"} 1 1435781451781'],
    ],
    ['a row without a name', { ...base, resultType: 'vector', rows: [{ labels: { job: 'a' }, t: 1000, value: 0.5 }] }, ['{job="a"} 0.5 1000']],
    ['infinities and exponents as the API writes them', { ...base, resultType: 'vector', rows: [{ labels: {}, t: 0, value: Infinity }, { labels: {}, t: 0, value: 1e-7 }] }, ['{} +Inf 0', '{} 1e-07 0']],
    ['a scalar is its value', { ...base, resultType: 'scalar', rows: [{ labels: {}, t: 0, value: 42 }] }, ['42']],
    ['a string is its text', { ...base, resultType: 'string', rows: [], text: 'hello' }, ['hello']],
  ])('%s', (_name, result, want) => {
    expect(queryResultTexts(result)).toEqual({ ok: true, value: want });
  });

  it('refuses a range vector as Grafana does', () => {
    const r = queryResultTexts({ ...base, resultType: 'matrix', rows: [] });
    expect(r.ok).toBe(false);
  });
});

describe('customOptions and intervalOptions', () => {
  it.each<[string, VariableOption[]]>([
    ['a,b,c', opts('a', 'b', 'c')],
    [' x , y ', opts('x', 'y')],
    ['a\\,b,c', opts('a,b', 'c')],
    [
      'Production : prod, Staging : stage',
      [
        { text: 'Production', value: 'prod' },
        { text: 'Staging', value: 'stage' },
      ],
    ],
    ['host:9100', opts('host:9100')],
    ['', []],
  ])('%j', (query, want) => {
    expect(customOptions(query)).toEqual(want);
  });

  it('lists intervals with Auto first when enabled', () => {
    const v: Extract<Variable, { type: 'interval' }> = {
      type: 'interval',
      name: 'i',
      label: '',
      description: '',
      hide: 0,
      current: { text: [], value: [] },
      query: '1m, 10m,1h',
      auto: true,
      autoCount: 30,
      autoMin: '10s',
      options: [],
    };
    expect(intervalOptions(v)).toEqual([{ text: 'Auto', value: AUTO_INTERVAL }, ...opts('1m', '10m', '1h')]);
    expect(intervalOptions({ ...v, auto: false })).toEqual(opts('1m', '10m', '1h'));
  });
});

describe('pickCurrent', () => {
  it.each<[string, Partial<QueryVariable>, VariableOption[], string[]]>([
    ['keeps a value still offered', { current: { text: ['b'], value: ['b'] } }, opts('a', 'b'), ['b']],
    ['falls back to the first option', { current: { text: ['z'], value: ['z'] } }, opts('a', 'b'), ['a']],
    ['keeps the multi values still offered, in their order', { multi: true, current: { text: ['c', 'z', 'a'], value: ['c', 'z', 'a'] } }, opts('a', 'b', 'c'), ['c', 'a']],
    ['keeps All', { includeAll: true, current: { text: ['All'], value: [ALL_VALUE] } }, opts('a'), [ALL_VALUE]],
    ['falls back to All when includeAll', { includeAll: true, current: { text: ['z'], value: ['z'] } }, opts('a'), [ALL_VALUE]],
    ['is empty when nothing is offered', { current: { text: ['z'], value: ['z'] } }, [], []],
  ])('%s', (_name, extra, options, want) => {
    expect(pickCurrent(queryVar('v', 'label_values(x)', extra), options).value).toEqual(want);
  });

  it('takes texts from the options', () => {
    expect(pickCurrent(queryVar('v', '', { current: { text: ['old'], value: ['1'] } }), [{ text: 'One', value: '1' }])).toEqual({ text: ['One'], value: ['1'] });
  });
});

describe('scopeOf', () => {
  const builtins = { __from: '0', __to: '3600000', __interval: '15s' };

  it('interpolates selections, All and built-ins into a query', () => {
    const vars: Variable[] = [
      queryVar('job', '', { multi: true, current: { text: ['a', 'b'], value: ['a', 'b'] }, options: opts('a', 'b', 'c') }),
      queryVar('instance', '', { includeAll: true, current: { text: ['All'], value: [ALL_VALUE] }, options: opts('x', 'y') }),
      { type: 'constant', name: 'env', label: '', description: '', hide: 2, current: { text: [], value: [] }, query: 'prod' },
    ];
    expect(interpolate('rate(x{job=~"$job", instance=~"$instance", env="$env"}[$__interval])', scopeOf(vars, builtins))).toBe(
      'rate(x{job=~"(a|b)", instance=~"(x|y)", env="prod"}[15s])',
    );
  });

  it('resolves an Auto interval from the range', () => {
    const v: Variable = {
      type: 'interval',
      name: 'step',
      label: '',
      description: '',
      hide: 0,
      current: { text: ['Auto'], value: [AUTO_INTERVAL] },
      query: '1m,5m',
      auto: true,
      autoCount: 30,
      autoMin: '10s',
      options: [],
    };
    expect(scopeOf([v], builtins).step.values).toEqual(['2m']);
    expect(scopeOf([{ ...v, autoMin: '5m' }], builtins).step.values).toEqual(['5m']);
  });
});

describe('variableOrder and dependentsOf', () => {
  const vars = [
    queryVar('instance', 'label_values(up{job=~"$job"}, instance)'),
    queryVar('job', 'label_values(up{env="$env"}, job)'),
    queryVar('env', 'label_values(env)'),
    queryVar('other', 'label_values(other)', { regex: '/${env}-(.*)/' }),
    queryVar('lone', 'label_values(lone)'),
  ];

  it('puts each variable after those it names, else in board order', () => {
    expect(variableOrder(vars)).toEqual({ ok: true, value: ['env', 'job', 'instance', 'other', 'lone'] });
  });

  it('lists what refreshes when a variable changes', () => {
    expect(dependentsOf(vars, 'env')).toEqual(['job', 'instance', 'other']);
    expect(dependentsOf(vars, 'job')).toEqual(['instance']);
    expect(dependentsOf(vars, 'lone')).toEqual([]);
  });

  it('names a circle', () => {
    const r = variableOrder([queryVar('a', 'label_values(x{b="$b"}, a)'), queryVar('b', 'label_values(x{a="$a"}, b)'), queryVar('c', 'label_values(c)')]);
    expect(r).toEqual({ ok: false, error: { where: 'variable a', what: 'variables refer to each other in a circle: a → b → a' } });
  });
});

/** A source whose label values answer from a table keyed by `label|match`, recording each call. */
function fakeSource(answers: Record<string, Result<string[]>>, calls: string[]): DataSource {
  const unused = (): never => {
    throw new Error('not used');
  };
  return {
    labelValues: (name, match) => {
      const key = `${name}|${(match ?? []).join(';')}`;
      calls.push(key);
      return Promise.resolve(answers[key] ?? ok([]));
    },
    labelNames: () => Promise.resolve(ok(['job', 'instance'])),
    instantQuery: (expr) => {
      calls.push(`instant|${expr}`);
      return Promise.resolve(ok({ resultType: 'vector', rows: [{ labels: { __name__: 'up', job: 'a' }, t: 5000, value: 1 }], warnings: [], infos: [] }));
    },
    rangeQuery: unused,
    series: unused,
    metadata: unused,
    cancel: () => Promise.resolve(),
  };
}

describe('refreshVariables', () => {
  const ctx = (source: DataSource) => ({ sourceOf: () => source, startMs: 0, endMs: 60_000, builtins: { __from: '0', __to: '60000' } });

  it('refreshes a chain in order, each interpolated with the values before it', async () => {
    const calls: string[] = [];
    const source = fakeSource(
      {
        'job|': ok(['api', 'node']),
        'instance|up{job=~"(api|node)"}': ok(['a:1', 'b:1']),
        'instance|up{job=~"node"}': ok(['b:1']),
      },
      calls,
    );
    const vars = [
      queryVar('instance', 'label_values(up{job=~"$job"}, instance)', { current: { text: ['a:1'], value: ['a:1'] } }),
      queryVar('job', 'label_values(job)', { multi: true, includeAll: true, current: { text: ['All'], value: [ALL_VALUE] } }),
    ];
    const first = await refreshVariables(vars, null, ctx(source));
    expect(first.errors).toEqual({});
    expect(calls).toEqual(['job|', 'instance|up{job=~"(api|node)"}']);
    expect(first.variables.map((v) => v.current.value)).toEqual([['a:1'], [ALL_VALUE]]);

    calls.length = 0;
    const picked = first.variables.map((v) => (v.name === 'job' ? { ...v, current: { text: ['node'], value: ['node'] } } : v));
    const second = await refreshVariables(picked, 'job', ctx(source));
    expect(calls).toEqual(['instance|up{job=~"node"}']);
    expect(second.variables[0].current.value).toEqual(['b:1']);
  });

  it('keeps the old options of a variable whose look-up fails, says why, and goes on', async () => {
    const calls: string[] = [];
    const source = fakeSource({ 'job|': fail({ where: 'http://prom', what: 'connection refused', errorType: 'internal' }), 'env|': ok(['prod']) }, calls);
    const vars = [
      queryVar('job', 'label_values(job)', { options: opts('old'), current: { text: ['old'], value: ['old'] } }),
      queryVar('env', 'label_values(env)'),
      queryVar('bad', 'label_values()'),
    ];
    const r = await refreshVariables(vars, null, ctx(source));
    expect(r.errors).toEqual({ job: 'internal: connection refused', bad: '1:1: label_values(…) does not read: write label_values(label) or label_values(selector, label)' });
    expect(r.variables[0]).toEqual(vars[0]);
    expect(r.variables[1].current.value).toEqual(['prod']);
  });

  it('runs query_result at the end of the range and metrics through a __name__ match', async () => {
    const calls: string[] = [];
    const source = fakeSource({ '__name__|{__name__=~"node_.*"}': ok(['node_load1']) }, calls);
    const vars = [queryVar('q', 'query_result(up)', { regex: '/job="([^"]+)"/' }), queryVar('m', 'metrics(node_.*)')];
    const r = await refreshVariables(vars, null, ctx(source));
    expect(calls).toEqual(['instant|up', '__name__|{__name__=~"node_.*"}']);
    expect(r.variables.map((v) => v.current.value)).toEqual([['a'], ['node_load1']]);
  });

  it('computes custom, constant and textbox values without a look-up', async () => {
    const source = fakeSource({}, []);
    const vars: Variable[] = [
      { type: 'custom', name: 'c', label: '', description: '', hide: 0, current: { text: [], value: [] }, multi: false, includeAll: false, allValue: '', query: 'x,y', options: [] },
      { type: 'constant', name: 'k', label: '', description: '', hide: 2, current: { text: [], value: [] }, query: 'v1' },
      { type: 'textbox', name: 't', label: '', description: '', hide: 0, current: { text: [], value: [] }, query: 'default' },
    ];
    const r = await refreshVariables(vars, null, ctx(source));
    expect(r.variables.map((v) => v.current.value)).toEqual([['x'], ['v1'], ['default']]);
  });

  it('refuses to refresh variables that name each other, naming them', async () => {
    const vars = [queryVar('a', 'label_values(x{b="$b"}, a)'), queryVar('b', 'label_values(x{a="$a"}, b)')];
    const r = await refreshVariables(vars, null, ctx(fakeSource({}, [])));
    expect(Object.keys(r.errors)).toEqual(['a', 'b']);
    expect(r.variables).toBe(vars);
  });
});
