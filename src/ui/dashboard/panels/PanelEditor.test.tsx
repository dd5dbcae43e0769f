// @vitest-environment happy-dom
// The panel editor as a person uses it: switch the type and keep the
// queries, add a threshold and see the preview's colour follow, type an
// expression and send it only when run, add a query and an override.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { EditorView } from '@codemirror/view';
import { newPanel } from '../../../dashboards/defaults';
import type { Panel } from '../../../dashboards/model';
import type { PanelData } from '../panelData';
import { PanelEditor, switchPanelType } from './PanelEditor';
import { nextRefId } from './TargetsEditor';

vi.mock('../../stores/completionStore', () => ({ completionFor: () => undefined }));
// As in QueryEditor.test.tsx: the ES build, so one copy of @codemirror/state is loaded.
vi.mock('@prometheus-io/codemirror-promql', () => import('@prometheus-io/codemirror-promql/dist/esm/index.js'));

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let root: Root | null = null;
let host: HTMLElement | null = null;
afterEach(() => {
  act(() => root?.unmount());
  host?.remove();
});

const data: PanelData = {
  state: 'ok',
  frames: [{ refId: 'A', legendFormat: '{{job}}', expr: 'up', result: { resultType: 'vector', rows: [{ labels: { job: 'api' }, t: 0, value: 50 }], warnings: [], infos: [] } }],
  error: '',
  notices: [],
};

/** Renders the editor as the board would: each change re-renders it with the new panel. */
function renderEditor(initial: Panel) {
  host = document.createElement('div');
  document.body.append(host);
  root = createRoot(host);
  const changes: Panel[] = [];
  // After the editor is unmounted (closed) a change is only recorded.
  const draw = (panel: Panel) =>
    root?.render(
      <PanelEditor
        panel={panel}
        data={data}
        time={{ startMs: 0, endMs: 1000, timezone: 'utc' }}
        onChange={(p) => {
          changes.push(p);
          draw(p);
        }}
        onClose={vi.fn()}
      />,
    );
  act(() => draw(initial));
  return { el: host, changes, last: () => changes[changes.length - 1] };
}

function control(el: HTMLElement, label: string): HTMLInputElement | HTMLSelectElement {
  const l = [...el.querySelectorAll('label')].find((x) => x.textContent === label);
  if (!l) throw new Error(`no control labelled ${label}`);
  return el.querySelector(`#${CSS.escape(l.htmlFor)}`) as HTMLInputElement;
}

