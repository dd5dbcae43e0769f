import { describe, expect, it } from 'vitest';
import { defaultFieldConfig } from './defaults';
import { activeThreshold, cssColor, paletteColor, displayName, displayValue, fieldRange, mapValue, reduce, resolveField, thresholdValues } from './fieldDisplay';
import type { FieldConfig, Reducer, Thresholds, ValueMapping } from './model';

const N = NaN;

describe('reduce', () => {
  const series = [N, 3, 1, N, 4, 1, 5, N];
  it.each<[Reducer, number[], number | null]>([
    ['last', series, null],
    ['lastNotNull', series, 5],
    ['first', series, null],
    ['firstNotNull', series, 3],
    ['mean', series, 14 / 5],
    ['max', series, 5],
    ['min', series, 1],
    ['sum', series, 14],
    ['count', series, 5],
    ['range', series, 4],
    // rises 3→1 reset (+1), 1→4 (+3), 4→1 reset (+1), 1→5 (+4)
    ['delta', series, 9],
    ['delta', [10, 20, 30], 20],
    ['last', [1, 2], 2],
    ['first', [7, 2], 7],
    ['mean', [], null],
    ['max', [N, N], null],
    ['count', [N, N], 0],
    ['sum', [-1, -2], -3],
    ['max', [-5, -2, -9], -2],
  ])('%s of %j is %s', (reducer, values, want) => {
    expect(reduce(Float64Array.from(values), reducer)).toBe(want);
  });
});

describe('paletteColor', () => {
  it('deals Grafana\'s classic colours in order and starts again after the last', () => {
    expect([0, 1, 2, 32].map(paletteColor)).toEqual(['#7EB26D', '#EAB839', '#6ED0E0', '#7EB26D']);
  });
});

describe('cssColor', () => {
  it.each([
    ['green', '#73BF69'],
    ['red', '#F2495C'],
    ['semi-dark-red', '#E02F44'],
    ['dark-orange', '#FA6400'],
    ['super-light-blue', '#C0D8FF'],
    ['light-purple', '#CA95E5'],
    ['#ff0000', '#ff0000'],
    ['rgba(1, 2, 3, 0.5)', 'rgba(1, 2, 3, 0.5)'],
    ['transparent', 'transparent'],
    ['text', 'currentColor'],
    ['red; background: url(x)', ''],
  ])('%s is %s', (name, want) => {
    expect(cssColor(name)).toBe(want);
  });
});

const absolute: Thresholds = { mode: 'absolute', steps: [{ value: null, color: 'green' }, { value: 80, color: 'red' }] };
const percentage: Thresholds = { mode: 'percentage', steps: [{ value: null, color: 'green' }, { value: 50, color: 'orange' }, { value: 90, color: 'red' }] };

describe('activeThreshold', () => {
  it.each<[number, Thresholds, number, number, string]>([
    [10, absolute, 0, 100, 'green'],
    [80, absolute, 0, 100, 'red'],
    [79.99, absolute, 0, 100, 'green'],
    [-1e9, absolute, 0, 100, 'green'],
    [500, percentage, 0, 1000, 'orange'],
    [499, percentage, 0, 1000, 'green'],
    [950, percentage, 0, 1000, 'red'],
    [0.95, percentage, 0, 1, 'red'],
  ])('%d in %j (%d..%d) is %s', (value, t, min, max, want) => {
    expect(activeThreshold(value, t, min, max)?.color).toBe(want);
  });

  it('puts percentage steps at their place between min and max', () => {
    expect(thresholdValues(percentage, 0, 200).map((s) => s.value)).toEqual([-Infinity, 100, 180]);
  });
});

describe('mapValue', () => {
  const mappings: ValueMapping[] = [
    { type: 'value', options: { '0': { text: 'down', color: 'red' }, '1': { text: 'up', color: 'green' } } },
    { type: 'range', from: 10, to: 20, result: { text: 'teens' } },
    { type: 'range', from: null, to: -1, result: { text: 'negative' } },
    { type: 'regex', pattern: '(\\d)00', result: { text: '$1 hundred' } },
    { type: 'special', match: 'null', result: { text: 'none' } },
    { type: 'special', match: 'nan', result: { text: 'not a number' } },
  ];
  it.each<[number | null, string | undefined]>([
    [0, 'down'],
    [1, 'up'],
    [2, undefined],
    [10, 'teens'],
    [20, 'teens'],
    [20.5, undefined],
    [-7, 'negative'],
    [300, '3 hundred'],
    [3000, undefined],
    [null, 'none'],
    [NaN, 'not a number'],
  ])('%s maps to %s', (value, want) => {
    expect(mapValue(value, mappings)?.text).toBe(want);
  });

  it('takes the first mapping that matches', () => {
    expect(mapValue(15, [{ type: 'range', from: 0, to: 100, result: { text: 'first' } }, { type: 'value', options: { '15': { text: 'second' } } }])?.text).toBe('first');
  });

  it('ignores a regex that does not compile', () => {
    expect(mapValue(1, [{ type: 'regex', pattern: '(', result: { text: 'x' } }])).toBeNull();
  });
});

