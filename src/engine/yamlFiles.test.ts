import { describe, expect, it } from 'vitest';
import type { MappingShape, YamlShape } from '../config/yamlShape';
import { YAML_FILES } from './yamlFiles';

/** Every mapping in a shape with the path that first reaches it (alertmanager.yml's routes refer to themselves). */
function mappings(shape: YamlShape, path: string[] = [], seen = new Set<YamlShape>()): [string[], MappingShape][] {
  if (seen.has(shape)) return [];
  seen.add(shape);
  if (shape.kind === 'list') return mappings(shape.item, [...path, '-'], seen);
  if (shape.kind === 'value') return [];
  return [[path, shape], ...Object.entries(shape.children).flatMap(([k, c]) => mappings(c, [...path, k], seen))];
}

describe('YAML file kinds', () => {
  // The editor completes what the shape lists; the reader must refuse a key the
  // shape does not list, so completion and the check never disagree.
  it.each(Object.keys(YAML_FILES) as (keyof typeof YAML_FILES)[])('%s: the reader refuses a key its shape does not list, at its line', (kind) => {
    const spec = YAML_FILES[kind];
    expect(spec.check('no_such_key: 1\n').errors).toEqual([{ line: 1, column: 1, message: expect.stringContaining('field no_such_key not found') }]);
    expect(mappings(spec.shape).length).toBeGreaterThan(2);
  });

  it('checks prometheus.yml with the places the editor marks', () => {
    const r = YAML_FILES.prometheus.check('global:\n  scrape_interval: 5s\nscrape_configs:\n  - job_name: demo\n    scrape_intervall: 5s\n');
    expect(r.errors).toEqual([{ line: 5, column: 5, message: 'field scrape_intervall not found in type config.ScrapeConfig' }]);
    expect(YAML_FILES.prometheus.check('scrape_configs:\n  - job_name: demo\n    scrape_interval: 5x\n').errors[0]).toMatchObject({ line: 3, column: 22 });
    expect(YAML_FILES.prometheus.check('scrape_configs:\n  - job_name: demo\n    tls_config: {}\n')).toEqual({
      errors: [],
      warnings: [{ line: 3, column: 5, message: 'field tls_config is not supported by Vigil and is ignored' }],
    });
  });

  it('checks alertmanager.yml as amtool check-config, at the place; empty is no file', () => {
    const r = YAML_FILES.alertmanager.check('route:\n  receiver: a\n  routes:\n    - receiver: b\nreceivers: [{name: a}]\n');
    expect(r.errors).toEqual([{ line: 4, column: 7, message: 'undefined receiver "b" used in route' }]);
    expect(YAML_FILES.alertmanager.check('')).toEqual({ errors: [], warnings: [] });
  });

  it('gives prometheus.yml its alerting keys and alertmanager.yml nested routes, for completion', () => {
    const alerting = YAML_FILES.prometheus.shape.children.alerting;
    expect(alerting?.kind === 'mapping' && alerting.keys).toEqual(['alert_relabel_configs', 'alertmanagers']);
    const route = YAML_FILES.alertmanager.shape.children.route;
    const nested = route?.kind === 'mapping' ? route.children.routes : undefined;
    expect(nested?.kind === 'list' && nested.item).toBe(route);
  });

  it('checks a rule file, every broken rule at its expression', () => {
    const r = YAML_FILES.rules.check('groups:\n  - name: g\n    rules:\n      - record: a\n        expr: sum(\n      - alert: B\n        expr: up ==\n');
    expect(r.errors.map((e) => [e.line, e.column])).toEqual([
      [5, 15],
      [7, 15],
    ]);
  });

  it('accepts every key the rule shapes list', () => {
    const text = 'groups:\n  - name: g\n    interval: 1m\n    query_offset: 0s\n    limit: 0\n    labels: {}\n    rules:\n      - alert: A\n        expr: up\n        for: 1m\n        keep_firing_for: 1m\n        labels: {}\n        annotations: {}\n';
    expect(YAML_FILES.rules.check(text)).toEqual({ errors: [], warnings: [] });
    const rule = mappings(YAML_FILES.rules.shape).find(([p]) => p.join('.') === 'groups.-.rules.-')![1];
    expect(rule.keys).toEqual(['record', 'alert', 'expr', 'for', 'keep_firing_for', 'labels', 'annotations']);
  });
});
