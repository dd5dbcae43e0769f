// Rules: each group's recording and alerting rules with their health, state,
// last evaluation and error, where the group's queries read (this browser or
// a remote Prometheus), and the rule files themselves (Prometheus rule YAML),
// edited here and checked by the engine before they replace the old.

import { useEffect, useRef, useState } from 'react';
import type { AlertingViews, RuleFileText } from '../../engine/api';
import type { TextProblem } from '../../model/result';
import { formatDuration } from '../../model/duration';
import { formatTime } from '../components/GraphTooltip';
import { LabelList } from '../components/LabelList';
import { SourceInput } from '../components/SourceInput';
import { engine } from '../engineClient';
import { downloadText, pickedText } from '../fileTransfer';
import { useAlerts } from '../stores/alertsStore';
import { BacktestPanel } from './BacktestPanel';
import { alertingRuleYaml } from './ruleYaml';
import './alerting.css';
import { ProblemList } from '../components/ProblemList';
import { YamlEditor } from '../components/yaml/YamlEditor';

type Group = AlertingViews['groups'][number];

const NEW_RULE = `- alert: DemoInstanceDown
  expr: up{job="demo"} == 0
  for: 30s
  labels:
    severity: page
  annotations:
    summary: "{{ $labels.instance }} is down"`;

const NEW_FILE = `groups:
  - name: example
    rules:
${NEW_RULE.replace(/^/gm, '      ')}
`;

type RuleView = Group['rules'][number];

/**
 * Where the group's queries read. Kept by the engine beside the rule file, not
 * in it: promtool refuses fields it does not know, and the file stays portable.
 */
function GroupSource({ group }: { group: Group }) {
  const [problem, setProblem] = useState('');
  const change = async (url: string) => {
    const r = await engine().setRuleGroupSource(group.file, group.name, url);
    setProblem(r.ok ? '' : r.error.what);
  };
  return (
    <div className="row wrap">
      <SourceInput value={group.source} onCommit={(url) => void change(url)} label={`Data source URL of rule group ${group.name}, empty for this browser`}>
        Queries read
      </SourceInput>
      <span className="muted small source-note">
        {group.source ? `${group.source}; recorded series and alerts stay in this browser.` : 'this browser’s store.'}
      </span>
      {problem ? (
        <span className="error small" role="alert">
          {problem}
        </span>
      ) : null}
    </div>
  );
}

