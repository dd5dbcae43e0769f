// The standard field options of a panel: unit (searchable among Grafana's
// unit ids), decimals, min, max, thresholds and value mappings.
import type { FieldConfig, MappingResult, Thresholds, ValueMapping } from '../../../dashboards/model';
import { UNIT_CHOICES } from '../../../dashboards/units';
import { ColorField, Field, NumberField, SelectField, TextField } from './editorFields';

export const UNITS_LIST = 'pe-units';

/** The datalist of unit ids a unit box searches: type "byt" or "bytes(IEC)". */
export function UnitsList() {
  return (
    <datalist id={UNITS_LIST}>
      {UNIT_CHOICES.map((u) => (
        <option key={u.id} value={u.id}>
          {`${u.category}: ${u.name}`}
        </option>
      ))}
    </datalist>
  );
}

export function FieldConfigEditor({ config, onChange }: { config: FieldConfig; onChange(c: FieldConfig): void }) {
  const set = <K extends keyof FieldConfig>(k: K, v: FieldConfig[K]) => onChange({ ...config, [k]: v });
  return (
    <fieldset className="pe-section">
      <legend>Standard options</legend>
      <TextField label="Unit" value={config.unit} list={UNITS_LIST} placeholder="short" onChange={(v) => set('unit', v.trim())} hint="A Grafana unit id; any other text is shown after the value." />
      <NumberField label="Decimals" value={config.decimals} min={0} max={20} step={1} onChange={(v) => set('decimals', v)} />
      <NumberField label="Min" value={config.min} onChange={(v) => set('min', v)} />
      <NumberField label="Max" value={config.max} onChange={(v) => set('max', v)} />
      <TextField label="Display name" value={config.displayName} placeholder="From the legend format" onChange={(v) => set('displayName', v)} />
      <ColorField label="Colour" value={config.color} onChange={(v) => set('color', v.trim())} />
      <ThresholdsEditor thresholds={config.thresholds} onChange={(t) => set('thresholds', t)} />
      <MappingsEditor mappings={config.mappings} onChange={(m) => set('mappings', m)} />
    </fieldset>
  );
}

export function ThresholdsEditor({ thresholds, onChange }: { thresholds: Thresholds; onChange(t: Thresholds): void }) {
  const steps = thresholds.steps;
  const setStep = (i: number, patch: Partial<(typeof steps)[number]>) => onChange({ ...thresholds, steps: steps.map((s, j) => (j === i ? { ...s, ...patch } : s)) });
  const add = () => {
    const last = steps.reduce((m, s) => Math.max(m, s.value ?? -Infinity), -Infinity);
    onChange({ ...thresholds, steps: [...steps, { value: Number.isFinite(last) ? last + 10 : 0, color: 'red' }] });
  };
  // Kept in value order on every edit, as Grafana keeps them; the base stays first.
  const sorted = (next: Thresholds['steps']) => [...next].sort((a, b) => (a.value ?? -Infinity) - (b.value ?? -Infinity));
  return (
    <fieldset className="pe-sub">
      <legend>Thresholds</legend>
      <SelectField label="Thresholds mode" value={thresholds.mode} options={[['absolute', 'Absolute'], ['percentage', 'Percentage']]} onChange={(mode) => onChange({ ...thresholds, mode })} />
      <ol className="pe-list">
        {steps.map((s, i) => (
          // Keyed by value too: the value box is uncontrolled while typing and must start afresh when steps re-sort.
          <li key={`${i}:${s.value}`} className="pe-row">
            <ColorField label={`Colour of step ${i + 1}`} value={s.color} onChange={(color) => setStep(i, { color })} />
            {s.value === null ? (
              <span className="pe-base">Base</span>
            ) : (
              <Field label={`Value of step ${i + 1}`}>
                {(id) => (
                  <input
                    id={id}
                    type="number"
                    step="any"
                    defaultValue={s.value ?? ''}
                    onBlur={(e) => {
                      const n = Number(e.target.value);
                      if (e.target.value.trim() !== '' && Number.isFinite(n)) onChange({ ...thresholds, steps: sorted(steps.map((x, j) => (j === i ? { ...x, value: n } : x))) });
                    }}
                  />
                )}
              </Field>
            )}
            {s.value === null ? null : (
              <button type="button" onClick={() => onChange({ ...thresholds, steps: steps.filter((_, j) => j !== i) })} aria-label={`Remove step ${i + 1}`}>
                Remove
              </button>
            )}
          </li>
        ))}
      </ol>
      <button type="button" onClick={add}>
        Add threshold
      </button>
    </fieldset>
  );
}

