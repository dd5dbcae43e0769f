// The add/edit target form: job, URL and extra labels. The engine writes the
// change into prometheus.yml and reloads it; its refusal is shown as text.

import { useId, useState, type FormEvent } from 'react';
import type { StaticTarget } from '../../engine/api';
import type { TextProblem } from '../../model/result';
import { engine } from '../engineClient';
import { labelLines, parseLabelLines } from './targetLabels';
import { ProblemList } from '../components/ProblemList';

interface Props {
  /** The target being edited, or null to add one. */
  editing: StaticTarget | null;
  jobs: readonly string[];
  onDone(): void;
}

export function TargetForm({ editing, jobs, onDone }: Props) {
  const id = useId();
  const [job, setJob] = useState(editing?.job ?? '');
  const [url, setUrl] = useState(editing?.url ?? '');
  const [labels, setLabels] = useState(editing ? labelLines(editing.labels) : '');
  const [problems, setProblems] = useState<TextProblem[]>([]);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const parsed = parseLabelLines(labels);
    if (parsed.problem) {
      setProblems([{ line: 0, column: 0, message: parsed.problem }]);
      return;
    }
    const target = { job, url, labels: parsed.labels };
    setBusy(true);
    const r = await engine().changeTargets(editing ? { kind: 'replace', at: editing, target } : { kind: 'add', target });
    setBusy(false);
    if (r.ok) onDone();
    else setProblems(r.error.problems ?? []);
  };
  const title = editing ? `Edit target ${editing.url}` : 'Add target';
  return (
    <form className="card target-form" aria-label={title} onSubmit={(e) => void submit(e)}>
      <h2>{title}</h2>
      <div className="form-grid">
        <label htmlFor={`${id}-job`}>Job</label>
        <input id={`${id}-job`} list={`${id}-jobs`} required value={job} onChange={(e) => setJob(e.target.value)} placeholder="e.g. node" autoComplete="off" />
        <datalist id={`${id}-jobs`}>
          {jobs.map((j) => (
            <option key={j} value={j} />
          ))}
        </datalist>
        <label htmlFor={`${id}-url`}>URL</label>
        <input id={`${id}-url`} type="url" required value={url} onChange={(e) => setUrl(e.target.value)} placeholder="http://127.0.0.1:9100/metrics" />
        <label htmlFor={`${id}-labels`}>Labels</label>
        <textarea id={`${id}-labels`} className="mono" rows={3} value={labels} onChange={(e) => setLabels(e.target.value)} placeholder={'one per line: env=prod'} aria-describedby={`${id}-hint`} />
      </div>
      <p id={`${id}-hint`} className="muted small">
        The target must answer with CORS headers (Access-Control-Allow-Origin) for this page to read it.
      </p>
      <div className="row">
        <button type="submit" className="primary" disabled={busy}>
          {editing ? 'Save target' : 'Add target'}
        </button>
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
      <ProblemList label="Target problems" problems={problems} />
    </form>
  );
}
