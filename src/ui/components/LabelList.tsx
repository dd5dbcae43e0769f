// A label set as a wrapped row of `name="value"` chips. Values are untrusted
// (they come from scraped targets) and are only ever React text.

export function LabelList({ labels, changed }: { labels: Record<string, string>; changed?: ReadonlySet<string> }) {
  const names = Object.keys(labels).sort();
  if (names.length === 0) return <span className="muted">none</span>;
  return (
    <ul className="label-list">
      {names.map((n) => (
        <li key={n} className={changed?.has(n) ? 'label-chip changed' : 'label-chip'}>
          <span className="label-chip-name">{n}</span>=<span className="label-chip-value">{JSON.stringify(labels[n])}</span>
        </li>
      ))}
    </ul>
  );
}
