// Where the graph's cursor is, kept outside React state: the cursor moves on
// every mouse event, and only the hover box should re-render, not the graph
// and its legend of up to thousands of series.

export interface Hover {
  /** Step index under the cursor. */
  idx: number;
  /** Cursor position in CSS px within the graph element. */
  x: number;
  y: number;
  /** The y-axis value at the cursor, to list the nearest series first. */
  yValue: number;
}

export interface HoverStore {
  get(): Hover | null;
  set(hover: Hover | null): void;
  subscribe(listener: () => void): () => void;
}

export function createHoverStore(): HoverStore {
  let current: Hover | null = null;
  const listeners = new Set<() => void>();
  return {
    get: () => current,
    set(hover) {
      const same = hover === current || (hover && current && hover.idx === current.idx && hover.x === current.x && hover.y === current.y);
      if (same) return;
      current = hover;
      for (const l of listeners) l();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
