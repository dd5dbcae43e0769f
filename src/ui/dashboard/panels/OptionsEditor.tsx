// The options of each panel type, as model.ts defines them, with Grafana's
// names for them.
import { REDUCERS } from '../../../dashboards/fieldDisplay';
import type { Panel, Reducer } from '../../../dashboards/model';
import { CheckField, Field, NumberField, SelectField, TextField } from './editorFields';

const REDUCER_OPTIONS = REDUCERS.map((r) => [r.id, r.name] as const);

export function OptionsEditor({ panel, onChange }: { panel: Panel; onChange(p: Panel): void }) {
  switch (panel.type) {
    case 'timeseries': {
      const o = panel.options;
      const set = (patch: Partial<typeof o>) => onChange({ ...panel, options: { ...o, ...patch } });
      const toggleCalc = (c: Reducer, on: boolean) => set({ legend: { ...o.legend, calcs: on ? [...o.legend.calcs.filter((x) => x !== c), c] : o.legend.calcs.filter((x) => x !== c) } });
      return (
        <fieldset className="pe-section">
          <legend>Graph styles</legend>
          <SelectField label="Style" value={o.drawStyle} options={[['line', 'Lines'], ['bars', 'Bars'], ['points', 'Points']]} onChange={(drawStyle) => set({ drawStyle })} />
          <NumberField label="Line width" value={o.lineWidth} min={0} max={10} step={1} onChange={(v) => set({ lineWidth: v ?? 1 })} />
          <NumberField label="Fill opacity" value={o.fillOpacity} min={0} max={100} step={5} onChange={(v) => set({ fillOpacity: Math.min(100, Math.max(0, v ?? 0)) })} />
          <NumberField label="Point size" value={o.pointSize} min={1} max={40} step={1} onChange={(v) => set({ pointSize: v ?? 5 })} />
          <SelectField label="Stack series" value={o.stacking} options={[['none', 'Off'], ['normal', 'Normal'], ['percent', '100%']]} onChange={(stacking) => set({ stacking })} />
          <SelectField label="Scale" value={o.logBase} options={[[0, 'Linear'], [2, 'Logarithmic (base 2)'], [10, 'Logarithmic (base 10)']]} onChange={(logBase) => set({ logBase })} />
          <SelectField
            label="Show thresholds"
            value={o.thresholdsStyle}
            options={[['off', 'Off'], ['line', 'As lines'], ['area', 'As filled regions'], ['line+area', 'As filled regions and lines']]}
            onChange={(thresholdsStyle) => set({ thresholdsStyle })}
          />
          <SelectField label="Tooltip" value={o.tooltip} options={[['multi', 'All'], ['single', 'Single'], ['none', 'Hidden']]} onChange={(tooltip) => set({ tooltip })} />
          <SelectField label="Legend mode" value={o.legend.mode} options={[['list', 'List'], ['table', 'Table'], ['hidden', 'Hidden']]} onChange={(mode) => set({ legend: { ...o.legend, mode } })} />
          <SelectField label="Legend placement" value={o.legend.placement} options={[['bottom', 'Bottom'], ['right', 'Right']]} onChange={(placement) => set({ legend: { ...o.legend, placement } })} />
          <Field label="Legend values">
            {(id) => (
              <div id={id} className="pe-row pe-wrap" role="group">
                {REDUCERS.map((r) => (
                  <CheckField key={r.id} label={r.name} checked={o.legend.calcs.includes(r.id)} onChange={(on) => toggleCalc(r.id, on)} />
                ))}
              </div>
            )}
          </Field>
        </fieldset>
      );
    }
    case 'stat': {
      const o = panel.options;
      const set = (patch: Partial<typeof o>) => onChange({ ...panel, options: { ...o, ...patch } });
      return (
        <fieldset className="pe-section">
          <legend>Stat styles</legend>
          <SelectField label="Calculation" value={o.reducer} options={REDUCER_OPTIONS} onChange={(reducer) => set({ reducer })} />
          <SelectField label="Colour mode" value={o.colorMode} options={[['value', 'Value'], ['background', 'Background'], ['none', 'None']]} onChange={(colorMode) => set({ colorMode })} />
          <SelectField label="Graph mode" value={o.graphMode} options={[['area', 'Area'], ['none', 'None']]} onChange={(graphMode) => set({ graphMode })} />
          <SelectField
            label="Text mode"
            value={o.textMode}
            options={[['auto', 'Auto'], ['value', 'Value'], ['value_and_name', 'Value and name'], ['name', 'Name'], ['none', 'None']]}
            onChange={(textMode) => set({ textMode })}
          />
        </fieldset>
      );
    }
    case 'gauge': {
      const o = panel.options;
      const set = (patch: Partial<typeof o>) => onChange({ ...panel, options: { ...o, ...patch } });
      return (
        <fieldset className="pe-section">
          <legend>Gauge</legend>
          <SelectField label="Calculation" value={o.reducer} options={REDUCER_OPTIONS} onChange={(reducer) => set({ reducer })} />
          <CheckField label="Show threshold markers" checked={o.showThresholdMarkers} onChange={(showThresholdMarkers) => set({ showThresholdMarkers })} />
        </fieldset>
      );
    }
    case 'bargauge': {
      const o = panel.options;
      const set = (patch: Partial<typeof o>) => onChange({ ...panel, options: { ...o, ...patch } });
      return (
        <fieldset className="pe-section">
          <legend>Bar gauge</legend>
          <SelectField label="Calculation" value={o.reducer} options={REDUCER_OPTIONS} onChange={(reducer) => set({ reducer })} />
          <SelectField label="Orientation" value={o.orientation} options={[['horizontal', 'Horizontal'], ['vertical', 'Vertical']]} onChange={(orientation) => set({ orientation })} />
          <SelectField label="Display mode" value={o.displayMode} options={[['basic', 'Basic'], ['gradient', 'Gradient'], ['lcd', 'Retro LCD']]} onChange={(displayMode) => set({ displayMode })} />
        </fieldset>
      );
    }
    case 'table': {
      const o = panel.options;
      const set = (patch: Partial<typeof o>) => onChange({ ...panel, options: { ...o, ...patch } });
      return (
        <fieldset className="pe-section">
          <legend>Table</legend>
          <TextField label="Sort by column" value={o.sortBy} placeholder="Value, a label name, or empty" onChange={(sortBy) => set({ sortBy })} />
          <CheckField label="Sort descending" checked={o.sortDesc} onChange={(sortDesc) => set({ sortDesc })} />
        </fieldset>
      );
    }
    case 'heatmap': {
      const o = panel.options;
      return (
        <fieldset className="pe-section">
          <legend>Heatmap</legend>
          <SelectField
            label="Colour scheme"
            value={o.colorScheme}
            options={(['Oranges', 'Blues', 'Greens', 'Reds', 'Purples', 'Spectral'] as const).map((s) => [s, s] as const)}
            onChange={(colorScheme) => onChange({ ...panel, options: { ...o, colorScheme } })}
          />
        </fieldset>
      );
    }
    case 'text': {
      const o = panel.options;
      const set = (patch: Partial<typeof o>) => onChange({ ...panel, options: { ...o, ...patch } });
      return (
        <fieldset className="pe-section">
          <legend>Text</legend>
          <SelectField label="Mode" value={o.mode} options={[['markdown', 'Markdown'], ['html', 'HTML (shown as text)']]} onChange={(mode) => set({ mode })} />
          <Field label="Content">{(id) => <textarea id={id} rows={10} value={o.content} onChange={(e) => set({ content: e.target.value })} />}</Field>
        </fieldset>
      );
    }
  }
}
