// Stand-in for the panels helper's panel body: range answers as the query
// page's graph, instant answers and the rest as plain text lines.

import type { Panel } from '../../../dashboards/model';
import type { RangeColumns } from '../../../model/queryResult';
import { Graph } from '../../components/Graph';
import { seriesName } from '../../components/seriesStyle';
import type { PanelData, PanelTime } from '../panelData';

export interface PanelBodyProps {
  panel: Panel;
  data: PanelData;
  time: PanelTime;
  width: number;
  height: number;
  onZoom: (startMs: number, endMs: number) => void;
}

export function PanelBody({ panel, data, time, height, onZoom }: PanelBodyProps) {
  if (panel.type === 'text') return <div className="panel-text">{panel.options.content}</div>;
  const range = data.frames.map((f) => f.result).filter((r): r is RangeColumns => r.resultType === 'matrix' && 'times' in r);
  if (range.length > 0 && (panel.type === 'timeseries' || panel.type === 'heatmap')) {
    const merged: RangeColumns = { ...range[0], series: range.flatMap((r) => r.series) };
    return <Graph data={merged} height={Math.max(40, height - 40)} timeZone={time.timezone === 'utc' ? 'UTC' : 'local'} onZoom={onZoom} label={panel.title || 'Panel graph'} />;
  }
  const lines: string[] = [];
  for (const f of data.frames) {
    const r = f.result;
    if ('rows' in r) for (const row of r.rows) lines.push(`${seriesName(row.labels)} ${row.value}`);
    else for (const s of r.series) lines.push(`${seriesName(s.labels)} ${s.vs[s.vs.length - 1]}`);
  }
  return (
    <ul className="panel-lines">
      {lines.map((l, i) => (
        <li key={i}>{l}</li>
      ))}
    </ul>
  );
}
