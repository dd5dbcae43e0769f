// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { ALL_VALUE, type Variable } from '../../dashboards/model';
import { VariablesBar } from './VariablesBar';

beforeAll(() => {
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
});
beforeEach(() => document.body.replaceChildren());

const base = { description: '', hide: 0 as const, allValue: '', regex: '', sort: 0, refresh: 1 as const };
const job: Variable = { ...base, type: 'query', name: 'job', label: 'Job <b>x</b>', current: { text: ['node'], value: ['node'] }, multi: false, includeAll: false, query: 'label_values(job)', options: [{ text: 'node', value: 'node' }, { text: 'demo', value: 'demo' }] };
const instance: Variable = { ...base, type: 'query', name: 'instance', label: '', current: { text: ['All'], value: [ALL_VALUE] }, multi: true, includeAll: true, query: 'label_values(up, instance)', options: [{ text: 'All', value: ALL_VALUE }, { text: 'a', value: 'a' }, { text: 'b', value: 'b' }] };

function show(variables: Variable[], errors: Record<string, string> = {}) {
  const onChoose = vi.fn();
  const host = document.createElement('div');
  document.body.append(host);
  act(() => createRoot(host).render(<VariablesBar variables={variables} errors={errors} onChoose={onChoose} />));
  return { host, onChoose };
}

describe('VariablesBar', () => {
  it('names each control by its label, else its name, with markup in labels left as text', () => {
    const { host } = show([job, instance]);
    expect(host.querySelector('select')?.getAttribute('aria-label')).toBe('Job <b>x</b>');
    expect(host.querySelector('b')).toBeNull();
    expect(host.querySelector('button')?.getAttribute('aria-label')).toBe('instance');
  });

  it('shows a failed look-up on its control', () => {
    const { host } = show([job], { job: 'bad_data: 1:14: parse error' });
    const select = host.querySelector('select')!;
    expect(select.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(select.getAttribute('aria-describedby')!)?.textContent).toBe('bad_data: 1:14: parse error');
  });

  it('choosing a value beside All leaves All', () => {
    const { host, onChoose } = show([instance]);
    act(() => host.querySelector('button')!.click());
    const boxes = host.querySelectorAll<HTMLInputElement>('input[type=checkbox]');
    act(() => boxes[1].click());
    expect(onChoose).toHaveBeenCalledWith('instance', ['a']);
  });
});
