// The origin's dashboards in IndexedDB, each with its star and the time it was
// last saved. Every engine (shared worker, or each tab's dedicated worker) reads
// and writes the same database, so a change is seen by all at once. A database
// of its own: wiping samples never loses a board, and adding it upgrades no
// database an already open tab of an older build holds (its open would block).

import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { Dashboard, DashboardSummary } from '../dashboards/model';
import { fail, ok, type Result } from '../model/result';

export const DEFAULT_BOARDS_DB = 'vigil-dashboards';
/** The `meta` key set once the shipped boards were stored: a board the user deletes is not brought back. */
const SEEDED_KEY = 'seeded';

/** A board as stored: the board itself, and what the list shows beside it. */
export interface StoredBoard {
  board: Dashboard;
  starred: boolean;
  updatedMs: number;
}

interface BoardsSchema extends DBSchema {
  boards: { key: string; value: StoredBoard };
  meta: { key: string; value: boolean };
}

/** Why `value` is not a board a save can store ('' when it is): the first missing or mistyped field, named. */
export function boardProblem(value: unknown): string {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'a dashboard must be an object';
  const b = value as Partial<Record<keyof Dashboard, unknown>>;
  if (typeof b.uid !== 'string' || b.uid.trim() === '') return 'a dashboard needs a uid (a non-empty string)';
  if (typeof b.title !== 'string' || b.title.trim() === '') return 'a dashboard needs a title (a non-empty string)';
  if (!Array.isArray(b.panels)) return 'a dashboard needs panels (a list)';
  if (typeof b.version !== 'number' || !Number.isInteger(b.version) || b.version < 0) return 'a dashboard needs a version (a whole number, 0 for a new board)';
  return '';
}

function summary(s: StoredBoard): DashboardSummary {
  return { uid: s.board.uid, title: s.board.title, tags: s.board.tags, starred: s.starred, updatedMs: s.updatedMs };
}

function where(uid: string): string {
  return `dashboard ${JSON.stringify(uid)}`;
}

export class BoardStore {
  private constructor(private readonly db: IDBPDatabase<BoardsSchema>) {}

  static async open(name = DEFAULT_BOARDS_DB): Promise<BoardStore> {
    const db = await openDB<BoardsSchema>(name, 1, {
      upgrade(d) {
        d.createObjectStore('boards');
        d.createObjectStore('meta');
      },
    });
    return new BoardStore(db);
  }

  /** Every board, by title. */
  async list(): Promise<DashboardSummary[]> {
    const all = await this.db.getAll('boards');
    return all.map(summary).sort((a, b) => a.title.localeCompare(b.title) || a.uid.localeCompare(b.uid));
  }

  async get(uid: string): Promise<Result<Dashboard>> {
    const s = await this.db.get('boards', uid);
    return s ? ok(s.board) : fail({ where: where(uid), what: 'no dashboard with this uid', errorType: 'not_found' });
  }

  /**
   * Stores the board with its version bumped. A uid already stored at another
   * version than the one the edit started from is refused unless `overwrite`:
   * another tab saved since, or an import brings a board whose uid is taken.
   * Read and write are one transaction, so two tabs saving at once cannot both win.
   */
  async save(board: Dashboard, overwrite: boolean, nowMs: number): Promise<Result<Dashboard>> {
    const problem = boardProblem(board);
    if (problem !== '') return fail({ where: 'dashboard', what: problem, errorType: 'bad_data' });
    const tx = this.db.transaction('boards', 'readwrite');
    const stored = await tx.store.get(board.uid);
    if (stored && stored.board.version !== board.version && !overwrite) {
      await tx.done;
      const what =
        board.version === 0
          ? `the uid is taken by the dashboard ${JSON.stringify(stored.board.title)}`
          : `the dashboard ${JSON.stringify(stored.board.title)} was saved elsewhere since this edit began (stored version ${stored.board.version}, edit from version ${board.version})`;
      return fail({ where: where(board.uid), what, errorType: 'conflict' });
    }
    const saved: Dashboard = { ...board, version: Math.max(board.version, stored?.board.version ?? 0) + 1 };
    await tx.store.put({ board: saved, starred: stored?.starred ?? false, updatedMs: nowMs }, board.uid);
    await tx.done;
    return ok(saved);
  }

  async delete(uid: string): Promise<Result<void>> {
    const tx = this.db.transaction('boards', 'readwrite');
    const found = (await tx.store.getKey(uid)) !== undefined;
    if (found) await tx.store.delete(uid);
    await tx.done;
    return found ? ok(undefined) : fail({ where: where(uid), what: 'no dashboard with this uid', errorType: 'not_found' });
  }

  /** False when there is no such board. */
  async star(uid: string, starred: boolean): Promise<boolean> {
    const tx = this.db.transaction('boards', 'readwrite');
    const stored = await tx.store.get(uid);
    if (stored && stored.starred !== starred) await tx.store.put({ ...stored, starred }, uid);
    await tx.done;
    return stored !== undefined;
  }

  /**
   * On the origin's first start, stores the shipped boards (at version 1, as a
   * first save would) and remembers it did; later starts store nothing, so a
   * shipped board the user deleted stays deleted. True when it stored them.
   */
  async seed(boards: readonly Dashboard[], nowMs: number): Promise<boolean> {
    const tx = this.db.transaction(['boards', 'meta'], 'readwrite');
    const meta = tx.objectStore('meta');
    if (await meta.get(SEEDED_KEY)) {
      await tx.done;
      return false;
    }
    const store = tx.objectStore('boards');
    for (const board of boards) {
      if ((await store.getKey(board.uid)) === undefined) await store.put({ board: { ...board, version: board.version + 1 }, starred: false, updatedMs: nowMs }, board.uid);
    }
    await meta.put(true, SEEDED_KEY);
    await tx.done;
    return true;
  }

  close(): void {
    this.db.close();
  }
}
