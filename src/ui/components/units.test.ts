import { describe, expect, it } from 'vitest';
import { formatTicks, formatValue, unitOf, unitOfExpression } from './units';

describe('unitOf', () => {
  it.each([
    ['process_cpu_seconds_total', '', 'seconds'],
    ['http_request_duration_seconds_sum', '', 'seconds'],
    ['http_request_duration_seconds_count', '', ''],
    ['http_request_duration_seconds_bucket', '', ''],
    ['node_memory_MemAvailable_bytes', '', 'bytes'],
    ['cache_hit_ratio', '', 'ratio'],
    ['disk_used_percent', '', 'percent'],
    ['node_hwmon_temp_celsius', '', 'celsius'],
    ['request_latency_ms', '', 'milliseconds'],
    ['up', '', ''],
    ['go_goroutines', '', ''],
    ['strange_name', 'seconds', 'seconds'],
    ['process_cpu_seconds_total', 'Bytes', 'bytes'],
    ['process_cpu_seconds_total', 'furlongs', 'seconds'],
    [undefined, '', ''],
  ])('%s with UNIT %j is %j', (name, meta, want) => {
    expect(unitOf(name, meta)).toBe(want);
  });
});

describe('unitOfExpression', () => {
  it.each([
    ['rate(process_cpu_seconds_total[5m])', 'seconds'],
    ['rate(http_request_duration_seconds_sum[5m]) / rate(http_request_duration_seconds_count[5m])', 'seconds'],
    ['node_memory_MemTotal_bytes - node_memory_MemAvailable_bytes', 'bytes'],
    ['up', ''],
    ['foo_bytes / bar_seconds', ''],
    ['sum by (le_seconds) (x', ''],
    ['', ''],
  ])('%s is %j', (expr, want) => {
    expect(unitOfExpression(expr)).toBe(want);
  });
});

describe('formatValue', () => {
  it.each([
    [0, '', '0'],
    [1234.5678, '', '1.235k'],
    [0.000123, '', '123µ'],
    [-2_500_000, '', '-2.5M'],
    [42, '', '42'],
    [1.5, 'seconds', '1.5 s'],
    [0.0123, 'seconds', '12.3 ms'],
    [90, 'seconds', '1.5 min'],
    [7200, 'seconds', '2 h'],
    [250, 'milliseconds', '250 ms'],
    [1536, 'bytes', '1.5 KiB'],
    [3 * 1024 ** 3, 'bytes', '3 GiB'],
    [512, 'bytes', '512 B'],
    [0.256, 'ratio', '25.6%'],
    [99.5, 'percent', '99.5%'],
    [21.25, 'celsius', '21.25 °C'],
    [1500, 'watts', '1.5 kW'],
    [12, 'no-such-unit', '12'],
    [NaN, 'bytes', 'NaN'],
    [Infinity, '', '+Inf'],
    [-Infinity, 'seconds', '-Inf'],
    [1e20, '', '1e+5P'], [1e30, '', '1e+15P'],
  ])('%d %s reads %j', (value, unit, want) => {
    expect(formatValue(value, unit)).toBe(want);
  });
});

describe('formatTicks', () => {
  it.each([
    [[0, 0.5, 1, 1.5], '', ['0.0', '0.5', '1.0', '1.5']],
    [[0, 500, 1000, 1500], '', ['0.0k', '0.5k', '1.0k', '1.5k']],
    [[0, 2000, 4000], '', ['0k', '2k', '4k']],
    [[1.001, 1.002, 1.003], '', ['1.001', '1.002', '1.003']],
    [[0, 0.25, 0.5], 'seconds', ['0 ms', '250 ms', '500 ms']],
    [[0, 30, 60, 90], 'seconds', ['0.0 min', '0.5 min', '1.0 min', '1.5 min']],
    [[0, 512 * 1024, 1024 * 1024], 'bytes', ['0.0 MiB', '0.5 MiB', '1.0 MiB']],
    // uPlot's decimal steps in binary units: two significant digits of the spacing, not 2.384186.
    [[0, 2.5e6, 5e6, 7.5e6], 'bytes', ['0.0 MiB', '2.4 MiB', '4.8 MiB', '7.2 MiB']],
    [[1.0001, 1.0002, 1.0003], '', ['1.0001', '1.0002', '1.0003']],
    [[0, 0.25, 0.5, 0.75, 1], 'ratio', ['0%', '25%', '50%', '75%', '100%']],
    [[-1, -0.5, 0, 0.5], '', ['-1.0', '-0.5', '0.0', '0.5']],
    [[], 'bytes', []],
    [[1, null, 3], '', ['1', '', '3']],
  ])('%j in %j', (ticks, unit, want) => {
    expect(formatTicks(ticks, unit)).toEqual(want);
  });
});
