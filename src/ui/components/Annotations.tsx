// An alert's annotations as a definition list. Annotation values are
// templates filled from label values, so untrusted: React text only.

export function Annotations({ annotations }: { annotations: Record<string, string> }) {
  const names = Object.keys(annotations).sort();
  if (names.length === 0) return null;
  return (
    <dl className="annotations">
      {names.map((n) => (
        <div key={n}>
          <dt>{n}</dt>
          <dd>{annotations[n]}</dd>
        </div>
      ))}
    </dl>
  );
}
