import { describe, expect, it } from 'vitest';
import type { AlertingViews } from '../../engine/api';
import { alertRows } from './alertRows';

type RuleAlert = AlertingViews['ruleAlerts'][number];
type NotifierAlert = AlertingViews['alerts'][number];

function ruleAlert(rule: string, instance: string, state: RuleAlert['state'], activeAt: number): RuleAlert {
  return { rule, group: 'g', labels: { alertname: rule, instance }, annotations: {}, state, value: 1, activeAt };
}

function notified(labels: Record<string, string>, silencedBy: string[]): NotifierAlert {
  return { fingerprint: labels.instance, labels, annotations: {}, startsAt: 0, endsAt: 0, generatorURL: '', state: silencedBy.length ? 'suppressed' : 'active', silencedBy, inhibitedBy: [], receivers: [] };
}

function views(ruleAlerts: RuleAlert[], alerts: NotifierAlert[]): AlertingViews {
  return { groups: [], alerts, ruleAlerts, silences: [], history: [], webhookUrl: '', receivers: [], routed: null };
}

describe('alertRows', () => {
  it('groups by rule, firing rules and alerts first, and joins the notifier view on labels', () => {
    const got = alertRows(
      views(
        [ruleAlert('Slow', 'a', 'pending', 5), ruleAlert('Down', 'b', 'pending', 1), ruleAlert('Down', 'c', 'firing', 9)],
        [notified({ alertname: 'Down', instance: 'c', cluster: 'ext' }, ['s1'])],
      ),
    );
    expect(got.map((g) => g.rule)).toEqual(['Down', 'Slow']);
    expect(got[0].rows.map((r) => r.rule.labels.instance)).toEqual(['c', 'b']);
    expect(got[0].rows[0].notified?.silencedBy).toEqual(['s1']);
    expect(got[0].rows[1].notified).toBeUndefined();
  });
});
