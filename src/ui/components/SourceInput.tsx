// Where a view reads its data: empty for this browser's store, or the URL of
// a Prometheus-compatible HTTP API. Committed on Enter or on leaving the box,
// so a half-typed URL is never asked; a change from outside (a link, back)
// replaces what is shown.

import { useState, type ReactNode } from 'react';

interface Props {
  value: string;
  onCommit(url: string): void;
  /** Accessible name of the box. */
  label: string;
  children?: ReactNode;
}

export const SOURCE_TITLE = 'A Prometheus-compatible server (Prometheus, Mimir, Thanos, VictoriaMetrics) to ask instead of this browser';

export function SourceInput({ value, onCommit, label, children = 'Source' }: Props) {
  const [text, setText] = useState(value);
  const [shownFor, setShownFor] = useState(value);
  if (shownFor !== value) {
    setShownFor(value);
    setText(value);
  }
  const commit = () => {
    const url = text.trim();
    if (url !== value) onCommit(url);
  };
  return (
    <label className="control" title={SOURCE_TITLE}>
      {children}{' '}
      <input
        type="url"
        className="source"
        aria-label={label}
        placeholder="this browser"
        value={text}
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => e.key === 'Enter' && commit()}
      />
    </label>
  );
}