const MAPPING_TYPES: readonly (readonly [ValueMapping['type'], string])[] = [
  ['value', 'Value'],
  ['range', 'Range'],
  ['regex', 'Regex'],
  ['special', 'Special'],
];

function emptyMapping(type: ValueMapping['type']): ValueMapping {
  switch (type) {
    case 'value':
      return { type, options: { '': { text: '' } } };
    case 'range':
      return { type, from: null, to: null, result: { text: '' } };
    case 'regex':
      return { type, pattern: '', result: { text: '' } };
    case 'special':
      return { type, match: 'null', result: { text: '' } };
  }
}

function ResultFields({ n, result, onChange }: { n: number; result: MappingResult; onChange(r: MappingResult): void }) {
  return (
    <>
      <TextField label={`Display text of mapping ${n}`} value={result.text ?? ''} onChange={(text) => onChange({ ...result, text })} />
      <ColorField label={`Colour of mapping ${n}`} value={result.color ?? ''} onChange={(color) => onChange({ ...result, color: color || undefined })} />
    </>
  );
}

export function MappingsEditor({ mappings, onChange }: { mappings: ValueMapping[]; onChange(m: ValueMapping[]): void }) {
  const set = (i: number, m: ValueMapping) => onChange(mappings.map((x, j) => (j === i ? m : x)));
  return (
    <fieldset className="pe-sub">
      <legend>Value mappings</legend>
      <ol className="pe-list">
        {mappings.map((m, i) => {
          const n = i + 1;
          return (
            <li key={i} className="pe-row pe-wrap">
              <SelectField label={`Type of mapping ${n}`} value={m.type} options={MAPPING_TYPES} onChange={(t) => set(i, emptyMapping(t))} />
              {m.type === 'value'
                ? Object.entries(m.options).map(([value, result]) => (
                    <span key="value" className="pe-row">
                      <TextField label={`Value of mapping ${n}`} value={value} onChange={(v) => set(i, { type: 'value', options: { [v]: result } })} />
                      <ResultFields n={n} result={result} onChange={(r) => set(i, { type: 'value', options: { [value]: r } })} />
                    </span>
                  ))
                : null}
              {m.type === 'range' ? (
                <>
                  <NumberField label={`From of mapping ${n}`} value={m.from} placeholder="-Inf" onChange={(from) => set(i, { ...m, from })} />
                  <NumberField label={`To of mapping ${n}`} value={m.to} placeholder="+Inf" onChange={(to) => set(i, { ...m, to })} />
                  <ResultFields n={n} result={m.result} onChange={(result) => set(i, { ...m, result })} />
                </>
              ) : null}
              {m.type === 'regex' ? (
                <>
                  <TextField label={`Pattern of mapping ${n}`} value={m.pattern} onChange={(pattern) => set(i, { ...m, pattern })} />
                  <ResultFields n={n} result={m.result} onChange={(result) => set(i, { ...m, result })} />
                </>
              ) : null}
              {m.type === 'special' ? (
                <>
                  <SelectField
                    label={`Match of mapping ${n}`}
                    value={m.match}
                    options={[['null', 'Null'], ['nan', 'NaN'], ['null+nan', 'Null and NaN'], ['true', 'True'], ['false', 'False'], ['empty', 'Empty']]}
                    onChange={(match) => set(i, { ...m, match })}
                  />
                  <ResultFields n={n} result={m.result} onChange={(result) => set(i, { ...m, result })} />
                </>
              ) : null}
              <button type="button" onClick={() => onChange(mappings.filter((_, j) => j !== i))} aria-label={`Remove mapping ${n}`}>
                Remove
              </button>
            </li>
          );
        })}
      </ol>
      <button type="button" onClick={() => onChange([...mappings, emptyMapping('value')])}>
        Add value mapping
      </button>
    </fieldset>
  );
}