function RuleGroup({ group, onBacktest }: { group: Group; onBacktest(r: RuleView): void }) {
  return (
    <section className="card" aria-label={`Rule group ${group.name}`}>
      <h2>
        {group.name} <span className="muted small">{group.file} · every {formatDuration(group.interval)}</span>
      </h2>
      <p className="muted small">
        Last evaluation {group.lastEvaluation > 0 ? formatTime(group.lastEvaluation, 'local') : 'not yet'}, took {group.evaluationDurationMs.toFixed(1)} ms
      </p>
      <GroupSource group={group} />
      <div className="table-scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">Rule</th>
              <th scope="col">Expression</th>
              <th scope="col">State</th>
              <th scope="col">Health</th>
              <th scope="col">Error</th>
              <th scope="col">Last evaluation</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {group.rules.map((r) => (
              <tr key={`${r.kind}/${r.name}/${r.expr}`}>
                <td>
                  <span className="muted small">{r.kind === 'alerting' ? 'alert' : 'record'}</span> <strong>{r.name}</strong>
                  {Object.keys(r.labels).length > 0 ? <LabelList labels={r.labels} /> : null}
                </td>
                <td className="mono small">{r.expr}</td>
                <td>{r.state ? `${r.state}${r.alerts && r.alerts.length > 0 ? ` (${r.alerts.length})` : ''}` : ''}</td>
                <td>
                  <span className={`health health-${r.health === 'ok' ? 'up' : r.health === 'err' ? 'down' : 'unknown'}`}>{r.health.toUpperCase()}</span>
                </td>
                <td className="error-text">{[r.lastError, r.templateError].filter(Boolean).join('; ')}</td>
                <td className="nowrap small">
                  {r.lastEvaluation > 0 ? `${formatTime(r.lastEvaluation, 'local')} (${r.evaluationDurationMs.toFixed(1)} ms)` : 'not yet'}
                </td>
                <td>
                  {r.kind === 'alerting' ? (
                    <button type="button" onClick={() => onBacktest(r)} aria-label={`Backtest ${r.name}`}>
                      Backtest
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** Why the engine refused a rule file, as `promtool check rules` words it, at its line and column; or `ok` when it took it. */
function FileProblems({ name, problems, ok }: { name: string; problems: TextProblem[]; ok?: string }) {
  if (problems.length === 0) return ok ? <p role="status">{ok}</p> : null;
  return <ProblemList label={`Problems in ${name}`} problems={problems} />;
}

function RuleFileEditor({ file, onSaved }: { file: RuleFileText; onSaved(): void }) {
  const [text, setText] = useState(file.text);
  const [problems, setProblems] = useState<TextProblem[]>([]);
  const [saved, setSaved] = useState('');
  const save = async () => {
    const r = await engine().setRuleFile(file.name, text);
    setProblems(r.ok ? [] : (r.error.problems ?? []));
    setSaved(r.ok ? 'Saved and loaded.' : '');
    if (r.ok) onSaved();
  };
  return (
    <div className="rule-file">
      <h3 className="mono">{file.name}</h3>
      <YamlEditor
        kind="rules"
        label={`Rule file ${file.name}`}
        value={text}
        onChange={(t) => {
          setText(t);
          setSaved('');
        }}
        onChecked={(check) => setProblems(check.errors)}
      />
      <div className="row">
        <button type="button" className="primary" onClick={() => void save()} aria-label={`Save rule file ${file.name}`}>
          Save rule file
        </button>
        <button type="button" onClick={() => downloadText(file.name, text, 'application/yaml')} aria-label={`Export rule file ${file.name}`}>
          Export
        </button>
        <button
          type="button"
          onClick={() => void engine().deleteRuleFile(file.name).then(onSaved)}
          aria-label={`Delete rule file ${file.name}`}
        >
          Delete
        </button>
        <span role="status">{saved}</span>
      </div>
      <FileProblems name={file.name} problems={problems} />
    </div>
  );
}

function RuleFiles() {
  const [files, setFiles] = useState<RuleFileText[] | null>(null);
  const [round, setRound] = useState(0);
  const [newName, setNewName] = useState('');
  useEffect(() => {
    void engine().ruleFiles().then(setFiles);
  }, [round]);
  const [imported, setImported] = useState<{ name: string; problems: TextProblem[] } | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const reload = () => setRound((r) => r + 1);
  const names = new Set(files?.map((f) => f.name));
  // An imported file is checked as a saved one is; a refused one stays open in an editor to be fixed.
  const importFile = async () => {
    const picked = fileRef.current && (await pickedText(fileRef.current));
    if (!picked) return;
    const r = await engine().setRuleFile(picked.name, picked.text);
    setImported({ name: picked.name, problems: r.ok ? [] : (r.error.problems ?? []) });
    if (r.ok) reload();
    else setFiles([...(files ?? []).filter((f) => f.name !== picked.name), picked]);
  };
  const add = () => {
    const name = newName.trim() || 'rules.yml';
    if (names.has(name)) return;
    setFiles([...(files ?? []), { name, text: NEW_FILE }]);
    setNewName('');
  };
  return (
    <section className="card" aria-label="Rule files">
      <h2>Rule files</h2>
      {files === null ? <p className="muted">Loading…</p> : null}
      {files?.length === 0 ? <p className="muted">No rule files yet.</p> : null}
      {files?.map((f) => (
        <RuleFileEditor key={`${f.name}\0${f.text}`} file={f} onSaved={reload} />
      ))}
      <div className="row wrap">
        <input aria-label="New rule file name" placeholder="rules.yml" value={newName} onChange={(e) => setNewName(e.target.value)} />
        <button type="button" onClick={add} disabled={files === null}>
          New rule file
        </button>
        <label className="file-button">
          <input ref={fileRef} type="file" accept=".yml,.yaml,application/yaml,text/yaml" className="visually-hidden" onChange={() => void importFile()} />
          <span>Import rule file…</span>
        </label>
      </div>
      {imported ? <FileProblems name={imported.name} problems={imported.problems} ok={`Imported ${imported.name} and loaded it.`} /> : null}
    </section>
  );
}

export function RulesPage() {
  const views = useAlerts((s) => s.views);
  const [backtest, setBacktest] = useState<{ rule: string; round: number } | null>(null);
  const open = (rule: string) => setBacktest((b) => ({ rule, round: (b?.round ?? 0) + 1 }));
  return (
    <div className="page">
      {views?.groups.map((g) => (
        <RuleGroup key={`${g.file}/${g.name}`} group={g} onBacktest={(r) => open(alertingRuleYaml(r))} />
      ))}
      {backtest ? (
        <BacktestPanel key={backtest.round} initialRule={backtest.rule} onClose={() => setBacktest(null)} />
      ) : (
        <p>
          <button type="button" onClick={() => open(NEW_RULE)}>
            Backtest a new rule
          </button>
        </p>
      )}
      <RuleFiles />
    </div>
  );
}
