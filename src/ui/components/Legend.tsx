// The graph's legend: one button per series, its labels as text. A click
// shows only that series, Shift+click shows or hides it. Arrow keys move
// between entries so a thousand series are one Tab stop, not a thousand.
import { memo, useId, useState, type KeyboardEvent, type MouseEvent } from 'react';

export interface LegendProps {
  names: readonly string[];
  colors: readonly string[];
  shown: readonly boolean[];
  onIsolate(name: string): void;
  onToggle(name: string): void;
}

// Memoised: a data refresh of the same series passes the same arrays, so a
// thousand buttons are not re-rendered every refresh.
export const Legend = memo(function Legend({ names, colors, shown, onIsolate, onToggle }: LegendProps) {
  const hintId = useId();
  const [focused, setFocused] = useState(0);
  const current = Math.min(focused, names.length - 1);

  const activate = (name: string, shift: boolean) => (shift ? onToggle(name) : onIsolate(name));

  const onKeyDown = (e: KeyboardEvent<HTMLButtonElement>, i: number) => {
    const next = nextIndex(e.key, i, names.length);
    if (next !== null) {
      e.preventDefault();
      setFocused(next);
      const list = e.currentTarget.closest('ul');
      list?.querySelectorAll<HTMLButtonElement>('button')[next]?.focus();
      return;
    }
    // Handled here rather than by the click a key press makes, which may not carry Shift.
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      activate(names[i], e.shiftKey);
    }
  };

  if (names.length === 0) return null;
  return (
    <div className="graph-legend">
      <p id={hintId} className="graph-legend-hint">
        Click a series to show only it; Shift+click to show or hide it.
      </p>
      <ul aria-label="Series">
        {names.map((name, i) => (
          <li key={name}>
            <button
              type="button"
              aria-pressed={shown[i]}
              aria-describedby={hintId}
              tabIndex={i === current ? 0 : -1}
              onFocus={() => setFocused(i)}
              onClick={(e: MouseEvent) => activate(name, e.shiftKey)}
              onKeyDown={(e) => onKeyDown(e, i)}
              onKeyUp={(e) => e.key === ' ' && e.preventDefault()}
            >
              <span className="graph-legend-swatch" style={{ background: colors[i] }} aria-hidden="true" />
              <span className="graph-legend-name">{name}</span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
});

function nextIndex(key: string, i: number, n: number): number | null {
  switch (key) {
    case 'ArrowDown':
    case 'ArrowRight':
      return Math.min(i + 1, n - 1);
    case 'ArrowUp':
    case 'ArrowLeft':
      return Math.max(i - 1, 0);
    case 'Home':
      return 0;
    case 'End':
      return n - 1;
    default:
      return null;
  }
}
