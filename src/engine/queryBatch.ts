// A board's refresh as one call: identical queries (same source, expression,
// kind and times) are evaluated once and their answer handed to each asker;
// each source answers its queries one after another, different sources at once.

import type { InstantResult, RangeColumns } from '../model/queryResult';
import { errorMessage, fail, type Result } from '../model/result';
import type { BatchQuery } from './api';

export type BatchAnswer = Result<RangeColumns | InstantResult>;

/** What makes two queries the same evaluation. */
function batchKey(q: BatchQuery): string {
  return JSON.stringify(q.kind === 'range' ? [q.source, q.kind, q.expr, q.startMs, q.endMs, q.stepMs] : [q.source, q.kind, q.expr, q.timeMs]);
}

/** Answers `queries` in the order asked, calling `ask` once per distinct query; a query that throws fails alone. */
export async function runBatch(queries: readonly BatchQuery[], ask: (q: BatchQuery) => Promise<BatchAnswer>): Promise<BatchAnswer[]> {
  const distinct = new Map<string, BatchQuery>();
  const keys = queries.map((q) => {
    const k = batchKey(q);
    if (!distinct.has(k)) distinct.set(k, q);
    return k;
  });
  const bySource = new Map<string, [string, BatchQuery][]>();
  for (const entry of distinct) {
    const list = bySource.get(entry[1].source);
    if (list) list.push(entry);
    else bySource.set(entry[1].source, [entry]);
  }
  const answers = new Map<string, BatchAnswer>();
  await Promise.all(
    [...bySource.values()].map(async (list) => {
      for (const [k, q] of list) {
        try {
          answers.set(k, await ask(q));
        } catch (e) {
          answers.set(k, fail({ where: q.source === '' ? "this browser's store" : q.source, what: errorMessage(e), errorType: 'internal' }));
        }
      }
    }),
  );
  return keys.map((k) => answers.get(k) as BatchAnswer);
}
