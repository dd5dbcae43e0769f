// Vigil's own board JSON (as the Dashboards page exports it), told apart from
// Grafana's: Grafana's model has no `variables`, `filters` or panel `kind`.

import { newDashboard } from './defaults';
import type { Dashboard } from './model';

/** The board `text` holds when it is Vigil's JSON (missing top-level fields defaulted), else null. */
export function vigilBoard(text: string): Dashboard | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const b = value as Partial<Record<keyof Dashboard, unknown>>;
  const items = Array.isArray(b.panels) ? (b.panels as { kind?: unknown }[]) : null;
  if (typeof b.uid !== 'string' || !Array.isArray(b.variables) || !Array.isArray(b.filters) || !items) return null;
  if (!items.every((p) => typeof p === 'object' && p !== null && (p.kind === 'panel' || p.kind === 'row'))) return null;
  return { ...newDashboard(b.uid, typeof b.title === 'string' ? b.title : b.uid), ...(value as Partial<Dashboard>) };
}
