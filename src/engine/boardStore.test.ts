import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { newDashboard, newPanel } from '../dashboards/defaults';
import type { Dashboard } from '../dashboards/model';
import { BoardStore, boardProblem } from './boardStore';

let seq = 0;
const open: BoardStore[] = [];

async function store(name = `boards-test-${++seq}`): Promise<BoardStore> {
  const s = await BoardStore.open(name);
  open.push(s);
  return s;
}

afterEach(() => {
  for (const s of open.splice(0)) s.close();
});

function board(uid: string, title: string): Dashboard {
  return { ...newDashboard(uid, title), panels: [newPanel('stat', 1, 'Up')] };
}

describe('BoardStore', () => {
  it('stores a new board at version 1 and answers it; the list shows it with its star and save time', async () => {
    const s = await store();
    const saved = await s.save(board('web', 'Web'), false, 1000);
    expect(saved).toMatchObject({ ok: true, value: { uid: 'web', title: 'Web', version: 1 } });
    expect(await s.get('web')).toEqual(saved);
    expect(await s.star('web', true)).toBe(true);
    expect(await s.list()).toEqual([{ uid: 'web', title: 'Web', tags: [], starred: true, updatedMs: 1000 }]);
  });

  it('keeps boards across reopening, as across a reload', async () => {
    const name = `boards-test-${++seq}`;
    const a = await store(name);
    await a.save(board('web', 'Web'), false, 1);
    a.close();
    const b = await store(name);
    expect(await b.get('web')).toMatchObject({ ok: true, value: { version: 1 } });
  });

  it('bumps the version on each save of the version it started from, keeping the star', async () => {
    const s = await store();
    const first = await s.save(board('web', 'Web'), false, 1);
    await s.star('web', true);
    if (!first.ok) throw new Error('not saved');
    const second = await s.save({ ...first.value, title: 'Web 2' }, false, 2);
    expect(second).toMatchObject({ ok: true, value: { title: 'Web 2', version: 2 } });
    expect(await s.list()).toMatchObject([{ title: 'Web 2', starred: true, updatedMs: 2 }]);
  });

  it('refuses a new board whose uid is taken, naming the uid and the stored title, unless told to overwrite', async () => {
    const s = await store();
    await s.save(board('web', 'Web'), false, 1);
    const clash = await s.save(board('web', 'Imported web'), false, 2);
    expect(clash).toEqual({ ok: false, error: { where: 'dashboard "web"', what: 'the uid is taken by the dashboard "Web"', errorType: 'conflict' } });
    expect(await s.get('web')).toMatchObject({ ok: true, value: { title: 'Web' } });
    expect(await s.save(board('web', 'Imported web'), true, 3)).toMatchObject({ ok: true, value: { title: 'Imported web', version: 2 } });
  });

  it('refuses an edit begun from an older version than the one stored (another tab saved since)', async () => {
    const s = await store();
    const v1 = await s.save(board('web', 'Web'), false, 1);
    if (!v1.ok) throw new Error('not saved');
    await s.save({ ...v1.value, title: 'Saved in tab A' }, false, 2);
    const r = await s.save({ ...v1.value, title: 'Saved in tab B' }, false, 3);
    expect(r).toMatchObject({ ok: false, error: { errorType: 'conflict', what: expect.stringContaining('stored version 2, edit from version 1') } });
    expect(await s.get('web')).toMatchObject({ ok: true, value: { title: 'Saved in tab A', version: 2 } });
  });

  it('answers not_found for a board that is not there, and deletes one that is', async () => {
    const s = await store();
    expect(await s.get('nope')).toMatchObject({ ok: false, error: { where: 'dashboard "nope"', errorType: 'not_found' } });
    expect(await s.delete('nope')).toMatchObject({ ok: false, error: { errorType: 'not_found' } });
    expect(await s.star('nope', true)).toBe(false);
    await s.save(board('web', 'Web'), false, 1);
    expect(await s.delete('web')).toEqual({ ok: true, value: undefined });
    expect(await s.list()).toEqual([]);
  });

  it('seeds once: a shipped board the user deleted is not brought back on the next start', async () => {
    const name = `boards-test-${++seq}`;
    const a = await store(name);
    expect(await a.seed([board('demo', 'Demo')], 5)).toBe(true);
    expect(await a.list()).toMatchObject([{ uid: 'demo', title: 'Demo' }]);
    expect(await a.get('demo')).toMatchObject({ ok: true, value: { version: 1 } });
    await a.delete('demo');
    a.close();
    const b = await store(name);
    expect(await b.seed([board('demo', 'Demo')], 6)).toBe(false);
    expect(await b.list()).toEqual([]);
  });

  it.each<[string, unknown, string]>([
    ['a list', [], 'a dashboard must be an object'],
    ['no uid', { title: 'T', panels: [], version: 0 }, 'a dashboard needs a uid (a non-empty string)'],
    ['a blank title', { uid: 'u', title: ' ', panels: [], version: 0 }, 'a dashboard needs a title (a non-empty string)'],
    ['no panels', { uid: 'u', title: 'T', version: 0 }, 'a dashboard needs panels (a list)'],
    ['a version that is not a count', { uid: 'u', title: 'T', panels: [], version: 1.5 }, 'a dashboard needs a version (a whole number, 0 for a new board)'],
  ])('refuses %s, naming the field', async (_, value, what) => {
    expect(boardProblem(value)).toBe(what);
    const s = await store();
    expect(await s.save(value as Dashboard, false, 1)).toEqual({ ok: false, error: { where: 'dashboard', what, errorType: 'bad_data' } });
    expect(await s.list()).toEqual([]);
  });
});
