import { describe, expect, it } from 'vitest';
import { runRuleTests } from '../rules/ruleUnitTest';
import { STARTER_RULE_FILE, STARTER_RULES } from './starterRules';

// promtool test rules over the starter file: demo-3 is down 45 s, then its start time moves.
const TEST = `rule_files: [${STARTER_RULE_FILE}]
evaluation_interval: 15s
tests:
  - interval: 15s
    input_series:
      - series: 'process_start_time_seconds{job="demo", instance="demo-3"}'
        values: '100x8 stale _x2 145x20'
      - series: 'process_start_time_seconds{job="demo", instance="demo-1"}'
        values: '0x28'
    alert_rule_test:
      - eval_time: 1m
        alertname: DemoInstanceRestarted
        exp_alerts: []
      - eval_time: 3m
        alertname: DemoInstanceRestarted
        exp_alerts:
          - exp_labels: { severity: warning, job: demo, instance: demo-3 }
            exp_annotations:
              summary: 'Demo instance demo-3 restarted'
              description: 'demo-3 started again within the last 5 minutes (1 restart(s)); the demo restarts demo-3 every 15 minutes.'
      - eval_time: 8m
        alertname: DemoInstanceRestarted
        exp_alerts: []
`;

describe('the starter rule file', () => {
  it('fires for a demo instance whose start time moved in the last 5 minutes, and only then', async () => {
    const files: Record<string, string> = { [STARTER_RULE_FILE]: STARTER_RULES };
    const r = await runRuleTests(TEST, { dir: '', readFile: async (p) => files[p] ?? Promise.reject(new Error(`open ${p}: no such file or directory`)) });
    expect(r.errors).toEqual([]);
    expect(r.skipped).toEqual([]);
  });
});
