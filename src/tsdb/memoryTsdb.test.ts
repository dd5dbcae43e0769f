import { describe, expect, it } from 'vitest';
import { Labels } from '../model/labels';
import { memoryTsdb } from './memoryTsdb';

describe('memoryTsdb', () => {
  it('answers from what this session appended, writes nothing, and says why the store is not in use', async () => {
    const db = memoryTsdb({}, 'read-only: the store could not be restored');
    const app = db.appender();
    app.append(0, Labels.from({ __name__: 'up', job: 'a' }), 1_000, 1);
    app.append(0, Labels.from({ __name__: 'up', job: 'b' }), 1_000, 0);
    app.commit();
    expect(await db.checkpoint()).toMatchObject({ seriesWritten: 0, samplesWritten: 0, headWrite: 'none' });
    const got = await db.querier().select([], 0, 2_000);
    expect(got.map((s) => s.labels.toString())).toEqual(['{__name__="up", job="a"}', '{__name__="up", job="b"}']);
    expect(db.stats()).toMatchObject({ headSeries: 2, blocks: 0, loadWarnings: ['read-only: the store could not be restored'] });
  });
});
