// A target's labels before relabelling, after each of its job's relabel
// rules (what the rule added, changed or removed is marked), and the labels
// its samples finally get.

import { useEffect, useState } from 'react';
import type { RelabelPreview as Preview } from '../../engine/api';
import { LabelList } from '../components/LabelList';
import { engine } from '../engineClient';

/** Label names whose value differs between two label sets (added, changed or removed). */
export function changedNames(before: Record<string, string>, after: Record<string, string>): Set<string> {
  const out = new Set<string>();
  for (const k of new Set([...Object.keys(before), ...Object.keys(after)])) if (before[k] !== after[k]) out.add(k);
  return out;
}

function removed(before: Record<string, string>, after: Record<string, string>): string[] {
  return Object.keys(before).filter((k) => !(k in after));
}

export function RelabelPreview({ job, discovered }: { job: string; discovered: Record<string, string> }) {
  const [preview, setPreview] = useState<Preview | null>(null);
  useEffect(() => {
    let stale = false;
    void engine()
      .relabelPreview(job, discovered)
      .then((p) => stale || setPreview(p));
    return () => {
      stale = true;
    };
  }, [job, discovered]);
  // Each step compared with the last labels a rule kept.
  const inputs: Record<string, string>[] = [];
  if (preview) {
    let last = discovered;
    for (const s of preview.steps) {
      inputs.push(last);
      if (s.labels) last = s.labels;
    }
  }
  return (
    <div className="relabel-preview">
      <h3>Before relabelling (discovered)</h3>
      <LabelList labels={discovered} />
      {preview === null ? <p className="muted">Loading…</p> : null}
      {preview && preview.steps.length === 0 ? <p className="muted small">The job has no relabel_configs.</p> : null}
      {preview ? (
        <ol className="relabel-steps">
          {preview.steps.map((s, i) => {
            const prev = inputs[i];
            const gone = s.labels ? removed(prev, s.labels) : [];
            return (
              <li key={i}>
                <code className="mono small">{s.rule}</code>
                {s.labels === null ? (
                  <p className="error">This rule drops the target.</p>
                ) : changedNames(prev, s.labels).size === 0 ? (
                  <p className="muted small">No change.</p>
                ) : (
                  <>
                    <LabelList labels={s.labels} changed={changedNames(prev, s.labels)} />
                    {gone.length > 0 ? <p className="muted small">Removed: {gone.join(', ')}</p> : null}
                  </>
                )}
              </li>
            );
          })}
        </ol>
      ) : null}
      {preview?.final ? (
        <>
          <h3>After relabelling (on every sample)</h3>
          <LabelList labels={Object.fromEntries(Object.entries(preview.final).filter(([k]) => !k.startsWith('__')))} />
        </>
      ) : null}
      {preview?.error ? <p className="error">Invalid target: {preview.error}</p> : null}
    </div>
  );
}
