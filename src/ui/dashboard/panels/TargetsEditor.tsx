// A panel's queries: each target's PromQL (the query page's editor, with
// completion), legend format, min interval, instant or range, and hide;
// targets are added and removed here.
import type { PanelTarget } from '../../../dashboards/model';
import { newTarget } from '../../../dashboards/defaults';
import { QueryEditor } from '../../components/QueryEditor';
import { completionFor } from '../../stores/completionStore';
import { CheckField, SelectField, TextField } from './editorFields';

/** The next free refId: A, B, … Z, then AA, AB … as Grafana deals them. */
export function nextRefId(targets: readonly PanelTarget[]): string {
  const used = new Set(targets.map((t) => t.refId));
  for (let n = 0; ; n++) {
    let id = '';
    let k = n;
    do {
      id = String.fromCharCode(65 + (k % 26)) + id;
      k = Math.floor(k / 26) - 1;
    } while (k >= 0);
    if (!used.has(id)) return id;
  }
}

export interface TargetsEditorProps {
  targets: PanelTarget[];
  source: string;
  /** Commits the targets (the board queries them again). */
  onChange(t: PanelTarget[]): void;
  /** An expression being typed: kept as a draft until run, so a query is not sent per keystroke. */
  onDraft(refId: string, expr: string): void;
  /** Ctrl+Enter in an expression: commit the drafts. */
  onRun(): void;
}

export function TargetsEditor({ targets, source, onChange, onDraft, onRun }: TargetsEditorProps) {
  const set = (i: number, patch: Partial<PanelTarget>) => onChange(targets.map((t, j) => (j === i ? { ...t, ...patch } : t)));
  // A datasource variable is resolved by the board; completion asks this browser meanwhile.
  const client = completionFor(source.startsWith('$') ? '' : source);
  return (
    <div className="pe-targets">
      {targets.map((t, i) => (
        <fieldset key={t.refId} className="pe-target">
          <legend>Query {t.refId}</legend>
          <QueryEditor value={t.expr} onChange={(expr) => onDraft(t.refId, expr)} onRun={onRun} client={client} label={`Expression of query ${t.refId}`} templated />
          <div className="pe-row pe-wrap">
            <TextField label="Legend" value={t.legendFormat} placeholder="{{label}} (empty: the series' labels)" onChange={(legendFormat) => set(i, { legendFormat })} />
            <TextField label="Min step" value={t.interval} placeholder="e.g. 1m" onChange={(interval) => set(i, { interval: interval.trim() })} />
            <SelectField label="Type" value={t.instant ? 'instant' : 'range'} options={[['range', 'Range'], ['instant', 'Instant']]} onChange={(v) => set(i, { instant: v === 'instant' })} />
            <CheckField label="Hide" checked={t.hide} onChange={(hide) => set(i, { hide })} />
            <button type="button" onClick={() => onChange(targets.filter((_, j) => j !== i))} aria-label={`Remove query ${t.refId}`}>
              Remove
            </button>
          </div>
        </fieldset>
      ))}
      <div className="pe-row">
        <button type="button" onClick={() => onChange([...targets, newTarget(nextRefId(targets))])}>
          Add query
        </button>
        <button type="button" className="pe-run" onClick={onRun}>
          Run queries
        </button>
      </div>
    </div>
  );
}
