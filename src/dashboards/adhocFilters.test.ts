import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Expr } from '../promql/parser/ast';
import { parseExpr } from '../promql/parser/parse';
import { printExpr } from '../promql/parser/printer';
import { applyAdhocFilters, selectorsOf } from './adhocFilters';
import type { AdhocFilter } from './model';

const JOB: AdhocFilter = { key: 'job', operator: '=', value: 'node' };

describe('applyAdhocFilters', () => {
  it.each<[string, AdhocFilter[], string]>([
    ['up', [JOB], 'up{job="node"}'],
    ['up{instance="a"}', [JOB], 'up{instance="a", job="node"}'],
    ['rate(http_requests_total[5m])', [JOB], 'rate(http_requests_total{job="node"}[5m])'],
    [
      'sum by (handler) (rate(a[5m])) / ignoring (x) group_left sum(b offset 1h)',
      [JOB],
      'sum by (handler) (rate(a{job="node"}[5m])) / ignoring (x) group_left sum(b{job="node"} offset 1h)',
    ],
    ['max_over_time(rate(x[1m])[1h:5m])', [JOB], 'max_over_time(rate(x{job="node"}[1m])[1h:5m])'],
    ['topk(3, up)', [JOB], 'topk(3, up{job="node"})'],
    ['label_replace(up, "a", "$1", "b", "(.*)")', [JOB], 'label_replace(up{job="node"}, "a", "$1", "b", "(.*)")'],
    ['histogram_quantile(0.9, sum by (le) (rate(h_bucket[5m])))', [JOB], 'histogram_quantile(0.9, sum by (le) (rate(h_bucket{job="node"}[5m])))'],
    ['1 + 2', [JOB], '1 + 2'],
    ['vector(1)', [JOB], 'vector(1)'],
    ['{__name__=~"node_.+"}', [JOB], '{__name__=~"node_.+", job="node"}'],
    [
      'up',
      [
        { key: 'instance', operator: '!=', value: 'a:1' },
        { key: 'env', operator: '=~', value: 'prod|stage' },
        { key: 'zone', operator: '!~', value: 'eu-.*' },
      ],
      'up{instance!="a:1", env=~"prod|stage", zone!~"eu-.*"}',
    ],
    ['up', [{ key: 'job', operator: '=', value: 'a"b\\c' }], 'up{job="a\\"b\\\\c"}'],
    ['up', [{ key: 'service.name', operator: '=', value: 'x' }], 'up{"service.name"="x"}'],
    ['up @ 100 offset 5m', [JOB], 'up{job="node"} @ 100.000 offset 5m'],
  ])('%s', (expr, filters, want) => {
    expect(applyAdhocFilters(expr, filters)).toEqual({ ok: true, value: want });
  });

  it('gives the expression back untouched when there are no filters', () => {
    expect(applyAdhocFilters('sum(rate(x[5m]))  by (job)', [])).toEqual({ ok: true, value: 'sum(rate(x[5m]))  by (job)' });
  });

  it('names a filter whose regex does not compile', () => {
    const r = applyAdhocFilters('up', [JOB, { key: 'job', operator: '=~', value: '(' }]);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.where).toBe('filter job=~"("');
      expect(r.error.what).toContain('error parsing regexp');
    }
  });

  it('refuses a filter without a label name', () => {
    const r = applyAdhocFilters('up', [{ key: '', operator: '=', value: 'x' }]);
    expect(r.ok).toBe(false);
  });

  it('says where a query does not parse', () => {
    const r = applyAdhocFilters('sum(rate(x[5m])', [JOB]);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.what).toMatch(/^1:\d+: parse error/);
  });
});

const PROBES: AdhocFilter[] = [
  { key: 'vigil_probe_eq', operator: '=', value: 'x' },
  { key: 'vigil_probe_re', operator: '!~', value: 'a|b' },
];
const PROBE_KEYS = new Set(PROBES.map((p) => p.key));

/** The expressions of every `eval` statement in Prometheus's promqltest scripts. */
function conformanceExpressions(): string[] {
  const dir = new URL('../../../shared/conformance/promqltest/', import.meta.url);
  const exprs: string[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.test'))) {
    for (const line of readFileSync(new URL(file, dir), 'utf8').split('\n')) {
      const m =
        /^eval(?:_\w+)?\s+instant\s+(?:at\s+\S+\s+)?(.+)$/.exec(line.trim()) ?? /^eval(?:_\w+)?\s+range\s+from\s+\S+\s+to\s+\S+\s+step\s+\S+\s+(.+)$/.exec(line.trim());
      if (m) exprs.push(m[1]);
    }
  }
  return exprs;
}

function tryParse(expr: string): Expr | undefined {
  try {
    return parseExpr(expr);
  } catch {
    return undefined;
  }
}

describe('applyAdhocFilters on the promqltest expressions', () => {
  it('adds the filters to every selector and changes nothing else in any query that parses', () => {
    const exprs = conformanceExpressions();
    let covered = 0;
    let selectors = 0;
    for (const expr of exprs) {
      const original = tryParse(expr);
      if (!original) continue;
      const r = applyAdhocFilters(expr, PROBES);
      expect(r.ok, expr).toBe(true);
      if (!r.ok) continue;
      const filtered = parseExpr(r.value);
      for (const s of selectorsOf(filtered)) {
        expect(
          s.matchers.filter((m) => PROBE_KEYS.has(m.name)).map((m) => `${m.name}${m.type}${m.value}`),
          expr,
        ).toEqual(['vigil_probe_eq=x', 'vigil_probe_re!~a|b']);
        s.matchers = s.matchers.filter((m) => !PROBE_KEYS.has(m.name));
        selectors++;
      }
      expect(printExpr(filtered), expr).toBe(printExpr(original));
      covered++;
    }
    console.log(`ad hoc filters checked on ${covered} of ${exprs.length} promqltest expressions (${selectors} selectors)`);
    expect(covered).toBeGreaterThan(1000);
  });
});
