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

function Choice({ v, name, error, onChoose }: { v: Variable & { options: { text: string; value: string }[] }; name: string; error: string; onChoose(values: string[]): void }) {
  const multi = 'multi' in v && v.multi;
  const errorId = `var-error-${v.name}`;
  const options = v.options.length > 0 ? v.options : v.current.value.map((value, i) => ({ value, text: v.current.text[i] ?? value }));
  return (
    <select
      aria-label={name}
      aria-invalid={error ? true : undefined}
      aria-describedby={error ? errorId : undefined}
      multiple={multi}
      size={multi ? Math.min(4, Math.max(2, options.length)) : undefined}
      value={multi ? v.current.value : (v.current.value[0] ?? '')}
      onChange={(e) => {
        const picked = [...e.target.selectedOptions].map((o) => o.value);
        // Picking a value beside All means that value, as Grafana's picker does.
        onChoose(picked.length > 1 ? picked.filter((x) => x !== ALL_VALUE) : picked);
      }}
    >
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
              <Choice v={v} name={name} error={error} onChoose={(values) => onChoose(v.name, values)} />
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
