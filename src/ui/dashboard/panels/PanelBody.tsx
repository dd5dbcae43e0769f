// What a panel draws inside the frame the board gives it: the panel type's
// view of the answers, or "No data". Errors and loading are the frame's.
import { useMemo } from 'react';
import type { Panel } from '../../../dashboards/model';
import type { PanelData, PanelTime } from '../panelData';
import { BarGaugePanel } from './BarGaugePanel';
import { GaugePanel } from './GaugePanel';
import { HeatmapPanel } from './HeatmapPanel';
import { panelSeries } from './panelSeries';
import { StatPanel } from './StatPanel';
import { TablePanel } from './TablePanel';
import { TextPanel } from './TextPanel';
import { TimeSeriesPanel } from './TimeSeriesPanel';
import './panels.css';

export interface PanelBodyProps {
  panel: Panel;
  data: PanelData;
  time: PanelTime;
  width: number;
  height: number;
  onZoom: (startMs: number, endMs: number) => void;
}

export function PanelBody({ panel, data, time, width, height, onZoom }: PanelBodyProps) {
  const series = useMemo(() => panelSeries(panel, data), [panel, data]);
  if (panel.type === 'text') return <TextPanel panel={panel} width={width} height={height} />;
  if (series.length === 0) {
    // While the first answer is on its way, or when the frame shows an error, there is nothing to say here.
    const answered = data.state === 'ok' || data.state === 'empty';
    return (
      <div className="panel-empty" style={{ width, height }}>
        {answered ? 'No data' : null}
      </div>
    );
  }
  switch (panel.type) {
    case 'timeseries':
      return <TimeSeriesPanel panel={panel} series={series} time={time} width={width} height={height} onZoom={onZoom} />;
    case 'stat':
      return <StatPanel panel={panel} series={series} time={time} width={width} height={height} />;
    case 'gauge':
      return <GaugePanel panel={panel} series={series} time={time} width={width} height={height} />;
    case 'bargauge':
      return <BarGaugePanel panel={panel} series={series} time={time} width={width} height={height} />;
    case 'table':
      return <TablePanel panel={panel} series={series} time={time} width={width} height={height} />;
    case 'heatmap':
      return <HeatmapPanel panel={panel} series={series} time={time} width={width} height={height} />;
  }
}
