import { describe, expect, it } from 'vitest';
import { fail, ok } from '../model/result';
import type { InstantResult } from '../model/queryResult';
import type { BatchQuery } from './api';
import { runBatch, type BatchAnswer } from './queryBatch';

function answer(value: number): BatchAnswer {
  const r: InstantResult = { resultType: 'vector', rows: [{ labels: {}, t: 0, value }], warnings: [], infos: [] };
  return ok(r);
}

const instant = (expr: string, source = '', timeMs = 1000): BatchQuery => ({ source, expr, kind: 'instant', timeMs });
const range = (expr: string, stepMs: number): BatchQuery => ({ source: '', expr, kind: 'range', startMs: 0, endMs: 60_000, stepMs });

describe('runBatch', () => {
  it('evaluates identical queries once and answers every asker in the order asked', async () => {
    const given = new Map<string, BatchAnswer>();
    let evaluations = 0;
    const queries = [instant('up'), range('up', 15_000), instant('up'), instant('up', 'http://prom:9090'), range('up', 15_000), instant('up', '', 2000)];
    const answers = await runBatch(queries, async (q) => {
      const a = answer(++evaluations);
      given.set(JSON.stringify(q), a);
      return a;
    });
    expect(evaluations).toBe(4);
    answers.forEach((a, i) => expect(a).toBe(given.get(JSON.stringify(queries[i]))));
  });

  it('answers a failing query with its failure and the others with their results', async () => {
    const answers = await runBatch([instant('up'), instant('sum('), instant('boom'), instant('up')], async (q) => {
      if (q.expr === 'sum(') return fail({ where: "this browser's store", what: 'unclosed left parenthesis', errorType: 'bad_data' });
      if (q.expr === 'boom') throw new Error('worker ran out of memory');
      return answer(7);
    });
    expect(answers.map((a) => a.ok)).toEqual([true, false, false, true]);
    expect(answers[1]).toMatchObject({ ok: false, error: { errorType: 'bad_data' } });
    expect(answers[2]).toEqual({ ok: false, error: { where: "this browser's store", what: 'worker ran out of memory', errorType: 'internal' } });
  });

  it('asks different sources at once while a slow source is still answering', async () => {
    let releaseSlow: () => void = () => {};
    const slowGate = new Promise<void>((r) => (releaseSlow = r));
    const order: string[] = [];
    const done = runBatch([instant('slow', 'http://slow:9090'), instant('fast')], async (q) => {
      order.push(`start ${q.expr}`);
      if (q.source !== '') await slowGate;
      order.push(`end ${q.expr}`);
      return answer(1);
    });
    await new Promise((r) => setTimeout(r, 0));
    expect(order).toEqual(['start slow', 'start fast', 'end fast']);
    releaseSlow();
    expect(await done).toHaveLength(2);
  });
});
