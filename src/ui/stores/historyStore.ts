// Expressions this browser ran, newest first, kept in localStorage so the
// history survives reloads (Prometheus's UI keeps its own the same way).

import { create } from 'zustand';

const KEY = 'vigil.queryHistory';
export const HISTORY_SIZE = 50;

function load(): string[] {
  try {
    const v: unknown = JSON.parse(localStorage.getItem(KEY) ?? '[]');
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string').slice(0, HISTORY_SIZE) : [];
  } catch {
    return [];
  }
}

/** The list after running `expr`: moved to the front, no duplicates, bounded. */
export function remember(list: readonly string[], expr: string): string[] {
  const e = expr.trim();
  if (e === '') return [...list];
  return [e, ...list.filter((x) => x !== e)].slice(0, HISTORY_SIZE);
}

interface HistoryState {
  entries: string[];
  add(expr: string): void;
  clear(): void;
}

function save(entries: string[]): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(entries));
  } catch {
    // Storage full or blocked (private mode): history lasts for this tab only.
  }
}

export const useHistory = create<HistoryState>((set, get) => ({
  entries: typeof localStorage === 'undefined' ? [] : load(),
  add(expr) {
    const entries = remember(get().entries, expr);
    set({ entries });
    save(entries);
  },
  clear() {
    set({ entries: [] });
    save([]);
  },
}));