function setValue(input: HTMLInputElement | HTMLSelectElement, value: string) {
  const proto = input instanceof HTMLSelectElement ? HTMLSelectElement.prototype : HTMLInputElement.prototype;
  Object.getOwnPropertyDescriptor(proto, 'value')!.set!.call(input, value);
  input.dispatchEvent(new Event(input instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
}

function button(el: HTMLElement, name: string): HTMLButtonElement {
  const b = [...el.querySelectorAll('button')].find((x) => x.textContent === name || x.getAttribute('aria-label') === name);
  if (!b) throw new Error(`no button ${name}`);
  return b;
}

function statPanel(): Panel {
  const p = newPanel('stat', 3, 'Requests');
  p.targets[0] = { ...p.targets[0], expr: 'up', legendFormat: '{{job}}' };
  p.gridPos = { x: 6, y: 2, w: 6, h: 4 };
  return p;
}

describe('switchPanelType', () => {
  it("keeps title, queries, place and field config, and takes the new type's options", () => {
    const p = statPanel();
    p.fieldConfig.defaults.unit = 'bytes';
    const g = switchPanelType(p, 'gauge');
    expect(g).toMatchObject({ type: 'gauge', title: 'Requests', id: 3, gridPos: p.gridPos, targets: p.targets, options: { reducer: 'lastNotNull', showThresholdMarkers: true } });
    expect(g.fieldConfig.defaults.unit).toBe('bytes');
  });
  it('gives a text panel turned into a graph its first query', () => {
    expect(switchPanelType(newPanel('text', 1), 'timeseries').targets.map((t) => t.refId)).toEqual(['A']);
  });
});

describe('nextRefId', () => {
  it.each([
    [[], 'A'],
    [['A'], 'B'],
    [['A', 'C'], 'B'],
    [Array.from({ length: 26 }, (_, i) => String.fromCharCode(65 + i)), 'AA'],
  ])('after %j comes %s', (ids, want) => {
    expect(nextRefId(ids.map((refId) => ({ refId, expr: '', legendFormat: '', instant: false, interval: '', hide: false })))).toBe(want);
  });
});

describe('PanelEditor', () => {
  it('switches the type from the Visualization list and the preview follows', () => {
    const { el, last } = renderEditor(statPanel());
    expect(el.querySelector('.stat')).not.toBeNull();
    act(() => setValue(control(el, 'Visualization'), 'table'));
    expect(last()).toMatchObject({ type: 'table', title: 'Requests' });
    expect(el.querySelector('.table-panel')).not.toBeNull();
  });

  it('adds a threshold whose colour the preview takes', () => {
    const { el, last } = renderEditor(statPanel());
    act(() => button(el, 'Add threshold').click());
    expect(last().fieldConfig.defaults.thresholds.steps).toEqual([{ value: null, color: 'green' }, { value: 80, color: 'red' }, { value: 90, color: 'red' }]);
    act(() => setValue(control(el, 'Colour of step 1'), 'blue'));
    expect((el.querySelector('.stat-value') as HTMLElement).style.color).toMatch(/#5794f2|rgb\(87, 148, 242\)/i);
  });

  it('changes the unit and the preview reads it', () => {
    const { el } = renderEditor(statPanel());
    act(() => setValue(control(el, 'Unit'), 'percent'));
    expect(el.querySelector('.stat-value')?.textContent).toBe('50%');
  });

  it('adds a query with the next letter, and removes one', () => {
    const { el, last } = renderEditor(statPanel());
    act(() => button(el, 'Add query').click());
    expect(last().targets.map((t) => t.refId)).toEqual(['A', 'B']);
    act(() => button(el, 'Remove query A').click());
    expect(last().targets.map((t) => t.refId)).toEqual(['B']);
  });

  it('sets legend, min step, instant and hide of a query', () => {
    const { el, last } = renderEditor(statPanel());
    act(() => setValue(control(el, 'Legend'), '{{instance}}'));
    act(() => setValue(control(el, 'Min step'), '1m'));
    act(() => setValue(control(el, 'Type'), 'instant'));
    expect(last().targets[0]).toMatchObject({ legendFormat: '{{instance}}', interval: '1m', instant: true, hide: false });
  });

  it('adds an override for a series of the preview', () => {
    const { el, last } = renderEditor(statPanel());
    act(() => button(el, 'Add field override').click());
    act(() => button(el, 'Add override property').click());
    expect(last().fieldConfig.overrides).toEqual([{ matcher: { id: 'byName', options: 'api' }, properties: [{ id: 'color', value: { mode: 'fixed', fixedColor: 'red' } }] }]);
  });

  it('keeps an expression being typed as a draft and sends it when run', () => {
    const { el, changes, last } = renderEditor(statPanel());
    const view = EditorView.findFromDOM(el.querySelector('.cm-editor') as HTMLElement);
    expect(view).not.toBeNull();
    act(() => view!.dispatch({ changes: { from: 0, to: view!.state.doc.length, insert: 'rate(x[5m])' } }));
    expect(changes).toHaveLength(0);
    act(() => button(el, 'Run queries').click());
    expect(last().targets[0].expr).toBe('rate(x[5m])');
  });
  it('keeps an expression typed but not run when the editor closes', () => {
    const { el, changes, last } = renderEditor(statPanel());
    const view = EditorView.findFromDOM(el.querySelector('.cm-editor') as HTMLElement);
    act(() => view!.dispatch({ changes: { from: 0, to: view!.state.doc.length, insert: 'sum(up)' } }));
    expect(changes).toHaveLength(0);
    const closing = root!;
    root = null;
    act(() => closing.unmount());
    expect(last().targets[0].expr).toBe('sum(up)');
  });
});
