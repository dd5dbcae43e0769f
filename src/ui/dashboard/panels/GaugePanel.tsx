// The gauge panel: one arc per series, filled to the value in its threshold
// colour, with the thresholds marked around the outside (Grafana's gauge).
import { cssColor } from '../../../dashboards/fieldDisplay';
import type { Panel } from '../../../dashboards/model';
import type { PanelTime } from '../panelData';
import type { PanelSeries } from './panelSeries';
import { reducedValues, type ReducedValue } from './reducedValues';
import { fitFontSize, gridLayout } from './statLayout';

export interface GaugePanelProps {
  panel: Panel & { type: 'gauge' };
  series: PanelSeries[];
  time: PanelTime;
  width: number;
  height: number;
}

// The arc runs 240° from lower left to lower right, as Grafana's does.
const START = -120;
const SWEEP = 240;

export function GaugePanel({ panel, series, time, width, height }: GaugePanelProps) {
  const values = reducedValues(series, panel.options.reducer, time.timezone);
  const layout = gridLayout(values.length, width, height, 1);
  return (
    <div className="stat-grid" style={{ gridTemplateColumns: `repeat(${layout.columns}, 1fr)`, width, height }}>
      {values.map((v) => (
        <Gauge key={v.series.key} value={v} markers={panel.options.showThresholdMarkers} showName={values.length > 1} width={layout.cellWidth} height={layout.cellHeight} />
      ))}
    </div>
  );
}

function point(cx: number, cy: number, r: number, deg: number): [number, number] {
  const rad = ((deg - 90) * Math.PI) / 180;
  return [cx + r * Math.cos(rad), cy + r * Math.sin(rad)];
}

/** An SVG arc path from angle a to b (degrees clockwise from the top). */
export function arcPath(cx: number, cy: number, r: number, a: number, b: number): string {
  const [x1, y1] = point(cx, cy, r, a);
  const [x2, y2] = point(cx, cy, r, b);
  return `M${x1.toFixed(2)},${y1.toFixed(2)} A${r},${r} 0 ${b - a > 180 ? 1 : 0} 1 ${x2.toFixed(2)},${y2.toFixed(2)}`;
}

function Gauge({ value, markers, showName, width, height }: { value: ReducedValue; markers: boolean; showName: boolean; width: number; height: number }) {
  const { display, series, min, max } = value;
  const config = series.field.config;
  const text = display.text === '' ? 'No data' : `${display.prefix}${display.text}${display.suffix}`;
  const angleOf = (v: number) => START + SWEEP * Math.min(1, Math.max(0, (v - min) / (max - min)));
  const steps = config.thresholds.steps.map((s) => ({
    value: s.value === null ? min : config.thresholds.mode === 'percentage' ? min + ((max - min) * s.value) / 100 : s.value,
    color: cssColor(s.color),
  }));
  const nameHeight = showName ? 18 : 0;
  const size = Math.max(40, Math.min(width, (height - nameHeight) * 1.15));
  const r = 40;
  return (
    <div className="gauge" data-testid="gauge">
      <svg viewBox="0 0 100 88" width={size} height={size * 0.88} role="img" aria-label={`${series.name}: ${text}`}>
        <path d={arcPath(50, 50, r, START, START + SWEEP)} className="gauge-track" fill="none" strokeWidth={10} />
        {display.numeric !== null && Number.isFinite(display.numeric) && display.percent > 0 ? (
          <path d={arcPath(50, 50, r, START, angleOf(display.numeric))} fill="none" stroke={display.color} strokeWidth={10} />
        ) : null}
        {markers
          ? steps.map((s, i) => {
              const to = i + 1 < steps.length ? steps[i + 1].value : max;
              const a = angleOf(s.value);
              const b = angleOf(to);
              return b > a ? <path key={i} d={arcPath(50, 50, r + 8, a, b)} fill="none" stroke={s.color} strokeWidth={3} /> : null;
            })
          : null}
        <text x={50} y={56} textAnchor="middle" fontSize={fitFontSize(text, 60, 22, 1)} fill={display.color} className="gauge-value">
          {text}
        </text>
      </svg>
      {showName ? <div className="stat-name">{series.name}</div> : null}
    </div>
  );
}
