// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { newDashboard } from '../../dashboards/defaults';
import type { Dashboard } from '../../dashboards/model';
import { fail, ok, type Result } from '../../model/result';
import { useBoard } from './boardStore';

const dashboard = vi.fn<(uid: string) => Promise<Result<Dashboard>>>();
const saveDashboard = vi.fn<(b: Dashboard, o: { overwrite: boolean }) => Promise<Result<Dashboard>>>();
vi.mock('../engineClient', () => ({ engine: () => ({ dashboard, saveDashboard }), onEngineEvent: () => () => {}, whenSubscribed: () => Promise.resolve() }));

const stored = { ...newDashboard('b1', 'Saved title'), version: 3 };

afterEach(() => {
  localStorage.clear();
  vi.resetAllMocks();
});

describe('boardStore', () => {
  it('keeps an edit as a draft that a reload (a new open) restores, flagged', async () => {
    dashboard.mockResolvedValue(ok(stored));
    await useBoard.getState().open('b1');
    useBoard.getState().edit((b) => ({ ...b, title: 'Edited' }));
    await useBoard.getState().open('b1');
    expect(useBoard.getState()).toMatchObject({ dirty: true, editing: true, board: { title: 'Edited' }, saved: { title: 'Saved title' } });
  });

  it('a save clears the draft; a discard goes back to the saved board', async () => {
    dashboard.mockResolvedValue(ok(stored));
    saveDashboard.mockImplementation(async (b) => ok({ ...b, version: b.version + 1 }));
    await useBoard.getState().open('b1');
    useBoard.getState().edit((b) => ({ ...b, title: 'Edited' }));
    expect(await useBoard.getState().save()).toBe(true);
    await useBoard.getState().open('b1');
    expect(useBoard.getState().dirty).toBe(false);
    useBoard.getState().edit((b) => ({ ...b, title: 'Again' }));
    useBoard.getState().discard();
    expect(useBoard.getState()).toMatchObject({ dirty: false, board: { title: 'Saved title' } });
    expect(localStorage.length).toBe(0);
  });

  it('shows a clash, and keeps the edits until the person chooses reload or overwrite', async () => {
    dashboard.mockResolvedValue(ok(stored));
    saveDashboard.mockResolvedValueOnce(fail({ where: 'b1', what: 'board b1 was saved meanwhile (version 4)', errorType: 'conflict' }));
    await useBoard.getState().open('b1');
    useBoard.getState().edit((b) => ({ ...b, title: 'Mine' }));
    expect(await useBoard.getState().save()).toBe(false);
    expect(useBoard.getState()).toMatchObject({ clash: 'board b1 was saved meanwhile (version 4)', dirty: true, board: { title: 'Mine' } });
    saveDashboard.mockImplementationOnce(async (b) => ok({ ...b, version: 5 }));
    expect(await useBoard.getState().save(true)).toBe(true);
    expect(saveDashboard).toHaveBeenLastCalledWith(expect.objectContaining({ title: 'Mine' }), { overwrite: true });
    expect(useBoard.getState()).toMatchObject({ clash: '', dirty: false });
  });

  it('follows another tab\'s save only when nothing is unsaved here', async () => {
    dashboard.mockResolvedValueOnce(ok(stored)).mockResolvedValue(ok({ ...stored, title: 'Theirs', version: 4 }));
    await useBoard.getState().open('b1');
    useBoard.getState().edit((b) => ({ ...b, title: 'Mine' }));
    await useBoard.getState().reload();
    expect(useBoard.getState().board?.title).toBe('Mine');
    useBoard.getState().discard();
    await useBoard.getState().reload();
    expect(useBoard.getState().board?.title).toBe('Theirs');
  });

  it('says why a board cannot be opened', async () => {
    dashboard.mockResolvedValue(fail({ where: 'nope', what: 'no board with uid nope', errorType: 'not_found' }));
    await useBoard.getState().open('nope');
    expect(useBoard.getState().status).toEqual({ state: 'failed', error: 'not_found: no board with uid nope' });
  });
});
