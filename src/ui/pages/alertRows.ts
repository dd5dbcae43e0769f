// The Alerts page's list: the rules' view of each alert (pending, firing,
// recently resolved, value, since when) beside the notifier's (silenced by
// what), grouped by rule. The two views meet on the alert's labels.

import type { AlertingViews } from '../../engine/api';

type RuleAlert = AlertingViews['ruleAlerts'][number];
type NotifierAlert = AlertingViews['alerts'][number];

export interface AlertRow {
  rule: RuleAlert;
  /** The notifier's alert with these labels; unset while pending (rules send only firing alerts). */
  notified?: NotifierAlert;
}

export interface RuleAlerts {
  key: string;
  rule: string;
  group: string;
  rows: AlertRow[];
}

/** The notifier may add labels (external ones); every label of the rule's alert must match. */
function sameAlert(rule: Record<string, string>, notified: Record<string, string>): boolean {
  return Object.entries(rule).every(([k, v]) => notified[k] === v);
}

// Firing before pending before resolved: what needs attention first.
const ORDER = { firing: 0, pending: 1, inactive: 2 };

export function alertRows(views: AlertingViews): RuleAlerts[] {
  const groups = new Map<string, RuleAlerts>();
  for (const a of views.ruleAlerts) {
    const key = `${a.group}/${a.rule}`;
    let g = groups.get(key);
    if (!g) {
      g = { key, rule: a.rule, group: a.group, rows: [] };
      groups.set(key, g);
    }
    g.rows.push({ rule: a, notified: views.alerts.find((n) => n.labels.alertname === a.labels.alertname && sameAlert(a.labels, n.labels)) });
  }
  for (const g of groups.values()) g.rows.sort((x, y) => ORDER[x.rule.state] - ORDER[y.rule.state] || x.rule.activeAt - y.rule.activeAt);
  return [...groups.values()].sort((x, y) => ORDER[x.rows[0].rule.state] - ORDER[y.rows[0].rule.state] || x.rule.localeCompare(y.rule));
}
