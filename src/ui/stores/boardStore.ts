// The board open on screen: as the engine keeps it, the working copy being
// edited (kept as a draft until saved or discarded), edit mode, and a save
// that clashed. Another tab's save reloads a board with no unsaved changes.

import { create } from 'zustand';
import type { Dashboard } from '../../engine/api';
import { failureText } from '../../model/result';
import { clearDraft, loadDraft, saveDraft } from '../dashboard/drafts';
import { engine } from '../engineClient';

export type BoardStatus = { state: 'loading' } | { state: 'ready' } | { state: 'failed'; error: string };

interface BoardState {
  uid: string;
  status: BoardStatus;
  /** As last read from or saved to the engine. */
  saved: Dashboard | null;
  /** What is shown: the saved board, or the draft over it. */
  board: Dashboard | null;
  /** The working copy differs from the saved one by an edit. */
  dirty: boolean;
  editing: boolean;
  /** Why the last save was refused (another save came first, or the uid is taken). */
  clash: string;
  open(uid: string): Promise<void>;
  /** An edit: kept as a draft and flagged. */
  edit(change: (b: Dashboard) => Dashboard): void;
  /** A change of what is shown that is not an edit (a row opened in view mode). */
  view(change: (b: Dashboard) => Dashboard): void;
  setEditing(editing: boolean): void;
  save(overwrite?: boolean): Promise<boolean>;
  discard(): void;
  /** Reads the saved board again (after a clash, or another tab's save). */
  reload(): Promise<void>;
}

export const useBoard = create<BoardState>((set, get) => ({
  uid: '',
  status: { state: 'loading' },
  saved: null,
  board: null,
  dirty: false,
  editing: false,
  clash: '',
  async open(uid) {
    set({ uid, status: { state: 'loading' }, saved: null, board: null, dirty: false, editing: false, clash: '' });
    const got = await engine().dashboard(uid);
    if (get().uid !== uid) return;
    if (!got.ok) {
      set({ status: { state: 'failed', error: got.error.errorType === undefined ? got.error.what : failureText(got.error) } });
      return;
    }
    const draft = loadDraft(uid);
    set({ status: { state: 'ready' }, saved: got.value, board: draft ?? got.value, dirty: draft !== null, editing: draft !== null });
  },
  edit(change) {
    const { board } = get();
    if (!board) return;
    const next = change(board);
    saveDraft(next);
    set({ board: next, dirty: true });
  },
  view(change) {
    const { board, dirty } = get();
    if (!board) return;
    const next = change(board);
    if (dirty) saveDraft(next);
    set({ board: next });
  },
  setEditing(editing) {
    set({ editing });
  },
  async save(overwrite = false) {
    const { board } = get();
    if (!board) return false;
    const saved = await engine().saveDashboard(board, { overwrite });
    if (!saved.ok) {
      set({ clash: saved.error.what });
      return false;
    }
    clearDraft(board.uid);
    set({ saved: saved.value, board: saved.value, dirty: false, clash: '' });
    return true;
  },
  discard() {
    const { saved, uid } = get();
    clearDraft(uid);
    set({ board: saved, dirty: false, clash: '' });
  },
  async reload() {
    const { uid, dirty } = get();
    const got = await engine().dashboard(uid);
    if (!got.ok || get().uid !== uid) return;
    // After a clash the person chose to reload: their edits go, as they asked.
    if (dirty && !get().clash) {
      set({ saved: got.value });
      return;
    }
    clearDraft(uid);
    set({ saved: got.value, board: got.value, dirty: false, clash: '' });
  },
}));
