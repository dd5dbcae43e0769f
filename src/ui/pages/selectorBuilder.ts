// Builds the series selector a person picks in the label browser: the metric
// name, then for each label one value as `=` or several as an `=~` of the
// values, each escaped so a value with regex characters matches only itself.

/** RE2's metacharacters, escaped so the value matches literally. */
export function escapeRegex(value: string): string {
  return value.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');
}

function quoteName(name: string): string {
  return /^[a-zA-Z_][a-zA-Z0-9_]*$/.test(name) ? name : JSON.stringify(name);
}

/** `metric{a="x",b=~"y|z"}`; JSON's string escaping is valid PromQL string escaping. */
export function buildSelector(metric: string, picks: Readonly<Record<string, readonly string[]>>): string {
  const matchers = Object.keys(picks)
    .sort()
    .filter((name) => picks[name].length > 0)
    .map((name) => {
      const values = [...picks[name]].sort();
      return values.length === 1
        ? `${quoteName(name)}=${JSON.stringify(values[0])}`
        : `${quoteName(name)}=~${JSON.stringify(values.map(escapeRegex).join('|'))}`;
    });
  const legacy = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/.test(metric);
  if (metric !== '' && !legacy) matchers.unshift(JSON.stringify(metric));
  const head = legacy ? metric : '';
  return matchers.length === 0 ? head || '{}' : `${head}{${matchers.join(',')}}`;
}

/** A picked value turned on or off. */
export function togglePick(picks: Readonly<Record<string, readonly string[]>>, name: string, value: string): Record<string, string[]> {
  const current = picks[name] ?? [];
  const next = current.includes(value) ? current.filter((v) => v !== value) : [...current, value];
  const out: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(picks)) if (k !== name) out[k] = [...v];
  if (next.length > 0) out[name] = next;
  return out;
}

/** Metrics whose name or HELP contains every word of the search, names matching first. */
export function searchMetrics<T extends { name: string; help: string }>(metrics: readonly T[], search: string): T[] {
  const words = search.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...metrics];
  const inName: T[] = [];
  const inHelp: T[] = [];
  for (const m of metrics) {
    const name = m.name.toLowerCase();
    if (words.every((w) => name.includes(w))) inName.push(m);
    else if (words.every((w) => name.includes(w) || m.help.toLowerCase().includes(w))) inHelp.push(m);
  }
  return [...inName, ...inHelp];
}