describe('resolveField', () => {
  const defaults = defaultFieldConfig();
  const overrides = [
    { matcher: { id: 'byName' as const, options: 'errors' }, properties: [{ id: 'color', value: { mode: 'fixed', fixedColor: 'red' } }, { id: 'unit', value: 'percentunit' }] },
    { matcher: { id: 'byRegexp' as const, options: '/^demo-.*/' }, properties: [{ id: 'custom.fillOpacity', value: 30 }, { id: 'displayName', value: 'Demo {{instance}}' }] },
    { matcher: { id: 'byRegexp' as const, options: 'demo-1' }, properties: [{ id: 'decimals', value: 2 }, { id: 'max', value: 'not a number' }] },
  ];
  it.each<[string, Partial<FieldConfig>, Record<string, unknown>]>([
    ['errors', { color: 'red', unit: 'percentunit' }, {}],
    ['demo-2', { displayName: 'Demo {{instance}}' }, { fillOpacity: 30 }],
    ['demo-1', { decimals: 2, max: null, displayName: 'Demo {{instance}}' }, { fillOpacity: 30 }],
    ['other', {}, {}],
  ])('%s gets %j and custom %j', (name, config, custom) => {
    const got = resolveField(defaults, overrides, name);
    expect(got.config).toEqual({ ...defaults, ...config });
    expect(got.custom).toEqual(custom);
  });

  it('leaves the defaults as they were', () => {
    resolveField(defaults, overrides, 'errors');
    expect(defaults.unit).toBe('');
  });
});

describe('displayName', () => {
  const labels = { __name__: 'up', instance: 'demo-1', job: 'demo' };
  it.each([
    ['', 'fallback'],
    ['Host ${__field.labels.instance}', 'Host demo-1'],
    ['{{job}}/{{instance}}', 'demo/demo-1'],
    ['${__field.labels}', '{instance="demo-1", job="demo"}'],
    ['${__field.name} (x)', 'fallback (x)'],
    ['${__field.labels.nope}!', '!'],
  ])('%j reads %j', (format, want) => {
    expect(displayName({ ...defaultFieldConfig(), displayName: format }, labels, 'fallback')).toBe(want);
  });
});

describe('displayValue', () => {
  const config: FieldConfig = { ...defaultFieldConfig(), unit: 'percent', decimals: 1 };
  it('formats, colours by threshold and places the value between min and max', () => {
    expect(displayValue(85, config, 0, 100)).toEqual({ text: '85.0', prefix: '', suffix: '%', numeric: 85, color: '#F2495C', percent: 0.85 });
    expect(displayValue(12, config, 0, 100).color).toBe('#73BF69');
  });
  it('lets a mapping replace the text and the colour', () => {
    const mapped = { ...config, mappings: [{ type: 'value' as const, options: { '85': { text: 'high', color: 'blue' } } }] };
    expect(displayValue(85, mapped, 0, 100)).toMatchObject({ text: 'high', suffix: '', color: '#5794F2' });
  });
  it('takes a fixed colour over the thresholds', () => {
    expect(displayValue(85, { ...config, color: 'purple' }, 0, 100).color).toBe('#B877D9');
  });
  it('shows nothing for no value', () => {
    expect(displayValue(null, config, 0, 100)).toMatchObject({ text: '', numeric: null, percent: 0 });
  });
});

describe('fieldRange', () => {
  it.each<[number | null, number | null, number[], { min: number; max: number }]>([
    [null, null, [3, 7, 5], { min: 3, max: 7 }],
    [0, 100, [3, 7], { min: 0, max: 100 }],
    [null, null, [42], { min: 0, max: 42 }],
    [null, null, [], { min: 0, max: 100 }],
    [null, null, [NaN, 2, 4], { min: 2, max: 4 }],
    [null, null, [0], { min: 0, max: 1 }],
  ])('min %s max %s over %j is %j', (min, max, values, want) => {
    expect(fieldRange({ ...defaultFieldConfig(), min, max }, values)).toEqual(want);
  });
});
