// A board's settings: title, description, tags, default refresh and time zone,
// its data source, and its variables (each type with its fields).

import { useState } from 'react';
import type { Dashboard, Variable } from '../../dashboards/model';
import { REFRESH_CHOICES } from '../../dashboards/timeRange';
import { newVariable, VARIABLE_TYPES } from './newVariable';

interface BoardSettingsProps {
  board: Dashboard;
  onChange(change: (b: Dashboard) => Dashboard): void;
  onClose(): void;
}

function Text({ label, value, onChange, wide = false }: { label: string; value: string; onChange(v: string): void; wide?: boolean }) {
  return (
    <label className={wide ? 'settings-wide' : undefined}>
      {label} <input value={value} onChange={(e) => onChange(e.target.value)} />
    </label>
  );
}

function Check({ label, value, onChange }: { label: string; value: boolean; onChange(v: boolean): void }) {
  return (
    <label>
      <input type="checkbox" checked={value} onChange={(e) => onChange(e.target.checked)} /> {label}
    </label>
  );
}

function VariableFields({ v, onChange }: { v: Variable; onChange(v: Variable): void }) {
  const set = (patch: Partial<Variable>) => onChange({ ...v, ...patch } as Variable);
  const who = v.name || 'variable';
  return (
    <>
      <Text label={`Name of ${who}`} value={v.name} onChange={(name) => set({ name })} />
      <Text label={`Label of ${who}`} value={v.label} onChange={(label) => set({ label })} />
      <Text label={`Description of ${who}`} value={v.description} onChange={(description) => set({ description })} />
      <label>
        Show {who}{' '}
        <select value={v.hide} onChange={(e) => set({ hide: Number(e.target.value) as 0 | 1 | 2 })}>
          <option value={0}>Label and value</option>
          <option value={1}>Value only</option>
          <option value={2}>Nothing</option>
        </select>
      </label>
      {'query' in v ? (
        <Text
          wide
          label={v.type === 'query' ? `Query of ${who}` : v.type === 'custom' ? `Values of ${who} (comma-separated)` : v.type === 'interval' ? `Intervals of ${who}` : `Value of ${who}`}
          value={v.query}
          onChange={(query) => set({ query })}
        />
      ) : null}
      {v.type === 'query' ? (
        <>
          <Text label={`Regex of ${who}`} value={v.regex} onChange={(regex) => set({ regex })} />
          <label>
            Sort {who}{' '}
            <select value={v.sort} onChange={(e) => set({ sort: Number(e.target.value) })}>
              {['Disabled', 'Alphabetical (asc)', 'Alphabetical (desc)', 'Numerical (asc)', 'Numerical (desc)', 'Alphabetical, case-insensitive (asc)', 'Alphabetical, case-insensitive (desc)', 'Natural (asc)', 'Natural (desc)'].map((t, i) => (
                <option key={t} value={i}>
                  {t}
                </option>
              ))}
            </select>
          </label>
          <label>
            Refresh {who}{' '}
            <select value={v.refresh} onChange={(e) => set({ refresh: e.target.value === '2' ? 2 : 1 })}>
              <option value={1}>On dashboard load</option>
              <option value={2}>On time range change</option>
            </select>
          </label>
          <Text label={`Data source of ${who}`} value={v.source ?? ''} onChange={(source) => set({ source: source || undefined })} />
        </>
      ) : null}
      {v.type === 'interval' ? (
        <>
          <Check label={`Auto option for ${who}`} value={v.auto} onChange={(auto) => set({ auto })} />
          <label>
            Steps of auto {who} <input type="number" min={1} value={v.autoCount} onChange={(e) => set({ autoCount: Number(e.target.value) })} />
          </label>
          <Text label={`Min interval of auto ${who}`} value={v.autoMin} onChange={(autoMin) => set({ autoMin })} />
        </>
      ) : null}
      {'multi' in v ? (
        <>
          <Check label={`Multi-value ${who}`} value={v.multi} onChange={(multi) => set({ multi })} />
          <Check label={`Include All for ${who}`} value={v.includeAll} onChange={(includeAll) => set({ includeAll })} />
          {v.includeAll ? <Text label={`Custom all value of ${who}`} value={v.allValue} onChange={(allValue) => set({ allValue })} /> : null}
        </>
      ) : null}
      {v.type === 'datasource' ? (
        <Text
          wide
          label={`Sources of ${who} (URLs, comma-separated; empty for this browser)`}
          value={v.options.map((o) => o.value).join(',')}
          onChange={(text) => set({ options: text.split(',').map((s) => ({ text: s.trim() || 'This browser', value: s.trim() })) })}
        />
      ) : null}
    </>
  );
}

export function BoardSettings({ board, onChange, onClose }: BoardSettingsProps) {
  const [type, setType] = useState<Variable['type']>('query');
  const setVariables = (f: (vs: Variable[]) => Variable[]) => onChange((b) => ({ ...b, variables: f(b.variables) }));
  const freeName = () => {
    let i = board.variables.length + 1;
    while (board.variables.some((v) => v.name === `var${i}`)) i++;
    return `var${i}`;
  };
  return (
    <section className="card board-settings" aria-label="Board settings">
      <div className="board-settings-head">
        <h2>Settings</h2>
        <button type="button" onClick={onClose}>
          Close settings
        </button>
      </div>
      <div className="settings-grid">
        <Text wide label="Title" value={board.title} onChange={(title) => onChange((b) => ({ ...b, title }))} />
        <Text wide label="Description" value={board.description} onChange={(description) => onChange((b) => ({ ...b, description }))} />
        <Text
          label="Tags (comma-separated)"
          value={board.tags.join(', ')}
          onChange={(t) =>
            onChange((b) => ({
              ...b,
              tags: t
                .split(',')
                .map((s) => s.trim())
                .filter(Boolean),
            }))
          }
        />
        <label>
          Default refresh{' '}
          <select value={board.refresh} onChange={(e) => onChange((b) => ({ ...b, refresh: e.target.value }))}>
            {REFRESH_CHOICES.map((r) => (
              <option key={r} value={r}>
                {r === '' ? 'Off' : r}
              </option>
            ))}
          </select>
        </label>
        <label>
          Default time zone{' '}
          <select value={board.timezone} onChange={(e) => onChange((b) => ({ ...b, timezone: e.target.value === 'utc' ? 'utc' : 'browser' }))}>
            <option value="browser">Local time</option>
            <option value="utc">UTC</option>
          </select>
        </label>
        <label className="settings-wide">
          Data source <input placeholder="This browser (or a Prometheus URL)" value={board.source} onChange={(e) => onChange((b) => ({ ...b, source: e.target.value.trim() }))} />
        </label>
      </div>
      <h3>Variables</h3>
      {board.variables.map((v, i) => (
        <fieldset key={i} className="settings-variable">
          <legend>
            {v.type} variable <span className="mono">${v.name}</span>
          </legend>
          <div className="settings-grid">
            <VariableFields v={v} onChange={(nv) => setVariables((vs) => vs.map((x, k) => (k === i ? nv : x)))} />
          </div>
          <button type="button" onClick={() => setVariables((vs) => vs.filter((_, k) => k !== i))}>
            Remove variable {v.name}
          </button>
        </fieldset>
      ))}
      <div className="row">
        <select aria-label="Type of new variable" value={type} onChange={(e) => setType(VARIABLE_TYPES.find((t) => t === e.target.value) ?? 'query')}>
          {VARIABLE_TYPES.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
        <button type="button" onClick={() => setVariables((vs) => [...vs, newVariable(type, freeName())])}>
          Add variable
        </button>
      </div>
    </section>
  );
}
