// The panel editor: a live preview of the panel over its current answers,
// its queries, and its options (type, title, the type's options, the
// standard field options and overrides). Every change goes to onChange,
// which the board turns into a new query; expressions are sent when run.
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { newPanel } from '../../../dashboards/defaults';
import type { Panel, PanelTarget, PanelType } from '../../../dashboards/model';
import type { PanelData, PanelTime } from '../panelData';
import { NamedColorsList, SelectField, TextField, Field } from './editorFields';
import { FieldConfigEditor, UnitsList } from './FieldConfigEditor';
import { OptionsEditor } from './OptionsEditor';
import { OverridesEditor } from './OverridesEditor';
import { PanelBody } from './PanelBody';
import { panelSeries } from './panelSeries';
import { TargetsEditor } from './TargetsEditor';
import './panelEditor.css';

export interface PanelEditorProps {
  panel: Panel;
  data: PanelData;
  time: PanelTime;
  onChange: (panel: Panel) => void;
  onClose: () => void;
}

export const PANEL_TYPES: readonly (readonly [PanelType, string])[] = [
  ['timeseries', 'Time series'],
  ['stat', 'Stat'],
  ['gauge', 'Gauge'],
  ['bargauge', 'Bar gauge'],
  ['table', 'Table'],
  ['heatmap', 'Heatmap'],
  ['text', 'Text'],
];

/** The panel as another type: the new type's default options, everything else (title, queries, place, field config) kept. */
export function switchPanelType(panel: Panel, type: PanelType): Panel {
  if (panel.type === type) return panel;
  const fresh = newPanel(type, panel.id, panel.title);
  const { type: _type, options: _options, ...kept } = panel;
  // A text panel starts without queries; one turned back into a query panel gets the default one.
  const targets = kept.targets.length > 0 || type === 'text' ? kept.targets : fresh.targets;
  return { ...fresh, ...kept, targets, type: fresh.type, options: fresh.options } as Panel;
}

/** The targets with the expressions typed but not yet run in place of their own. */
function withDrafts(targets: PanelTarget[], drafts: Record<string, string>): PanelTarget[] {
  return targets.map((t) => (t.refId in drafts ? { ...t, expr: drafts[t.refId] } : t));
}

const PREVIEW_HEIGHT = 280;
/** As .pe-preview's padding in panelEditor.css. */
const PREVIEW_PADDING = 8;

export function PanelEditor({ panel, data, time, onChange, onClose }: PanelEditorProps) {
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  // Read by Ctrl+Enter and on leaving, which may come before React has rendered the last keystroke.
  const draftsRef = useRef(drafts);
  const latest = useRef({ panel, onChange });
  useEffect(() => {
    latest.current = { panel, onChange };
  });
  const targets: PanelTarget[] = useMemo(() => withDrafts(panel.targets, drafts), [panel.targets, drafts]);
  const setDraft = (refId: string, expr: string) => {
    draftsRef.current = { ...draftsRef.current, [refId]: expr };
    setDrafts(draftsRef.current);
  };
  const commitTargets = (next: PanelTarget[]) => {
    draftsRef.current = {};
    setDrafts({});
    onChange({ ...panel, targets: next });
  };
  const run = useCallback(() => {
    const pending = draftsRef.current;
    if (Object.keys(pending).length === 0) return;
    draftsRef.current = {};
    setDrafts({});
    const { panel, onChange } = latest.current;
    onChange({ ...panel, targets: withDrafts(panel.targets, pending) });
  }, []);
  // Leaving the editor keeps what was typed but not yet run, as Grafana applies a query on leaving its editor.
  useEffect(() => run, [run]);
  const seriesNames = useMemo(() => [...new Set(panelSeries(panel, data).map((s) => s.name))], [panel, data]);

  const previewRef = useRef<HTMLDivElement>(null);
  const [previewWidth, setPreviewWidth] = useState(600);
  useLayoutEffect(() => {
    const el = previewRef.current;
    if (!el) return;
    // clientWidth counts the preview's padding, which the body must stay inside.
    const fit = () => setPreviewWidth(Math.max(200, (el.clientWidth || 616) - PREVIEW_PADDING * 2));
    fit();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(fit);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  return (
    <section className="panel-editor" aria-label={`Edit panel ${panel.title || `Panel ${panel.id}`}`}>
      <header className="pe-header">
        <h2>Edit panel</h2>
        <button type="button" onClick={onClose}>
          Close editor
        </button>
      </header>
      <div className="pe-body">
        <div className="pe-main">
          <div ref={previewRef} className="pe-preview" aria-label="Preview" role="region">
            {data.state === 'error' ? (
              <p className="pe-error" role="alert">
                {data.error}
              </p>
            ) : (
              <PanelBody panel={{ ...panel, targets }} data={data} time={time} width={previewWidth} height={PREVIEW_HEIGHT} onZoom={() => {}} />
            )}
            {data.state === 'loading' ? <p className="panel-note">Loading…</p> : null}
            {data.notices.map((n, i) => (
              <p key={i} className="panel-note">
                {n}
              </p>
            ))}
          </div>
          {panel.type === 'text' ? null : (
            <>
              <TargetsEditor targets={targets} source={panel.source ?? ''} onChange={commitTargets} onDraft={setDraft} onRun={run} />
              <div className="pe-row pe-wrap">
                <TextField label="Min interval" value={panel.interval} placeholder="e.g. 30s" hint="The smallest step of every query of the panel." onChange={(interval) => onChange({ ...panel, interval: interval.trim() })} />
              </div>
            </>
          )}
        </div>
        <div className="pe-options">
          <fieldset className="pe-section">
            <legend>Panel</legend>
            <SelectField label="Visualization" value={panel.type} options={PANEL_TYPES} onChange={(type) => onChange(switchPanelType({ ...panel, targets }, type))} />
            <TextField label="Title" value={panel.title} onChange={(title) => onChange({ ...panel, title })} />
            <Field label="Description">{(id) => <textarea id={id} rows={2} value={panel.description} onChange={(e) => onChange({ ...panel, description: e.target.value })} />}</Field>
          </fieldset>
          <OptionsEditor panel={panel} onChange={onChange} />
          {panel.type === 'text' ? null : (
            <>
              <FieldConfigEditor config={panel.fieldConfig.defaults} onChange={(defaults) => onChange({ ...panel, fieldConfig: { ...panel.fieldConfig, defaults } })} />
              <OverridesEditor overrides={panel.fieldConfig.overrides} seriesNames={seriesNames} onChange={(overrides) => onChange({ ...panel, fieldConfig: { ...panel.fieldConfig, overrides } })} />
            </>
          )}
        </div>
      </div>
      <NamedColorsList />
      <UnitsList />
    </section>
  );
}
