// The stat panel: one value per series, reduced, mapped and coloured by
// thresholds (the text, or the background), with a sparkline of the range.
import { formattedText } from '../../../dashboards/units';
import type { Panel } from '../../../dashboards/model';
import type { PanelTime } from '../panelData';
import type { PanelSeries } from './panelSeries';
import { reducedValues, type ReducedValue } from './reducedValues';
import { fitFontSize, gridLayout } from './statLayout';
import { withAlpha } from './timeSeriesPlot';

export interface StatPanelProps {
  panel: Panel & { type: 'stat' };
  series: PanelSeries[];
  time: PanelTime;
  width: number;
  height: number;
}

export function StatPanel({ panel, series, time, width, height }: StatPanelProps) {
  const { options } = panel;
  const values = reducedValues(series, options.reducer, time.timezone);
  const layout = gridLayout(values.length, width, height, 2);
  const showName = options.textMode === 'name' || options.textMode === 'value_and_name' || (options.textMode === 'auto' && values.length > 1);
  const showValue = options.textMode !== 'name' && options.textMode !== 'none';
  return (
    <div className="stat-grid" style={{ gridTemplateColumns: `repeat(${layout.columns}, 1fr)`, width, height }}>
      {values.map((v) => (
        <Stat key={v.series.key} value={v} time={time} width={layout.cellWidth} height={layout.cellHeight} showName={showName} showValue={showValue} options={options} />
      ))}
    </div>
  );
}

interface StatProps {
  value: ReducedValue;
  time: PanelTime;
  width: number;
  height: number;
  showName: boolean;
  showValue: boolean;
  options: (Panel & { type: 'stat' })['options'];
}

function Stat({ value, time, width, height, showName, showValue, options }: StatProps) {
  const { display, series } = value;
  const text = display.text === '' ? 'No data' : formattedText(display);
  const background = options.colorMode === 'background';
  const sparkline = options.graphMode === 'area' && !series.instant && series.values.length > 1;
  const valueSize = fitFontSize(text, width - 16, (height - (showName ? 20 : 0)) * (sparkline ? 0.55 : 0.8), 1);
  // Names share one size across the grid, so neighbouring stats line up.
  const nameSize = Math.max(11, Math.min(16, Math.round(height * 0.14)));
  return (
    <div
      className="stat"
      data-testid="stat"
      style={{
        background: background ? display.color : undefined,
        color: background ? '#fff' : undefined,
      }}
    >
      {showName ? (
        <div className="stat-name" style={{ fontSize: nameSize }}>
          {series.name}
        </div>
      ) : null}
      {showValue ? (
        <div className="stat-value" style={{ fontSize: valueSize, color: options.colorMode === 'value' ? display.color : undefined }}>
          {display.prefix ? <span className="stat-affix">{display.prefix}</span> : null}
          {display.text === '' ? 'No data' : display.text}
          {display.suffix ? <span className="stat-affix">{display.suffix}</span> : null}
        </div>
      ) : null}
      {sparkline ? <Sparkline series={series} time={time} color={background ? 'rgb(255, 255, 255)' : display.color} /> : null}
    </div>
  );
}

/** The series over the board's range as an area along the bottom of the stat. */
function Sparkline({ series, time, color }: { series: PanelSeries; time: PanelTime; color: string }) {
  const { times, values } = series;
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  if (!Number.isFinite(lo)) return null;
  const span = Math.max(1, time.endMs - time.startMs);
  const yOf = (v: number) => (hi === lo ? 50 : 95 - ((v - lo) / (hi - lo)) * 90);
  const xOf = (t: number) => ((t - time.startMs) / span) * 100;
  // One path per run of samples, so a gap stays a gap.
  const runs: string[] = [];
  let run: string[] = [];
  let firstX = 0;
  let lastX = 0;
  const close = () => {
    if (run.length > 1) runs.push(`M${firstX},100 L${run.join(' L')} L${lastX},100 Z`);
    run = [];
  };
  for (let i = 0; i < times.length; i++) {
    if (!Number.isFinite(values[i])) {
      close();
      continue;
    }
    const x = xOf(times[i]);
    if (run.length === 0) firstX = x;
    lastX = x;
    run.push(`${x.toFixed(2)},${yOf(values[i]).toFixed(2)}`);
  }
  close();
  return (
    <svg className="stat-sparkline" viewBox="0 0 100 100" preserveAspectRatio="none" aria-hidden="true">
      {runs.map((d, i) => (
        <path key={i} d={d} fill={withAlpha(color, 0.2)} stroke={color} strokeWidth={1.5} vectorEffect="non-scaling-stroke" />
      ))}
    </svg>
  );
}
