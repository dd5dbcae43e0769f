import { describe, expect, it } from 'vitest';
import { parseRuleFile } from '../../rules/ruleFile';
import { alertingRuleYaml } from './ruleYaml';

describe('alertingRuleYaml', () => {
  it('writes a rule the rule-file parser reads back unchanged, awkward text included', () => {
    const yaml = alertingRuleYaml({
      kind: 'alerting',
      name: 'Down: "x"',
      expr: 'up{job="demo"} == 0 # not a comment',
      labels: { severity: 'page', evil: '<img src=x onerror=alert(1)>' },
      annotations: { summary: '{{ $labels.instance }} is down\nsecond line' },
      for: 90_000,
      keepFiringFor: 0,
      health: 'ok',
      lastError: '',
      lastEvaluation: 0,
      evaluationDurationMs: 0,
    });
    const r = parseRuleFile(`groups:\n  - name: g\n    rules:\n${yaml.replace(/^/gm, '      ')}\n`);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const rule = r.file.groups[0].rules[0];
    expect(rule).toMatchObject({
      kind: 'alerting',
      name: 'Down: "x"',
      expr: 'up{job="demo"} == 0 # not a comment',
      labels: { severity: 'page', evil: '<img src=x onerror=alert(1)>' },
      annotations: { summary: '{{ $labels.instance }} is down\nsecond line' },
      for: 90_000,
    });
  });
});
