// The bar gauge panel: one bar per series, horizontal or vertical, drawn as
// Grafana's display modes: basic (one colour), gradient (the thresholds'
// colours up to the value) and lcd (cells lit up to the value).
import { activeThreshold, cssColor } from '../../../dashboards/fieldDisplay';
import type { Panel } from '../../../dashboards/model';
import type { PanelTime } from '../panelData';
import type { PanelSeries } from './panelSeries';
import { reducedValues, type ReducedValue } from './reducedValues';
import { withAlpha } from './timeSeriesPlot';

export interface BarGaugePanelProps {
  panel: Panel & { type: 'bargauge' };
  series: PanelSeries[];
  time: PanelTime;
  width: number;
  height: number;
}

const LCD_CELLS = 20;

export function BarGaugePanel({ panel, series, time, width, height }: BarGaugePanelProps) {
  const { orientation, displayMode, reducer } = panel.options;
  const values = reducedValues(series, reducer, time.timezone);
  return (
    <div className={`bargauge bargauge-${orientation}`} style={{ width, height }}>
      {values.map((v) => (
        <Bar key={v.series.key} value={v} mode={displayMode} vertical={orientation === 'vertical'} />
      ))}
    </div>
  );
}

/** The colour at `fraction` of the bar, by the thresholds at that value. */
function colorAt(value: ReducedValue, fraction: number): string {
  const { min, max } = value;
  const config = value.series.field.config;
  return cssColor(activeThreshold(min + (max - min) * fraction, config.thresholds, min, max)?.color ?? '') || value.display.color;
}

function Bar({ value, mode, vertical }: { value: ReducedValue; mode: 'basic' | 'gradient' | 'lcd'; vertical: boolean }) {
  const { display, series } = value;
  const pct = display.percent * 100;
  const text = display.text === '' ? 'No data' : `${display.prefix}${display.text}${display.suffix}`;
  const direction = vertical ? 'to top' : 'to right';
  let fill;
  if (mode === 'lcd') {
    fill = (
      <div className="bargauge-cells">
        {Array.from({ length: LCD_CELLS }, (_, i) => {
          const at = (i + 0.5) / LCD_CELLS;
          const color = colorAt(value, at);
          const lit = at <= display.percent;
          return <span key={i} style={{ background: lit ? color : withAlpha(color, 0.15) }} />;
        })}
      </div>
    );
  } else {
    // A gradient through the threshold colours met on the way up to the value.
    const stops = mode === 'gradient' ? [0, 0.25, 0.5, 0.75, 1].map((f) => `${colorAt(value, f * display.percent)} ${(f * 100).toFixed(0)}%`).join(', ') : '';
    const background = mode === 'gradient' ? `linear-gradient(${direction}, ${stops})` : display.color;
    fill = (
      <div className="bargauge-track">
        <div className="bargauge-fill" style={{ [vertical ? 'height' : 'width']: `${pct}%`, background }} />
      </div>
    );
  }
  return (
    <div className="bargauge-row" data-testid="bargauge">
      <div className="bargauge-name">{series.name}</div>
      {fill}
      <div className="bargauge-value" style={{ color: display.color }}>
        {text}
      </div>
    </div>
  );
}
