import { describe, expect, it } from 'vitest';
import { buildSelector, escapeRegex, searchMetrics, togglePick } from './selectorBuilder';

describe('selector builder', () => {
  it.each([
    ['up', {}, 'up'],
    ['up', { job: ['demo'] }, 'up{job="demo"}'],
    ['up', { job: ['b', 'a'], instance: ['x'] }, 'up{instance="x",job=~"a|b"}'],
    ['http_requests_total', { path: ['/a.b', '/c?d'] }, 'http_requests_total{path=~"/a\\\\.b|/c\\\\?d"}'],
    ['up', { v: ['say "hi"'] }, 'up{v="say \\"hi\\""}'],
    ['my.metric', { job: ['x'] }, '{"my.metric",job="x"}'],
    ['', {}, '{}'],
  ])('%s with %j reads %s', (metric, picks, want) => {
    expect(buildSelector(metric, picks)).toBe(want);
  });

  it('escapes every RE2 metacharacter', () => {
    expect(escapeRegex('a.b*c+(d)|[e]{f}^$\\')).toBe('a\\.b\\*c\\+\\(d\\)\\|\\[e\\]\\{f\\}\\^\\$\\\\');
  });

  it('toggles a value on and off, dropping a label left with none', () => {
    const on = togglePick({}, 'job', 'a');
    expect(on).toEqual({ job: ['a'] });
    expect(togglePick(on, 'job', 'a')).toEqual({});
  });

  it('finds metrics by words in the name first, then in HELP', () => {
    const ms = [
      { name: 'node_cpu_seconds_total', help: 'CPU time' },
      { name: 'process_cpu_seconds_total', help: 'User and system CPU' },
      { name: 'go_gc_duration_seconds', help: 'GC pauses, stop the world' },
    ];
    expect(searchMetrics(ms, 'cpu').map((m) => m.name)).toEqual(['node_cpu_seconds_total', 'process_cpu_seconds_total']);
    expect(searchMetrics(ms, 'seconds world').map((m) => m.name)).toEqual(['go_gc_duration_seconds']);
  });
});
