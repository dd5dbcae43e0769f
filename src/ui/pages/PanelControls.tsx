// A panel's view controls: result tab, time range (relative preset or an
// absolute end), resolution, live mode, and the graph's y-axis, stacking and
// time zone. Each change goes straight to the panel (and so the URL).

import { useId, useState, type KeyboardEvent } from 'react';
import { formatDuration, parseDuration } from '../../model/duration';
import { SourceInput } from '../components/SourceInput';
import { PANEL_TABS, type Panel } from '../stores/panelsStore';
import { autoStepMs, RANGE_PRESETS_MS } from './queryRun';
import { fromDateTimeInput, toDateTimeInput } from './dateTimeInput';
import { errorMessage } from '../../model/result';

const TAB_TITLES = { graph: 'Graph', table: 'Table', explain: 'Explain' } as const;

interface Props {
  panel: Panel;
  onChange(change: Partial<Panel>): void;
}

/** A text box that commits on Enter or leaving it, so typing "1m" does not query "1" first. */
function StepInput({ panel, onChange }: Pick<Props, 'panel' | 'onChange'>) {
  const committed = panel.stepMs === null ? '' : formatDuration(panel.stepMs);
  const [text, setText] = useState(committed);
  const [shownFor, setShownFor] = useState(committed);
  const [problem, setProblem] = useState('');
  if (shownFor !== committed) {
    setShownFor(committed);
    setText(committed);
  }
  const problemId = useId();
  const commit = () => {
    const t = text.trim();
    if (t === '') {
      setProblem('');
      onChange({ stepMs: null });
      return;
    }
    try {
      const ms = parseDuration(t);
      if (ms < 1) throw new Error('the step must be more than zero');
      setProblem('');
      onChange({ stepMs: ms });
    } catch (e) {
      setProblem(errorMessage(e));
    }
  };
  return (
    <label className="control">
      Step{' '}
      <input
        className="step"
        value={text}
        placeholder={`auto (${formatDuration(autoStepMs(panel.rangeMs))})`}
        aria-label="Resolution (query step), empty for automatic"
        aria-invalid={problem !== ''}
        aria-describedby={problem ? problemId : undefined}
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        onKeyDown={(e: KeyboardEvent) => e.key === 'Enter' && commit()}
      />
      {problem ? (
        <span id={problemId} className="error small" role="alert">
          {problem}
        </span>
      ) : null}
    </label>
  );
}

export function PanelControls({ panel, onChange }: Props) {
  const live = panel.endMs === null;
  return (
    <div className="panel-controls">
      <div role="tablist" aria-label="Result view">
        {PANEL_TABS.map((tab) => (
          <button key={tab} type="button" role="tab" aria-selected={panel.tab === tab} onClick={() => onChange({ tab })}>
            {TAB_TITLES[tab]}
          </button>
        ))}
      </div>
      {panel.tab !== 'table' ? (
        <label className="control">
          Range{' '}
          <select value={panel.rangeMs} onChange={(e) => onChange({ rangeMs: Number(e.target.value) })} aria-label="Time range">
            {RANGE_PRESETS_MS.includes(panel.rangeMs) ? null : <option value={panel.rangeMs}>{formatDuration(panel.rangeMs)}</option>}
            {RANGE_PRESETS_MS.map((ms) => (
              <option key={ms} value={ms}>
                {formatDuration(ms)}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      <label className="control">
        {panel.tab === 'table' ? 'At' : 'End'}{' '}
        <input
          type="datetime-local"
          step={1}
          aria-label={panel.tab === 'table' ? 'Evaluation time, empty for now' : 'End of the range, empty for now'}
          value={panel.endMs === null ? '' : toDateTimeInput(panel.endMs, panel.timeZone)}
          onChange={(e) => onChange({ endMs: fromDateTimeInput(e.target.value, panel.timeZone) })}
        />
      </label>
      <button type="button" aria-pressed={live} onClick={() => onChange({ endMs: live ? Date.now() : null })} title={live ? 'Following new samples; press to pause' : 'Paused; press to follow new samples'}>
        {live ? '● Live' : 'Paused'}
      </button>
      {panel.tab !== 'table' ? <StepInput panel={panel} onChange={onChange} /> : null}
      {panel.tab === 'graph' ? (
        <>
          <label className="control">
            <input type="checkbox" checked={panel.stacked} onChange={(e) => onChange({ stacked: e.target.checked })} /> Stacked
          </label>
          <label className="control">
            <input type="checkbox" checked={panel.logScale} onChange={(e) => onChange({ logScale: e.target.checked })} /> Log scale
          </label>
          <label className="control">
            <input type="checkbox" checked={panel.yFromZero} disabled={panel.logScale} onChange={(e) => onChange({ yFromZero: e.target.checked })} /> Y from zero
          </label>
        </>
      ) : null}
      <label className="control" title="Times in UTC rather than this browser's time zone">
        <input type="checkbox" checked={panel.timeZone === 'UTC'} onChange={(e) => onChange({ timeZone: e.target.checked ? 'UTC' : 'local' })} /> UTC
      </label>
      <SourceInput value={panel.source} onCommit={(source) => onChange({ source })} label="Data source URL, empty for this browser" />
    </div>
  );
}
