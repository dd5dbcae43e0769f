// Label text the target form reads and writes: one `name=value` per line.

/** Labels from `name=value` lines; blank lines are skipped, a line without `=` is a problem. */
export function parseLabelLines(text: string): { labels: Record<string, string>; problem: string } {
  const labels: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === '') continue;
    const eq = line.indexOf('=');
    const name = eq < 0 ? '' : line.slice(0, eq).trim();
    if (name === '') return { labels, problem: `line ${i + 1}: write a label as name=value` };
    labels[name] = line.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1');
  }
  return { labels, problem: '' };
}

export function labelLines(labels: Record<string, string>): string {
  return Object.keys(labels)
    .sort()
    .map((k) => `${k}=${labels[k]}`)
    .join('\n');
}

/** The URL a target was written with, from its discovered labels, to find it among the static targets. */
export function writtenUrl(discovered: Record<string, string>): string {
  return `${discovered.__scheme__ ?? 'http'}://${discovered.__address__ ?? ''}${discovered.__metrics_path__ ?? '/metrics'}`;
}
