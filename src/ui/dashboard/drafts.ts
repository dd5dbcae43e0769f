// Unsaved edits of a board, kept in this browser's localStorage per uid so a
// reload (or a crash) never loses them; cleared on save or discard.

import type { Dashboard } from '../../dashboards/model';

const PREFIX = 'vigil.dashboardDraft.';

export function loadDraft(uid: string): Dashboard | null {
  const text = localStorage.getItem(PREFIX + uid);
  if (!text) return null;
  try {
    const board = JSON.parse(text) as Dashboard;
    return board.uid === uid ? board : null;
  } catch {
    // A draft this version cannot read is no draft; the saved board stands.
    return null;
  }
}

export function saveDraft(board: Dashboard): void {
  localStorage.setItem(PREFIX + board.uid, JSON.stringify(board));
}

export function clearDraft(uid: string): void {
  localStorage.removeItem(PREFIX + uid);
}
