// One alerting rule written back as the YAML the backtest takes (`- alert: …`).
// Every string is a JSON string, which YAML reads as a double-quoted scalar,
// so any expression, label or template survives unchanged.

import type { AlertingViews } from '../../engine/api';
import { formatDuration } from '../../model/duration';

type RuleView = AlertingViews['groups'][number]['rules'][number];

// Label and annotation names are plain words; quoting them would only make the YAML harder to read.
const key = (k: string) => (/^[A-Za-z_][A-Za-z0-9_]*$/.test(k) ? k : JSON.stringify(k));

function mapping(name: string, values: Record<string, string>): string[] {
  const keys = Object.keys(values).sort();
  if (keys.length === 0) return [];
  return [`  ${name}:`, ...keys.map((k) => `    ${key(k)}: ${JSON.stringify(values[k])}`)];
}

export function alertingRuleYaml(r: RuleView): string {
  return [
    `- alert: ${JSON.stringify(r.name)}`,
    `  expr: ${JSON.stringify(r.expr)}`,
    ...(r.for > 0 ? [`  for: ${formatDuration(r.for)}`] : []),
    ...(r.keepFiringFor > 0 ? [`  keep_firing_for: ${formatDuration(r.keepFiringFor)}`] : []),
    ...mapping('labels', r.labels),
    ...mapping('annotations', r.annotations),
  ].join('\n');
}
