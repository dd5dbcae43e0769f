// A board's variables as the URL chooses them: every look-up when the board
// opens (or its variables are edited), and on a choice only the variables
// that depend on it. A choice a look-up no longer offers is corrected in the URL.

import { useEffect, useEffectEvent, useRef, useState } from 'react';
import type { Dashboard, Variable } from '../../dashboards/model';
import { refreshVariables, pickCurrent } from '../../dashboards/variables';
import { dataSource } from '../dataSource';

export interface BoardVariables {
  variables: Variable[];
  /** A failed look-up's message by variable name. */
  errors: Record<string, string>;
}

function sameValues(a: string[] | undefined, b: string[] | undefined): boolean {
  return JSON.stringify(a ?? []) === JSON.stringify(b ?? []);
}

function withValues(variables: Variable[], values: Record<string, string[]>): Variable[] {
  return variables.map((v) => (values[v.name] && !sameValues(values[v.name], v.current.value) ? pickCurrent(v, values[v.name]) : v));
}

export function useBoardVariables(
  board: Dashboard,
  values: Record<string, string[]>,
  range: { startMs: number; endMs: number },
  onCorrected: (values: Record<string, string[]>) => void,
): BoardVariables {
  const [state, setState] = useState<BoardVariables>({ variables: withValues(board.variables, values), errors: {} });
  const sequence = useRef(0);

  const lookUp = useEffectEvent(async (start: Variable[], changed: (string | null)[]) => {
    const mine = ++sequence.current;
    const ctx = { sourceOf: (v: Variable) => dataSource(('source' in v && v.source) || board.source), startMs: range.startMs, endMs: range.endMs, builtins: {} };
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

  const chosen = useEffectEvent(() => {
    const before = state.variables;
    const changed = before.filter((v) => values[v.name] && !sameValues(values[v.name], v.current.value)).map((v) => v.name);
    if (changed.length > 0) void lookUp(withValues(before, values), changed);
  });
  const valuesKey = JSON.stringify(values);
  useEffect(() => chosen(), [valuesKey]);

  // The URL's choice shows at once; the look-ups it sets off follow.
  return { variables: withValues(state.variables, values), errors: state.errors };
}
