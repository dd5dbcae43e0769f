// A board's variables as the URL chooses them: every look-up when the board
// opens (or its variables are edited), and on a choice only the variables
// that depend on it. A choice a look-up no longer offers is corrected in the URL.

import { useEffect, useEffectEvent, useRef, useState } from 'react';
import { ALL_VALUE, type Dashboard, type TimeRangeSpec, type Variable } from '../../dashboards/model';
import { resolveRange } from '../../dashboards/timeRange';
import { refreshVariables, scopeOf } from '../../dashboards/variables';
import { resolveSource } from './boardQueries';
import { dataSource } from '../dataSource';
import { useEngine } from '../stores/engineStore';

export interface BoardVariables {
  variables: Variable[];
  /** A failed look-up's message by variable name. */
  errors: Record<string, string>;
}

function sameValues(a: string[] | undefined, b: string[] | undefined): boolean {
  return JSON.stringify(a ?? []) === JSON.stringify(b ?? []);
}

/** The variable with the URL's values chosen, each shown as its option's text. */
function chosen(v: Variable, values: string[]): Variable {
  const options = 'options' in v ? v.options : [];
  const text = values.map((x) => options.find((o) => o.value === x)?.text ?? (x === ALL_VALUE ? 'All' : x));
  return { ...v, current: { text, value: values } };
}

function withValues(variables: Variable[], values: Record<string, string[]>): Variable[] {
  return variables.map((v) => (values[v.name] && !sameValues(values[v.name], v.current.value) ? chosen(v, values[v.name]) : v));
}

export function useBoardVariables(
  board: Dashboard,
  values: Record<string, string[]>,
  time: TimeRangeSpec,
  timezone: 'browser' | 'utc',
  onCorrected: (values: Record<string, string[]>) => void,
): BoardVariables {
  const [state, setState] = useState<BoardVariables>({ variables: withValues(board.variables, values), errors: {} });
  const sequence = useRef(0);

  const lookUp = useEffectEvent(async (start: Variable[], changed: (string | null)[]) => {
    const mine = ++sequence.current;
    const now = Date.now();
    const range = resolveRange(time, now, timezone);
    const { startMs, endMs } = range.ok ? range.value : { startMs: now - 3_600_000, endMs: now };
    // A variable's look-up may go where a datasource variable points (`$datasource`), as a panel's query does.
    const scope = scopeOf(start, {});
    const ctx = { sourceOf: (v: Variable) => dataSource(resolveSource(('source' in v && v.source) || board.source, scope)), startMs, endMs, builtins: {} };
    let variables = start;
    const errors: Record<string, string> = {};
    for (const name of changed) {
      const got = await refreshVariables(variables, name, ctx);
      variables = got.variables;
      Object.assign(errors, got.errors);
    }
    if (mine !== sequence.current) return;
    setState({ variables, errors });
    if (variables.some((v) => !sameValues(values[v.name], v.current.value))) onCorrected(Object.fromEntries(variables.map((v) => [v.name, v.current.value])));
  });

  const opened = useEffectEvent(() => void lookUp(withValues(board.variables, values), [null]));
  useEffect(() => opened(), [board.variables]);

  const choice = useEffectEvent(() => {
    const before = state.variables;
    const changed = before.filter((v) => values[v.name] && !sameValues(values[v.name], v.current.value)).map((v) => v.name);
    if (changed.length > 0) void lookUp(withValues(before, values), changed);
  });
  const valuesKey = JSON.stringify(values);
  useEffect(() => choice(), [valuesKey]);

  // The URL's choice shows at once; the look-ups it sets off follow.
  // Grafana's refresh "On time range change" (2): a new range looks the variables up again
  // (all of them: refreshVariables refreshes a named variable's dependents, not the variable).
  const ranged = useEffectEvent(() => {
    if (state.variables.some((v) => v.type === 'query' && v.refresh === 2)) void lookUp(withValues(state.variables, values), [null]);
  });
  const first = useRef(true);
  useEffect(() => {
    if (first.current) first.current = false;
    else ranged();
  }, [time.from, time.to]);

  // A board opened before every target has been scraped once (the demo on a
  // first open) finds only some label values; each target's first scrape may
  // bring more, so the query variables are looked up again when one lands.
  const scraped = useEngine((s) => s.targets.filter((t) => t.lastScrapeMs !== null).length);
  const retry = useEffectEvent(() => {
    if (state.variables.some((v) => v.type === 'query')) void lookUp(withValues(state.variables, values), [null]);
  });
  const seen = useRef(scraped);
  useEffect(() => {
    if (scraped === seen.current) return;
    seen.current = scraped;
    retry();
  }, [scraped]);

  return { variables: withValues(state.variables, values), errors: state.errors };
}
