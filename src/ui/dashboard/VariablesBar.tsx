// The board's variables as controls named by their label (or name): a select,
// a multi-select with All, or a text box; a failed look-up shows its message
// on the control.

import { useState } from 'react';
import { ALL_VALUE, type Variable } from '../../dashboards/model';

interface VariablesBarProps {
  variables: Variable[];
  errors: Record<string, string>;
  onChoose(name: string, values: string[]): void;
}

function TextBox({ v, name, onChoose }: { v: Variable; name: string; onChoose(values: string[]): void }) {
  const [text, setText] = useState(v.current.value[0] ?? '');
  const commit = () => {
    if (text !== (v.current.value[0] ?? '')) onChoose([text]);
  };
  return (
    <input
      aria-label={name}
      value={text}
      onChange={(e) => setText(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === 'Enter') commit();
      }}
    />
  );
}

type OptionsVariable = Variable & { options: { text: string; value: string }[] };

/** Several values: a button showing the choice, opening a list of checkboxes (All first when offered). */
function MultiChoice({ v, name, errorId, onChoose }: { v: OptionsVariable; name: string; errorId: string | undefined; onChoose(values: string[]): void }) {
  const [open, setOpen] = useState(false);
  const current = v.current.value;
  const toggle = (value: string, on: boolean) => {
    // All and single values exclude each other, as in Grafana's picker; nothing left means All (or the first value).
    let next = value === ALL_VALUE ? [ALL_VALUE] : on ? [...current.filter((x) => x !== ALL_VALUE), value] : current.filter((x) => x !== value);
    if (!on && value === ALL_VALUE) next = [];
    if (next.length === 0) next = v.options.length > 0 ? [v.options[0].value] : [];
    onChoose(next);
  };
  return (
    <div className="board-multi">
      <button type="button" aria-label={name} aria-describedby={errorId} aria-invalid={errorId ? true : undefined} aria-haspopup="true" aria-expanded={open} onClick={() => setOpen(!open)}>
        {v.current.text.join(' + ') || 'None'} ▾
      </button>
      {open ? (
        <div className="board-multi-list" role="group" aria-label={`Values of ${name}`}>
          {v.options.map((o) => (
            <label key={o.value}>
              <input type="checkbox" checked={current.includes(o.value)} onChange={(e) => toggle(o.value, e.target.checked)} /> {o.text}
            </label>
          ))}
          {v.options.length === 0 ? <span className="muted small">No values</span> : null}
          <button type="button" onClick={() => setOpen(false)}>
            Close
          </button>
        </div>
      ) : null}
    </div>
  );
}

function Choice({ v, name, errorId, onChoose }: { v: OptionsVariable; name: string; errorId: string | undefined; onChoose(values: string[]): void }) {
  if ('multi' in v && v.multi) return <MultiChoice v={v} name={name} errorId={errorId} onChoose={onChoose} />;
  const options = v.options.length > 0 ? v.options : v.current.value.map((value, i) => ({ value, text: v.current.text[i] ?? value }));
  return (
    <select aria-label={name} aria-invalid={errorId ? true : undefined} aria-describedby={errorId} value={v.current.value[0] ?? ''} onChange={(e) => onChoose([e.target.value])}>
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.text}
        </option>
      ))}
    </select>
  );
}

export function VariablesBar({ variables, errors, onChoose }: VariablesBarProps) {
  const shown = variables.filter((v) => v.hide !== 2 && v.type !== 'constant');
  if (shown.length === 0) return null;
  return (
    <div className="board-variables" role="group" aria-label="Variables">
      {shown.map((v) => {
        const name = v.label || v.name;
        const error = errors[v.name] ?? '';
        return (
          <div key={v.name} className={`board-variable${error ? ' board-variable-failed' : ''}`} title={v.description || undefined}>
            {v.hide === 0 ? (
              <span className="board-variable-label" aria-hidden="true">
                {name}
              </span>
            ) : null}
            {v.type === 'textbox' ? (
              <TextBox key={v.current.value.join()} v={v} name={name} onChoose={(values) => onChoose(v.name, values)} />
            ) : 'options' in v ? (
              <Choice v={v} name={name} errorId={error ? `var-error-${v.name}` : undefined} onChoose={(values) => onChoose(v.name, values)} />
            ) : null}
            {error ? (
              <span id={`var-error-${v.name}`} className="error small board-variable-error">
                {error}
              </span>
            ) : null}
          </div>
        );
      })}
    </div>
  );
}
