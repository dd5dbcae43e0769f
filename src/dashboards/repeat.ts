// Stand-in for the core helper's repeats: every item once, in the board's scope.

import type { Panel, Row } from './model';
import type { InterpolationScope } from './interpolate';

export type ExpandedItem = { kind: 'panel'; panel: Panel; scope: InterpolationScope; key: string } | { kind: 'row'; row: Row; scope: InterpolationScope; key: string };

export function expandRepeats(items: (Panel | Row)[], scope: InterpolationScope): ExpandedItem[] {
  return items.map((it) => (it.kind === 'row' ? { kind: 'row', row: it, scope, key: `row-${it.id}` } : { kind: 'panel', panel: it, scope, key: `panel-${it.id}` }));
}
