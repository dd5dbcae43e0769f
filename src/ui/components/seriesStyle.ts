// How a series is named and coloured wherever the graph shows it. A series
// keeps its colour across refreshes and queries because the colour comes from
// its label set, not its position in the result.

/** `a="b", c="d"`: labels but the metric name, sorted, values quoted as PromQL strings. */
export function labelPairs(labels: Record<string, string>): string {
  return Object.keys(labels)
    .filter((k) => k !== '__name__')
    .sort()
    .map((k) => `${k}=${JSON.stringify(labels[k])}`)
    .join(', ');
}

/** `name{a="b", c="d"}`, as the legend names a series. */
export function seriesName(labels: Record<string, string>): string {
  return `${labels.__name__ ?? ''}{${labelPairs(labels)}}`;
}

/** The series as a PromQL selector a person can paste: `name{a="b"}`, `name` or `{a="b"}`. */
export function seriesSelector(labels: Record<string, string>): string {
  const name = labels.__name__ ?? '';
  const pairs = labelPairs(labels);
  return pairs === '' ? name || '{}' : `${name}{${pairs}}`;
}

/**
 * A colour from a hash of the series name: FNV-1a, then a final mix so names
 * differing in one character land far apart. Two lightness levels halve the
 * chance that neighbours look alike; both read on light and dark pages.
 */
export function seriesColor(name: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    h ^= name.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  const hue = (h >>> 0) % 360;
  const lightness = (h >>> 20) & 1 ? 45 : 60;
  return `hsl(${hue} 70% ${lightness}%)`;
}

/** The series colour made see-through, for stacked areas. */
export function seriesFill(color: string): string {
  return color.replace(/\)$/, ' / 0.35)');
}
