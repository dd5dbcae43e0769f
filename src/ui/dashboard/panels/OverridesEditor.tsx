// Grafana's field overrides: for series matched by name or by regex, a list
// of properties (unit, colour, display name, fill opacity…) and their values.
import { useId } from 'react';
import type { FieldOverride } from '../../../dashboards/model';
import { ColorField, NumberField, SelectField, TextField } from './editorFields';
import { UNITS_LIST } from './FieldConfigEditor';

type PropertyKind = 'text' | 'unit' | 'number' | 'color' | 'drawStyle';

// Grafana's property ids for what Vigil's panels draw.
export const OVERRIDE_PROPERTIES: readonly { id: string; name: string; kind: PropertyKind }[] = [
  { id: 'displayName', name: 'Display name', kind: 'text' },
  { id: 'unit', name: 'Unit', kind: 'unit' },
  { id: 'decimals', name: 'Decimals', kind: 'number' },
  { id: 'min', name: 'Min', kind: 'number' },
  { id: 'max', name: 'Max', kind: 'number' },
  { id: 'color', name: 'Colour', kind: 'color' },
  { id: 'custom.fillOpacity', name: 'Fill opacity', kind: 'number' },
  { id: 'custom.lineWidth', name: 'Line width', kind: 'number' },
  { id: 'custom.pointSize', name: 'Point size', kind: 'number' },
  { id: 'custom.drawStyle', name: 'Style', kind: 'drawStyle' },
];

function defaultValue(kind: PropertyKind): unknown {
  if (kind === 'number') return null;
  if (kind === 'color') return { mode: 'fixed', fixedColor: 'red' };
  if (kind === 'drawStyle') return 'line';
  return '';
}

export function OverridesEditor({ overrides, seriesNames, onChange }: { overrides: FieldOverride[]; seriesNames: readonly string[]; onChange(o: FieldOverride[]): void }) {
  const namesId = useId();
  const set = (i: number, o: FieldOverride) => onChange(overrides.map((x, j) => (j === i ? o : x)));
  return (
    <fieldset className="pe-section">
      <legend>Overrides</legend>
      <datalist id={namesId}>
        {seriesNames.map((n) => (
          <option key={n} value={n} />
        ))}
      </datalist>
      <ol className="pe-list">
        {overrides.map((o, i) => {
          const n = i + 1;
          return (
            <li key={i} className="pe-override">
              <div className="pe-row">
                <SelectField
                  label={`Match of override ${n}`}
                  value={o.matcher.id}
                  options={[['byName', 'Fields with name'], ['byRegexp', 'Fields with name matching regex']]}
                  onChange={(id) => set(i, { ...o, matcher: { ...o.matcher, id } })}
                />
                <TextField label={`Name of override ${n}`} value={o.matcher.options} list={namesId} onChange={(options) => set(i, { ...o, matcher: { ...o.matcher, options } })} />
                <button type="button" onClick={() => onChange(overrides.filter((_, j) => j !== i))} aria-label={`Remove override ${n}`}>
                  Remove
                </button>
              </div>
              <ul className="pe-list">
                {o.properties.map((p, k) => {
                  const def = OVERRIDE_PROPERTIES.find((d) => d.id === p.id);
                  const setValue = (value: unknown) => set(i, { ...o, properties: o.properties.map((q, m) => (m === k ? { ...q, value } : q)) });
                  const label = `Value of ${def?.name ?? p.id} in override ${n}`;
                  return (
                    <li key={k} className="pe-row">
                      <SelectField
                        label={`Property ${k + 1} of override ${n}`}
                        value={p.id}
                        options={[...OVERRIDE_PROPERTIES.map((d) => [d.id, d.name] as const), ...(def ? [] : [[p.id, p.id] as const])]}
                        onChange={(id) => {
                          const kind = OVERRIDE_PROPERTIES.find((d) => d.id === id)?.kind ?? 'text';
                          set(i, { ...o, properties: o.properties.map((q, m) => (m === k ? { id, value: defaultValue(kind) } : q)) });
                        }}
                      />
                      <PropertyValue kind={def?.kind ?? 'text'} label={label} value={p.value} onChange={setValue} />
                      <button type="button" onClick={() => set(i, { ...o, properties: o.properties.filter((_, m) => m !== k) })} aria-label={`Remove property ${k + 1} of override ${n}`}>
                        Remove
                      </button>
                    </li>
                  );
                })}
              </ul>
              <button type="button" aria-label={`Add property to override ${n}`} onClick={() => set(i, { ...o, properties: [...o.properties, { id: 'color', value: defaultValue('color') }] })}>
                Add override property
              </button>
            </li>
          );
        })}
      </ol>
      <button type="button" onClick={() => onChange([...overrides, { matcher: { id: 'byName', options: seriesNames[0] ?? '' }, properties: [] }])}>
        Add field override
      </button>
    </fieldset>
  );
}

function PropertyValue({ kind, label, value, onChange }: { kind: PropertyKind; label: string; value: unknown; onChange(v: unknown): void }) {
  switch (kind) {
    case 'number':
      return <NumberField label={label} value={typeof value === 'number' ? value : null} onChange={onChange} />;
    case 'color': {
      const c = value as { fixedColor?: unknown } | null;
      return <ColorField label={label} value={typeof c?.fixedColor === 'string' ? c.fixedColor : ''} onChange={(fixedColor) => onChange({ mode: 'fixed', fixedColor })} />;
    }
    case 'drawStyle':
      return <SelectField label={label} value={typeof value === 'string' ? value : 'line'} options={[['line', 'Lines'], ['bars', 'Bars'], ['points', 'Points']]} onChange={onChange} />;
    case 'unit':
      return <TextField label={label} value={typeof value === 'string' ? value : ''} list={UNITS_LIST} onChange={onChange} />;
    case 'text':
      return <TextField label={label} value={typeof value === 'string' ? value : ''} onChange={onChange} />;
  }
}
