// A series' name from a target's legend format, as Grafana's Prometheus data
// source names it (pkg/promlib getName and metricNameFromLabels): `{{label}}`
// becomes the label's value ('' when the series has no such label); an empty
// format, or Grafana's `__auto`, prints the series as `name{a="b", …}`.

const TEMPLATE = /\{\{\s*(.+?)\s*\}\}/g;

/** `name{a="b", c="d"}` with labels sorted, `name` alone when it has no other labels. */
export function seriesLabelsText(labels: Record<string, string>): string {
  const name = labels.__name__ ?? '';
  const pairs = Object.keys(labels)
    .filter((k) => k !== '__name__')
    .sort()
    .map((k) => `${k}=${JSON.stringify(labels[k])}`);
  return pairs.length === 0 ? name : `${name}{${pairs.join(', ')}}`;
}

/**
 * The legend name. `expr` stands in for a series with no labels at all (a
 * scalar, or `sum(x)`), which Grafana names by its query.
 */
export function legendName(format: string, labels: Record<string, string>, expr = ''): string {
  if (format !== '' && format !== '__auto') {
    return format.replace(TEMPLATE, (_m, key: string) => (Object.hasOwn(labels, key) ? labels[key] : ''));
  }
  const text = seriesLabelsText(labels);
  return text === '' ? expr || '{}' : text;
}
