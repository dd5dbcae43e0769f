// A new variable of each type with Grafana's defaults, for the settings' variables editor.

import type { Variable } from '../../dashboards/model';

export const VARIABLE_TYPES: Variable['type'][] = ['query', 'custom', 'textbox', 'constant', 'interval', 'datasource'];

export function newVariable(type: Variable['type'], name: string): Variable {
  const base = { name, label: '', description: '', hide: 0 as const, current: { text: [], value: [] } };
  const multi = { multi: false, includeAll: false, allValue: '' };
  switch (type) {
    case 'query':
      return { ...base, ...multi, type, query: 'label_values(job)', regex: '', sort: 1, refresh: 1, options: [] };
    case 'custom':
      return { ...base, ...multi, type, query: '', options: [] };
    case 'textbox':
      return { ...base, type, query: '' };
    case 'constant':
      return { ...base, hide: 2, type, query: '' };
    case 'interval':
      return { ...base, type, query: '1m,10m,30m,1h,6h,12h,1d', auto: false, autoCount: 30, autoMin: '10s', options: [] };
    case 'datasource':
      return { ...base, ...multi, type, options: [{ text: 'This browser', value: '' }] };
  }
}
