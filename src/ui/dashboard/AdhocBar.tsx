// The ad hoc filter bar: label, operator and value (names and values completed
// from the board's source), the filters as chips with a remove button each.

import { useEffect, useState } from 'react';
import type { AdhocFilter, AdhocOperator } from '../../dashboards/model';
import { dataSource } from '../dataSource';

const OPERATORS: AdhocOperator[] = ['=', '!=', '=~', '!~'];

interface AdhocBarProps {
  source: string;
  filters: AdhocFilter[];
  onChange(filters: AdhocFilter[]): void;
}

/** The source's label names (label null) or one label's values; [] while asked or when the look-up failed (completion helps, it does not gate). */
function useLabelList(source: string, label: string | null): string[] {
  const asked = JSON.stringify([source, label]);
  const [list, setList] = useState<{ asked: string; values: string[] }>({ asked: '', values: [] });
  useEffect(() => {
    let live = true;
    const ds = dataSource(source);
    void (label === null ? ds.labelNames() : ds.labelValues(label)).then((r) => {
      if (live) setList({ asked: JSON.stringify([source, label]), values: r.ok ? r.value : [] });
    });
    return () => {
      live = false;
    };
  }, [source, label]);
  return list.asked === asked ? list.values : [];
}

export function AdhocBar({ source, filters, onChange }: AdhocBarProps) {
  const [key, setKey] = useState('');
  const [operator, setOperator] = useState<AdhocOperator>('=');
  const [value, setValue] = useState('');
  const names = useLabelList(source, null);
  const values = useLabelList(source, key.trim() || '__name__');
  return (
    <div className="board-filters" role="group" aria-label="Ad hoc filters">
      <ul className="board-filter-chips" aria-label="Filters">
        {filters.map((f, i) => {
          const text = `${f.key}${f.operator}${f.value}`;
          return (
            <li key={`${text}-${i}`} className="board-filter-chip">
              <span className="mono">{f.key}</span> {f.operator} <span className="mono">{f.value}</span>
              <button type="button" aria-label={`Remove filter ${text}`} onClick={() => onChange(filters.filter((_, k) => k !== i))}>
                ✕
              </button>
            </li>
          );
        })}
      </ul>
      <form
        className="board-filter-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (!key.trim()) return;
          onChange([...filters, { key: key.trim(), operator, value }]);
          setKey('');
          setValue('');
        }}
      >
        <input aria-label="Filter label" placeholder="label" list="adhoc-label-names" value={key} onChange={(e) => setKey(e.target.value)} />
        <datalist id="adhoc-label-names">
          {names.map((n) => (
            <option key={n} value={n} />
          ))}
        </datalist>
        <select aria-label="Filter operator" value={operator} onChange={(e) => setOperator(OPERATORS.find((o) => o === e.target.value) ?? '=')}>
          {OPERATORS.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
        <input aria-label="Filter value" placeholder="value" list="adhoc-label-values" value={value} onChange={(e) => setValue(e.target.value)} />
        <datalist id="adhoc-label-values">
          {values.map((n) => (
            <option key={n} value={n} />
          ))}
        </datalist>
        <button type="submit" disabled={!key.trim()}>
          Add filter
        </button>
      </form>
    </div>
  );
}
