// Each series reduced to the one value a stat, gauge or bar gauge shows,
// with its display (mapped, coloured, formatted) measured against the
// field's range: its min and max, else those of every series' values, as
// Grafana takes a single-value panel's range from all of its fields.

import { displayValue, fieldRange, reduce, type DisplayValue } from '../../../dashboards/fieldDisplay';
import type { Reducer } from '../../../dashboards/model';
import type { UnitTimeZone } from '../../../dashboards/units';
import type { PanelSeries } from './panelSeries';

export interface ReducedValue {
  series: PanelSeries;
  display: DisplayValue;
  min: number;
  max: number;
}

export function reducedValues(series: readonly PanelSeries[], reducer: Reducer, timeZone: UnitTimeZone): ReducedValue[] {
  const all: number[] = [];
  for (const s of series) for (const v of s.values) if (Number.isFinite(v)) all.push(v);
  return series.map((s) => {
    const { min, max } = fieldRange(s.field.config, all);
    return { series: s, display: displayValue(reduce(s.values, reducer), s.field.config, min, max, timeZone), min, max };
  });
}
