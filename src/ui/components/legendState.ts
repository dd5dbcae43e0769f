// Which series the graph shows. Prometheus's graph legend: a click shows only
// that series (a second click shows all again), a shift-click toggles one.
// Kept by series name so the choice survives a refresh of the same query.

/** The names shown; null means all, including series that appear later. */
export type Visibility = ReadonlySet<string> | null;

export function isShown(visibility: Visibility, name: string): boolean {
  return visibility === null || visibility.has(name);
}

export function isolate(visibility: Visibility, name: string): Visibility {
  const alreadyAlone = visibility !== null && visibility.size === 1 && visibility.has(name);
  return alreadyAlone ? null : new Set([name]);
}

export function toggle(visibility: Visibility, name: string, all: readonly string[]): Visibility {
  const next = new Set(visibility ?? all);
  if (next.has(name)) next.delete(name);
  else next.add(name);
  return all.every((n) => next.has(n)) ? null : next;
}
