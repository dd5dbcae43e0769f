// What a board's link reopens, in Grafana's spelling: `from`, `to`,
// `refresh`, `tz`, `var-NAME` (repeated for several values) and the ad hoc
// filters as `var-Filters=key|op|value`; what the URL leaves out is the
// board's saved default.

import type { AdhocFilter, AdhocOperator, Dashboard, TimeRangeSpec } from '../../dashboards/model';

/** The name the ad hoc filters go by in the URL, as a Grafana ad hoc variable named Filters. */
export const FILTERS_PARAM = 'var-Filters';

export interface BoardView {
  time: TimeRangeSpec;
  refresh: string;
  timezone: 'browser' | 'utc';
  filters: AdhocFilter[];
  /** Each variable's chosen values by name, from the URL or the board. */
  values: Record<string, string[]>;
}

const OPERATORS: AdhocOperator[] = ['=~', '!~', '!=', '='];

// Grafana escapes a `|` inside a filter's parts as `__gfp__` (escapeUrlPipeDelimiters).
const escapePipe = (s: string) => s.replaceAll('|', '__gfp__');
const unescapePipe = (s: string) => s.replaceAll('__gfp__', '|');

export function filterParam(f: AdhocFilter): string {
  return [f.key, f.operator, f.value].map(escapePipe).join('|');
}

/** A `key|op|value` filter, or null when it does not read as one. */
export function parseFilterParam(text: string): AdhocFilter | null {
  const parts = text.split('|');
  if (parts.length !== 3) return null;
  const operator = OPERATORS.find((o) => o === parts[1]);
  if (!operator || !parts[0]) return null;
  return { key: unescapePipe(parts[0]), operator, value: unescapePipe(parts[2]) };
}

export function boardViewFrom(params: URLSearchParams, board: Dashboard): BoardView {
  const values: Record<string, string[]> = {};
  for (const v of board.variables) {
    const fromUrl = params.getAll(`var-${v.name}`);
    values[v.name] = fromUrl.length > 0 && v.type !== 'constant' ? fromUrl : v.current.value;
  }
  const tz = params.get('tz');
  return {
    time: { from: params.get('from') ?? board.time.from, to: params.get('to') ?? board.time.to },
    refresh: params.get('refresh') ?? board.refresh,
    timezone: tz === 'utc' || tz === 'browser' ? tz : board.timezone,
    filters: params.has(FILTERS_PARAM)
      ? params
          .getAll(FILTERS_PARAM)
          .map(parseFilterParam)
          .filter((f): f is AdhocFilter => f !== null)
      : board.filters,
    values,
  };
}

export function boardParams(view: BoardView, board: Dashboard): URLSearchParams {
  const p = new URLSearchParams();
  p.set('from', view.time.from);
  p.set('to', view.time.to);
  if (view.refresh) p.set('refresh', view.refresh);
  if (view.timezone !== board.timezone) p.set('tz', view.timezone);
  for (const v of board.variables) {
    if (v.type === 'constant') continue;
    for (const value of view.values[v.name] ?? []) p.append(`var-${v.name}`, value);
  }
  for (const f of view.filters) p.append(FILTERS_PARAM, filterParam(f));
  // An empty value says "no filters" where the board's saved ones would otherwise apply.
  if (view.filters.length === 0 && board.filters.length > 0) p.set(FILTERS_PARAM, '');
  return p;
}
