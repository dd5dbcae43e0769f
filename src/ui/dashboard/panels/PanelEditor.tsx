// Stand-in for the panels helper's panel editor: title, description, each
// target's expression and legend, and a live preview.

import type { Panel } from '../../../dashboards/model';
import type { PanelData, PanelTime } from '../panelData';
import { PanelBody } from './PanelBody';

export interface PanelEditorProps {
  panel: Panel;
  data: PanelData;
  time: PanelTime;
  onChange: (panel: Panel) => void;
  onClose: () => void;
}

export function PanelEditor({ panel, data, time, onChange, onClose }: PanelEditorProps) {
  return (
    <section className="panel-editor" aria-label="Panel editor">
      <div className="panel-editor-preview">
        <PanelBody panel={panel} data={data} time={time} width={600} height={300} onZoom={() => {}} />
      </div>
      <label>
        Title <input value={panel.title} onChange={(e) => onChange({ ...panel, title: e.target.value })} />
      </label>
      <label>
        Description <input value={panel.description} onChange={(e) => onChange({ ...panel, description: e.target.value })} />
      </label>
      {panel.targets.map((t, i) => (
        <fieldset key={t.refId}>
          <legend>Query {t.refId}</legend>
          <label>
            Expression {t.refId}
            <textarea value={t.expr} onChange={(e) => onChange({ ...panel, targets: panel.targets.map((x, k) => (k === i ? { ...x, expr: e.target.value } : x)) })} />
          </label>
          <label>
            Legend {t.refId}
            <input value={t.legendFormat} onChange={(e) => onChange({ ...panel, targets: panel.targets.map((x, k) => (k === i ? { ...x, legendFormat: e.target.value } : x)) })} />
          </label>
        </fieldset>
      ))}
      <button type="button" onClick={onClose}>
        Close editor
      </button>
    </section>
  );
}
