// The colour theme: light, dark, or the system's. Kept in localStorage and
// applied as `data-theme` on <html> (the system's choice resolved, and
// followed when it changes), which the stylesheet's variables follow.

import { create } from 'zustand';

export type Theme = 'light' | 'dark' | 'system';
export const THEMES: readonly Theme[] = ['system', 'light', 'dark'];
const KEY = 'vigil.theme';

function stored(): Theme {
  try {
    const v = localStorage.getItem(KEY);
    return v === 'light' || v === 'dark' ? v : 'system';
  } catch {
    return 'system';
  }
}

const systemDark = () => typeof matchMedia !== 'undefined' && matchMedia('(prefers-color-scheme: dark)').matches;

function apply(theme: Theme): void {
  const resolved = theme === 'system' ? (systemDark() ? 'dark' : 'light') : theme;
  document.documentElement.setAttribute('data-theme', resolved);
}

interface ThemeState {
  theme: Theme;
  setTheme(theme: Theme): void;
}

export const useTheme = create<ThemeState>((set) => ({
  theme: typeof localStorage === 'undefined' ? 'system' : stored(),
  setTheme(theme) {
    set({ theme });
    apply(theme);
    try {
      if (theme === 'system') localStorage.removeItem(KEY);
      else localStorage.setItem(KEY, theme);
    } catch {
      // Storage blocked: the theme holds for this page only.
    }
  },
}));

/** Applies the stored theme before the first paint, so a dark page never flashes light. */
export function applyStoredTheme(): void {
  apply(useTheme.getState().theme);
  matchMedia?.('(prefers-color-scheme: dark)').addEventListener('change', () => apply(useTheme.getState().theme));
}
