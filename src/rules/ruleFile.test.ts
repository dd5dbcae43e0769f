import { describe, expect, it } from 'vitest';
import { duplicateRules, parseRuleFile, ruleFileToYaml } from './ruleFile';

const GOOD = `groups:
  - name: alerts
    interval: 30s
    query_offset: 1m
    limit: 10
    labels:
      team: core
    rules:
      - alert: InstanceDown
        expr: up == 0
        for: 5m
        keep_firing_for: 10m
        labels:
          severity: page
        annotations:
          summary: "Instance {{ $labels.instance }} down"
      - record: job:up:sum
        expr: sum by (job) (up)
`;

function errors(text: string, opts = {}): string[] {
  const r = parseRuleFile(text, opts);
  return r.ok ? [] : r.errors.map((e) => e.message);
}

const group = (rules: string) => `groups:\n  - name: g\n    rules:\n${rules}`;

describe('parseRuleFile', () => {
  it('reads groups and rules with their durations in ms', () => {
    const r = parseRuleFile(GOOD);
    if (!r.ok) throw new Error(r.errors.join('\n'));
    const [g] = r.file.groups;
    expect(g).toMatchObject({ name: 'alerts', interval: 30_000, queryOffset: 60_000, limit: 10, labels: { team: 'core' } });
    expect(g.rules[0]).toEqual({
      kind: 'alerting',
      name: 'InstanceDown',
      expr: 'up == 0',
      for: 300_000,
      keepFiringFor: 600_000,
      labels: { severity: 'page' },
      annotations: { summary: 'Instance {{ $labels.instance }} down' },
    });
    expect(g.rules[1]).toMatchObject({ kind: 'recording', name: 'job:up:sum', for: 0 });
  });

  it('writes back YAML that reads to the same rules', () => {
    const r = parseRuleFile(GOOD);
    if (!r.ok) throw new Error('bad');
    const again = parseRuleFile(ruleFileToYaml(r.file));
    expect(again).toEqual(r);
  });

  it.each([
    ['an unparsable expression', group('      - record: x\n        expr: "test +"\n'), ['5:15: group "g", rule 1, "x": could not parse expression: 1:7: parse error: unexpected end of input']],
    ['record and alert together', group('      - record: x\n        alert: y\n        expr: up\n'), ['4:17: group "g", rule 1, "y": only one of \'record\' and \'alert\' must be set']],
    ['neither record nor alert', group('      - expr: up\n'), ['4:9: group "g", rule 1, "": one of \'record\' or \'alert\' must be set']],
    ['no expr', group('      - record: x\n'), ['4:9: group "g", rule 1, "x": field \'expr\' must be set in rule']],
    ['for on a recording rule', group('      - record: x\n        expr: up\n        for: 1m\n'), ['4:17: group "g", rule 1, "x": invalid field \'for\' in recording rule']],
    ['annotations on a recording rule', group('      - record: x\n        expr: up\n        annotations:\n          a: b\n'), ['4:17: group "g", rule 1, "x": invalid field \'annotations\' in recording rule']],
    ['a __name__ label', group('      - record: x\n        expr: up\n        labels:\n          __name__: y\n'), ['7:11: group "g", rule 1, "x": invalid label name: __name__']],
    ['a bad template', group('      - alert: A\n        expr: up\n        annotations:\n          s: "{{ $label.foo }}"\n'), ['group "g", rule 1, "A": annotation "s": template: __alert_A:1: undefined variable "$label"']],
    ['a repeated group', 'groups:\n  - name: g\n    rules: []\n  - name: g\n    rules: []\n', ['4:5: groupname: "g" is repeated in the same file']],
    ['an empty group name', 'groups:\n  - name: ""\n    rules: []\n', ['2:5: Groupname must not be empty']],
    ['an unknown field', 'groups:\n  - name: g\n    owner: me\n', ['3:5: field owner not found in type rulefmt.RuleGroup']],
    ['a bad duration', 'groups:\n  - name: g\n    interval: 5x\n', ['3:15: not a valid duration string: "5x" (at character 1)']],
    ['broken YAML', 'groups: [\n', ['2:1: yaml: Flow sequence in block collection must be sufficiently indented and end with a ]']],
  ])('reports %s with its place', (_what, text, want) => {
    expect(errors(text)).toEqual(want);
  });

  it('lists every problem, not only the first', () => {
    expect(errors(group('      - record: x\n      - alert: y\n        expr: "("\n'))).toHaveLength(2);
  });

  it('skips unknown fields when asked to, as --ignore-unknown-fields', () => {
    expect(errors('groups:\n  - name: g\n    owner: me\n    rules: []\n', { ignoreUnknownFields: true })).toEqual([]);
  });

  it('finds duplicate rules within a group', () => {
    const r = parseRuleFile(group('      - record: x\n        expr: up\n      - record: x\n        expr: up\n      - record: x\n        expr: up\n        labels:\n          a: b\n'));
    if (!r.ok) throw new Error('bad');
    expect(duplicateRules(r.file)).toEqual([{ group: 'g', name: 'x', labels: {} }]);
  });
});
