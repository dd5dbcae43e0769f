// alertmanager.yml in the browser: the YAML editor prometheus.yml has, with
// keys completed and problems shown at their line as `amtool check-config` finds them, with the routing tree as
// `amtool config routes show` prints it and a "which receivers get these
// labels" test answering as `amtool config routes test`.

import { useEffect, useState } from 'react';
import type { TextProblem } from '../../model/result';
import { ProblemList } from '../components/ProblemList';
import { YamlEditor } from '../components/yaml/YamlEditor';
import { engine } from '../engineClient';

/** `a=b c="d e"` as amtool takes labels on its command line. */
function parseLabelArgs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of text.matchAll(/([^\s=]+)=("(?:[^"\\]|\\.)*"|\S*)/g)) out[m[1]] = m[2].startsWith('"') ? (JSON.parse(m[2]) as string) : m[2];
  return out;
}

export function AlertmanagerEditor() {
  const [text, setText] = useState<string | null>(null);
  const [problems, setProblems] = useState<TextProblem[]>([]);
  const [saved, setSaved] = useState('');
  const [tree, setTree] = useState('');
  const [labels, setLabels] = useState('alertname=DemoUp severity=critical');
  const [answer, setAnswer] = useState('');
  const refreshTree = () =>
    engine()
      .routesTest({})
      .then((r) => setTree(r.ok ? r.value.tree : ''));
  useEffect(() => {
    void engine().alertmanagerConfig().then(setText);
    void engine()
      .routesTest({})
      .then((r) => setTree(r.ok ? r.value.tree : ''));
  }, []);
  if (text === null) return null;
  const save = async () => {
    const r = await engine().setAlertmanagerConfig(text);
    setProblems(r.ok ? [] : (r.error.problems ?? []));
    setSaved(r.ok ? (text.trim() === '' ? 'Removed: alerts go to the banner and the webhook.' : 'Saved: alerts are routed by it.') : '');
    await refreshTree();
  };
  const test = async () => {
    const r = await engine().routesTest(parseLabelArgs(labels));
    setAnswer(r.ok ? r.value.receivers : r.error.what);
  };
  return (
    <section className="card" aria-label="Alertmanager configuration">
      <h2>Routing (alertmanager.yml)</h2>
      <p className="muted">Empty: every alert goes to the banner and the webhook. Receivers with vigil_banner_configs or vigil_desktop_configs show in this page; webhook receivers are posted to; other kinds are checked but not deliverable from a browser.</p>
      <YamlEditor
        kind="alertmanager"
        label="alertmanager.yml"
        value={text}
        onChange={(v) => {
          setText(v);
          setSaved('');
        }}
      />
      <div className="row">
        <button type="button" className="primary" onClick={() => void save()}>
          Save alertmanager.yml
        </button>
        <span role="status">{saved}</span>
      </div>
      <ProblemList label="alertmanager.yml problems" problems={problems} />
      {tree ? (
        <>
          <pre className="mono small" aria-label="Routing tree">
            {tree}
          </pre>
          <form
            className="row wrap"
            aria-label="Routes test"
            onSubmit={(e) => {
              e.preventDefault();
              void test();
            }}
          >
            <label>
              Labels{' '}
              <input className="mono" value={labels} onChange={(e) => setLabels(e.target.value)} />
            </label>
            <button type="submit">Which receivers?</button>
            <output aria-label="Receivers" className="mono">
              {answer}
            </output>
          </form>
        </>
      ) : null}
    </section>
  );
}
