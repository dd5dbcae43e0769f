// @vitest-environment happy-dom
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { CompletionContext, type CompletionResult, type CompletionSource } from '@codemirror/autocomplete';
import { diagnosticCount, forceLinting, forEachDiagnostic } from '@codemirror/lint';
import { EditorView } from '@codemirror/view';
import { ok } from '../../model/result';
import { dataSourceOver, type SourceCalls } from '../dataSource';
import { EngineCompletionClient } from './promClient';
import { QueryEditor, type QueryEditorProps } from './QueryEditor';

// Node resolves the package's CommonJS build, which loads a second copy of
// @codemirror/state; the browser (and Vite) use the ES build, so tests do too.
vi.mock('@prometheus-io/codemirror-promql', () => import('@prometheus-io/codemirror-promql/dist/esm/index.js'));

beforeAll(() => {
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
});

let root: Root | null = null;
let host: HTMLDivElement | null = null;
afterEach(() => {
  act(() => root?.unmount());
  host?.remove();
  root = null;
  host = null;
});

function mount(props: Partial<QueryEditorProps> = {}) {
  const onChange = vi.fn();
  const onRun = vi.fn();
  host = document.createElement('div');
  document.body.append(host);
  root = createRoot(host);
  const render = (more: Partial<QueryEditorProps> = {}) =>
    act(() => root!.render(<QueryEditor value="" onChange={onChange} onRun={onRun} {...props} {...more} />));
  render();
  const view = EditorView.findFromDOM(host.querySelector('.cm-editor') as HTMLElement)!;
  return { view, onChange, onRun, render };
}

function fakeClient() {
  return new EngineCompletionClient({
    labelNames: async () => ok(['job']),
    labelValues: async (name) => ok(name === '__name__' ? ['http_requests_total', 'process_cpu_seconds_total'] : ['node']),
    series: async () => ok([]),
    metadata: async () => ok({ http_requests: [{ type: 'counter', help: 'Requests served.', unit: '' }] }),
  });
}

async function complete(view: EditorView): Promise<CompletionResult | null> {
  const pos = view.state.doc.length;
  const [source] = view.state.languageDataAt<CompletionSource>('autocomplete', pos);
  return source(new CompletionContext(view.state, pos, true));
}

describe('QueryEditor', () => {
  it('shows the value in a labelled text box', () => {
    const { view } = mount({ value: 'up{job="node"}' });
    expect(view.state.doc.toString()).toBe('up{job="node"}');
    expect(view.contentDOM.getAttribute('aria-label')).toBe('PromQL expression');
    expect(view.contentDOM.getAttribute('contenteditable')).toBe('true');
  });

  const enter = (ctrlKey: boolean) => new KeyboardEvent('keydown', { key: 'Enter', keyCode: 13, ctrlKey, bubbles: true, cancelable: true });

  it('runs on Ctrl+Enter without touching the text', () => {
    const { view, onRun } = mount({ value: 'up' });
    view.contentDOM.dispatchEvent(enter(true));
    expect(onRun).toHaveBeenCalledTimes(1);
    expect(view.state.doc.toString()).toBe('up');
  });

  it('does not run on a plain Enter', () => {
    const { view, onRun } = mount({ value: 'up' });
    view.contentDOM.dispatchEvent(enter(false));
    expect(onRun).not.toHaveBeenCalled();
  });

  it('reports edits, but not the edits that mirror the value prop', () => {
    const { view, onChange, render } = mount({ value: 'up' });
    act(() => view.dispatch({ changes: { from: 2, insert: '[5m]' } }));
    expect(onChange).toHaveBeenLastCalledWith('up[5m]');
    render({ value: 'rate(up[5m])' });
    expect(view.state.doc.toString()).toBe('rate(up[5m])');
    expect(onChange).toHaveBeenCalledTimes(1);
  });

  it('completes metric names with TYPE and HELP from the client', async () => {
    const { view } = mount({ value: 'http', client: fakeClient() });
    const result = await complete(view);
    const option = result?.options.find((o) => o.label === 'http_requests_total');
    expect(option).toMatchObject({ detail: 'counter', info: 'Requests served.' });
    expect(result?.options.some((o) => o.label === 'histogram_quantile')).toBe(true);
  });

  it('completes label values through a client set after mounting', async () => {
    const { view, render } = mount({ value: 'up{job="' });
    render({ value: 'up{job="', client: fakeClient() });
    const result = await complete(view);
    expect(result?.options.map((o) => o.label)).toContain('node');
  });

  it('lints with positions', async () => {
    const { view } = mount({ value: 'rate(up)' });
    forceLinting(view);
    const found: { from: number; to: number; message: string }[] = [];
    await vi.waitFor(() => expect(diagnosticCount(view.state)).toBe(1));
    forEachDiagnostic(view.state, ({ message }, from, to) => found.push({ from, to, message }));
    expect(found).toEqual([{ from: 5, to: 7, message: 'expected type matrix in call to function "rate", got vector' }]);
  });

  // codemirror-promql 0.314's grammar has the native histogram trim operators, as the engine's parser does.
  it.each([
    { value: 'h </ 2', found: [] },
    { value: 'h >/ on (le) f # a </ b', found: [] },
    { value: 'rate(h) >/ 2', found: [{ from: 5, to: 6, message: 'expected type matrix in call to function "rate", got vector' }] },
  ])('lints the histogram trim operators as the engine reads them: $value', async ({ value, found }) => {
    const { view } = mount({ value });
    forceLinting(view);
    await new Promise((r) => setTimeout(r, 50));
    const got: { from: number; to: number; message: string }[] = [];
    await vi.waitFor(() => expect(diagnosticCount(view.state)).toBe(found.length));
    forEachDiagnostic(view.state, ({ message }, from, to) => got.push({ from, to, message }));
    expect(got).toEqual(found);
  });

  it.each([
    { value: 'rate(up{job="$job"}[$__rate_interval])', count: 0 },
    { value: 'sum(x[[[interval]]])', count: 0 },
    { value: 'rate(up)', count: 1 },
  ])('a dashboard query is linted only while it names no variable: $value', async ({ value, count }) => {
    const { view } = mount({ value, templated: true });
    forceLinting(view);
    await new Promise((r) => setTimeout(r, 50));
    await vi.waitFor(() => expect(diagnosticCount(view.state)).toBe(count));
  });

  it('completes from a remote source and still lints', async () => {
    const engine: SourceCalls = {
      instantQuery: async () => ok({ resultType: 'vector', rows: [], warnings: [], infos: [] }),
      rangeQuery: async () => ok({ resultType: 'matrix', times: new Float64Array(), series: [], warnings: [], infos: [] }),
      labelNames: async () => ok(['job']),
      labelValues: async (source, name) => ok(name === '__name__' ? [`only_in_${new URL(source).hostname}_total`] : []),
      series: async () => ok([]),
      metadata: async () => ok({}),
      cancelQuery: async () => {},
    };
    const remote = dataSourceOver(engine, 'http://far:9090');
    const { view } = mount({ value: 'rate(only', client: new EngineCompletionClient(remote) });
    expect((await complete(view))?.options.map((o) => o.label)).toContain('only_in_far_total');
    forceLinting(view);
    await vi.waitFor(() => expect(diagnosticCount(view.state)).toBe(1));
  });
});
