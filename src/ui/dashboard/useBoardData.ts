// The board's panels' data on screen: one batch per refresh (a timer, live
// scrapes, the range, or the refresh button), and on a change of variables,
// filters or a panel only the panels whose queries changed are asked again.

import { useEffect, useEffectEvent, useMemo, useRef, useState } from 'react';
import { create } from 'zustand';
import type { AdhocFilter } from '../../dashboards/model';
import type { TimeRangeSpec } from '../../dashboards/model';
import { parseRefresh, resolveRange } from '../../dashboards/timeRange';
import { engine, onEngineEvent } from '../engineClient';
import { createBoardQueries, planBoard, type VisiblePanel } from './boardQueries';
import type { PanelData, PanelTime } from './panelData';

/** Prometheus's default scrape interval, which Grafana's Prometheus source also assumes when none is set. */
const SCRAPE_INTERVAL_MS = 15_000;
/** Live redraws at most this often, however often scrapes land. */
const LIVE_MIN_MS = 1_000;

export interface BoardDataInput {
  panels: VisiblePanel[];
  time: TimeRangeSpec;
  timezone: 'browser' | 'utc';
  refresh: string;
  filters: AdhocFilter[];
  source: string;
}

export interface BoardData {
  data: Map<string, PanelData>;
  time: PanelTime;
  /** Why the range does not resolve, else ''. */
  rangeError: string;
  refreshNow(): void;
}

/** What a panel's queries are, its times aside: equal signatures need no new question. */
function signatures(input: BoardDataInput, nowMs: number): Map<string, string> {
  const plan = planBoard(input.panels, { startMs: nowMs - 3_600_000, endMs: nowMs, scrapeIntervalMs: SCRAPE_INTERVAL_MS, filters: input.filters, source: input.source });
  const out = new Map<string, string>();
  for (const [key, p] of plan.panels) {
    const asked = p.targets.map((t) => ('index' in t.sent ? { ...plan.queries[t.sent.index], startMs: 0, endMs: 0, timeMs: 0 } : t.sent));
    out.set(key, JSON.stringify([p.targets.map((t) => t.legendFormat), asked]));
  }
  return out;
}

interface Shown {
  data: Map<string, PanelData>;
  time: PanelTime;
  rangeError: string;
}

const EMPTY: Shown = { data: new Map(), time: { startMs: 0, endMs: 0, timezone: 'browser' }, rangeError: '' };

/** The open board's panels' data; one board is on screen at a time. */
const useShown = create<Shown>(() => EMPTY);

export function useBoardData(input: BoardDataInput): BoardData {
  const shown = useShown();
  const [tick, setTick] = useState(0);
  const runner = useMemo(() => createBoardQueries(engine(), (d) => useShown.setState({ data: new Map(d) })), []);
  useEffect(() => () => useShown.setState(EMPTY), []);
  // What was last asked: the input whose panels were planned, and the range and tick they were asked for.
  const asked = useRef<{ input: BoardDataInput | undefined; full: string }>({ input: undefined, full: '' });

  const refresh = useEffectEvent(() => {
    const now = Date.now();
    const r = resolveRange(input.time, now, input.timezone);
    if (!r.ok) {
      useShown.setState({ rangeError: `${r.error.where}: ${r.error.what}` });
      return;
    }
    useShown.setState({ rangeError: '', time: { ...r.value, timezone: input.timezone } });
    const full = JSON.stringify([input.time, tick]);
    const before = asked.current;
    asked.current = { input, full };
    let changed = input.panels;
    // A timer or live tick asks every panel: only a change of variables, filters or panels compares signatures, both at one `now`.
    if (full === before.full && before.input) {
      const was = signatures(before.input, now);
      const sigs = signatures(input, now);
      changed = input.panels.filter((p) => sigs.get(p.key) !== was.get(p.key));
      if (changed.length === 0) return;
    }
    void runner.run(planBoard(changed, { ...r.value, scrapeIntervalMs: SCRAPE_INTERVAL_MS, filters: input.filters, source: input.source }));
  });

  const inputKey = JSON.stringify([input.panels, input.filters, input.source, input.timezone]);
  useEffect(() => refresh(), [inputKey, input.time.from, input.time.to, tick]);

  const every = parseRefresh(input.refresh);
  useEffect(() => {
    if (every === null) return;
    if (every === 'live') {
      let last = 0;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const off = onEngineEvent((e) => {
        // A scrape that landed is told as `data`, and by the scrape manager as `targets` after every scrape.
        if ((e.kind !== 'data' && e.kind !== 'targets') || timer) return;
        timer = setTimeout(
          () => {
            timer = undefined;
            last = Date.now();
            setTick((t) => t + 1);
          },
          Math.max(0, last + LIVE_MIN_MS - Date.now()),
        );
      });
      return () => {
        off();
        clearTimeout(timer);
      };
    }
    const id = setInterval(() => setTick((t) => t + 1), every);
    return () => clearInterval(id);
  }, [every]);

  return { ...shown, refreshNow: () => setTick((t) => t + 1) };
}
