import { describe, expect, it } from 'vitest';
import { Explore } from '../engine/explore';
import { EngineQueries } from '../engine/engineQueries';
import { SelfMetrics } from '../engine/selfMetrics';
import { InFlight } from '../model/inFlight';
import { Head } from '../tsdb/head';
import { BENCH_SERIES, BENCH_STEP_MS, benchBoard, benchExposition } from './dashboardBenchData';

const END = Date.UTC(2026, 0, 1, 12);
const START = END - 3_600_000;

describe('the dashboard bench data', () => {
  it('imports as 1,000 series in two pieces with nothing refused, and every panel of the board answers with data', async () => {
    const head = new Head();
    const explore = new Explore(head, () => END);
    const mid = START + 30 * BENCH_STEP_MS;
    const a = explore.importExposition(benchExposition(START, mid));
    const b = explore.importExposition(benchExposition(mid, END + 1));
    expect(a.rejected + b.rejected).toBe(0);
    expect(head.numSeries).toBe(BENCH_SERIES);

    const board = benchBoard();
    expect(board.panels).toHaveLength(20);
    const queries = new EngineQueries(head, new SelfMetrics(), new InFlight());
    for (const p of board.panels) {
      if (p.kind !== 'panel') continue;
      const t = p.targets[0];
      const r = t.instant ? await queries.instantQuery(t.expr, END) : await queries.rangeQuery(t.expr, END - 30 * 60_000, END, 60_000);
      expect({ panel: p.title, ok: r.ok, empty: r.ok && ('series' in r.value ? r.value.series.length === 0 : r.value.rows.length === 0) }).toEqual({ panel: p.title, ok: true, empty: false });
    }
  });
});
