// Small labelled form controls the panel editor is built from: each keeps
// its label beside its control (so the control is named by it) and reports
// typed values, numbers as numbers or null when cleared.
import { useId, type ReactNode } from 'react';
import { cssColor } from '../../../dashboards/fieldDisplay';

export function Field({ label, children, hint }: { label: string; children: (id: string) => ReactNode; hint?: string }) {
  const id = useId();
  return (
    <div className="pe-field">
      <label htmlFor={id}>{label}</label>
      {children(id)}
      {hint ? <small className="pe-hint">{hint}</small> : null}
    </div>
  );
}

export function TextField({ label, value, onChange, placeholder, list, hint }: { label: string; value: string; onChange(v: string): void; placeholder?: string; list?: string; hint?: string }) {
  return (
    <Field label={label} hint={hint}>
      {(id) => <input id={id} type="text" value={value} placeholder={placeholder} list={list} onChange={(e) => onChange(e.target.value)} />}
    </Field>
  );
}

/** A number, or null when the box is empty ("auto" in Grafana's editor). */
export function NumberField({ label, value, onChange, min, max, step, placeholder }: { label: string; value: number | null; onChange(v: number | null): void; min?: number; max?: number; step?: number; placeholder?: string }) {
  return (
    <Field label={label}>
      {(id) => (
        <input
          id={id}
          type="number"
          value={value ?? ''}
          min={min}
          max={max}
          step={step ?? 'any'}
          placeholder={placeholder ?? 'auto'}
          onChange={(e) => {
            const v = e.target.value.trim();
            const n = Number(v);
            onChange(v === '' || !Number.isFinite(n) ? null : n);
          }}
        />
      )}
    </Field>
  );
}

export function SelectField<T extends string | number>({ label, value, options, onChange }: { label: string; value: T; options: readonly (readonly [T, string])[]; onChange(v: T): void }) {
  return (
    <Field label={label}>
      {(id) => (
        <select id={id} value={String(value)} onChange={(e) => onChange(options.find(([v]) => String(v) === e.target.value)?.[0] ?? value)}>
          {options.map(([v, text]) => (
            <option key={String(v)} value={String(v)}>
              {text}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

export function CheckField({ label, checked, onChange }: { label: string; checked: boolean; onChange(v: boolean): void }) {
  const id = useId();
  return (
    <div className="pe-check">
      <input id={id} type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      <label htmlFor={id}>{label}</label>
    </div>
  );
}

export const NAMED_COLORS_LIST = 'pe-named-colors';

/** A colour as Grafana writes it (a name or a hex), with a swatch of what it draws. */
export function ColorField({ label, value, onChange }: { label: string; value: string; onChange(v: string): void }) {
  return (
    <Field label={label}>
      {(id) => (
        <span className="pe-color">
          <span className="pe-swatch" style={{ background: cssColor(value) || 'transparent' }} aria-hidden="true" />
          <input id={id} type="text" value={value} list={NAMED_COLORS_LIST} onChange={(e) => onChange(e.target.value)} />
        </span>
      )}
    </Field>
  );
}

const HUES = ['red', 'orange', 'yellow', 'green', 'blue', 'purple'];
const SHADES = ['super-light-', 'light-', '', 'semi-dark-', 'dark-'];

/** The datalist behind every colour box: Grafana's named colours. */
export function NamedColorsList() {
  return (
    <datalist id={NAMED_COLORS_LIST}>
      {HUES.flatMap((h) => SHADES.map((s) => <option key={`${s}${h}`} value={`${s}${h}`} />))}
      <option value="transparent" />
      <option value="text" />
    </datalist>
  );
}
