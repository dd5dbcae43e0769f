// prometheus.yml as text: edit (checked as you type, problems at their line),
// save and apply, import from a file, export to one. Reloads from the engine when the configuration changes elsewhere (the
// target form, another tab) unless there are unsaved edits here.

import { useEffect, useRef, useState } from 'react';
import type { TextProblem } from '../../model/result';
import { engine } from '../engineClient';
import { downloadText, pickedText } from '../fileTransfer';
import { useEngine } from '../stores/engineStore';
import { ProblemList } from '../components/ProblemList';
import { YamlEditor } from '../components/yaml/YamlEditor';

export function ConfigEditor() {
  const configVersion = useEngine((s) => s.configVersion);
  const [text, setText] = useState<string | null>(null);
  const [dirty, setDirty] = useState(false);
  const [problems, setProblems] = useState<TextProblem[]>([]);
  const [saved, setSaved] = useState('');
  const fileRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (dirty) return;
    void engine().getConfig().then(setText);
  }, [configVersion, dirty]);
  if (text === null) return null;
  const apply = async (yaml: string, done: string) => {
    const r = await engine().setConfig(yaml);
    setProblems(r.ok ? [] : (r.error.problems ?? []));
    setSaved(r.ok ? done : '');
    if (r.ok) setDirty(false);
  };
  const importFile = async () => {
    const picked = fileRef.current && (await pickedText(fileRef.current));
    if (!picked) return;
    setText(picked.text);
    setDirty(true);
    await apply(picked.text, `Imported ${picked.name} and applied.`);
  };
  return (
    <section className="card" aria-label="Configuration">
      <h2>Configuration (prometheus.yml)</h2>
      <div className="row wrap">
        <button type="button" onClick={() => downloadText('prometheus.yml', text, 'application/yaml')}>
          Export prometheus.yml
        </button>
        <label className="file-button">
          <input ref={fileRef} type="file" accept=".yml,.yaml,application/yaml,text/yaml" className="visually-hidden" onChange={() => void importFile()} />
          <span>Import prometheus.yml…</span>
        </label>
      </div>
      <YamlEditor
        kind="prometheus"
        label="Configuration YAML"
        value={text}
        onChange={(t) => {
          setText(t);
          setDirty(true);
          setSaved('');
        }}
        onChecked={(check) => setProblems(check.errors)}
      />
      <div className="row">
        <button type="button" className="primary" onClick={() => void apply(text, 'Saved and applied.')}>
          Save and apply
        </button>
        {dirty ? (
          <button type="button" onClick={() => setDirty(false)}>
            Discard edits
          </button>
        ) : null}
        <span role="status">{saved}</span>
      </div>
      <ProblemList label="Configuration problems" problems={problems} />
    </section>
  );
}
