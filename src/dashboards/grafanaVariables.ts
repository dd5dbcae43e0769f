// `templating.list` read into Vigil's variables: query, custom, constant,
// interval, textbox and datasource variables; ad hoc variables become the
// board's filter bar. Follows Grafana's migrations where they change a
// variable (DashboardMigrator: schema 27 turns shown constants into text boxes).

import { resolveSource, type SourceContext } from './grafanaDatasources';
import { isRaw, JsonObject } from './grafanaJson';
import type { AdhocFilter, AdhocOperator, Variable, VariableCurrent, VariableOption } from './model';

const QUERY_FORMS = /^\s*(label_values|label_names|metrics|query_result)\s*\(/;
const OPERATORS: readonly string[] = ['=', '!=', '=~', '!~'];

function strings(v: unknown): string[] {
  if (Array.isArray(v)) return v.filter((x): x is string | number => typeof x === 'string' || typeof x === 'number').map(String);
  if (typeof v === 'string' || typeof v === 'number') return [String(v)];
  return [];
}

function readCurrent(v: JsonObject): VariableCurrent {
  const c = v.obj('current');
  c.skip('selected', 'tags');
  const value = strings(c.take('value'));
  const text = strings(c.take('text'));
  return { value, text: text.length === value.length ? text : value };
}

function readOptions(v: JsonObject): VariableOption[] {
  return v.objs('options').map((o) => {
    o.skip('selected');
    const value = o.str('value');
    return { text: o.str('text', value), value };
  });
}

function hideOf(v: JsonObject): 0 | 1 | 2 {
  const h = v.num('hide');
  return h === 1 || h === 2 ? h : 0;
}

/** Datasource variables' plugin ids by name, which panels' `$ds` references need before the variables are read. */
export function datasourceVariables(list: JsonObject[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const v of list) if (v.raw.type === 'datasource' && typeof v.raw.name === 'string') out.set(v.raw.name, typeof v.raw.query === 'string' ? v.raw.query : '');
  return out;
}

export function readVariables(list: JsonObject[], schemaVersion: number, ctx: SourceContext): { variables: Variable[]; filters: AdhocFilter[] } {
  const variables: Variable[] = [];
  const filters: AdhocFilter[] = [];
  for (const v of list) {
    const type = v.str('type', 'query');
    const name = v.str('name');
    v.skip('datasource', 'refresh', 'skipUrlSync', 'error', 'index', 'state', 'global', 'id', 'rootStateKey', 'tagValuesQuery', 'tagsQuery', 'useTags', 'tags', 'allFormat');
    const base = { name, label: v.str('label'), description: v.str('description'), hide: hideOf(v) };
    const multi = () => ({ multi: v.bool('multi'), includeAll: v.bool('includeAll'), allValue: v.str('allValue') });
    switch (type) {
      case 'query': {
        const q = v.take('query');
        let query = typeof q === 'string' ? q : isRaw(q) && typeof q.query === 'string' ? q.query : '';
        const definition = v.str('definition');
        if (query === '') query = definition;
        const ds = resolveSource(v.take('datasource'), v.at('datasource'), ctx);
        if (ds.kind !== 'prometheus') {
          v.note('unsupported', `variable ${name} queries a datasource Vigil cannot query and was left out`);
          continue;
        }
        if (!QUERY_FORMS.test(query)) v.note('unsupported', `variable ${name}'s query "${query}" is not label_values(), label_names(), metrics() or query_result(): it will fail until edited`, 'query');
        const refresh = v.num('refresh');
        const sort = v.num('sort') ?? 0;
        variables.push({
          ...base,
          type: 'query',
          ...multi(),
          query,
          regex: v.str('regex'),
          sort: sort >= 0 && sort <= 8 ? sort : 0,
          // Schema 29: Grafana refreshes "never" variables on load too.
          refresh: refresh === 2 ? 2 : 1,
          ...(ds.source === undefined ? {} : { source: ds.source }),
          options: readOptions(v),
          current: readCurrent(v),
        });
        break;
      }
      case 'custom':
        variables.push({ ...base, type: 'custom', ...multi(), query: v.str('query'), options: readOptions(v), current: readCurrent(v) });
        break;
      case 'constant': {
        const query = v.str('query');
        v.skip('options', 'current');
        const value = { text: [query], value: [query] };
        if (schemaVersion < 27 && base.hide !== 2) {
          v.note('changed', `constant ${name} is shown, so it became a text box (as Grafana 7.4 does)`);
          variables.push({ ...base, type: 'textbox', query, current: value });
        } else variables.push({ ...base, type: 'constant', query, current: value });
        break;
      }
      case 'textbox':
        v.skip('options');
        variables.push({ ...base, type: 'textbox', query: v.str('query'), current: readCurrent(v) });
        break;
      case 'interval':
        variables.push({
          ...base,
          type: 'interval',
          query: v.str('query'),
          auto: v.bool('auto'),
          autoCount: v.num('auto_count') ?? 30,
          autoMin: v.str('auto_min', '10s'),
          options: readOptions(v),
          current: readCurrent(v),
        });
        v.skip('refresh');
        break;
      case 'datasource': {
        const plugin = v.str('query');
        v.skip('options', 'current', 'refresh');
        if (plugin !== 'prometheus') {
          v.note('unsupported', `datasource variable ${name} picks ${plugin || 'any'} datasources, which Vigil cannot query, and was left out`);
          continue;
        }
        const regex = v.str('regex');
        if (regex !== '') v.note('changed', `datasource variable ${name}'s regex "${regex}" is not used: it offers this browser and every remote source`, 'regex');
        v.note('mapped', `datasource variable ${name} offers this browser and the remote sources; it starts on this browser`);
        const options = [{ text: 'this browser', value: '' }, ...ctx.sources.map((u) => ({ text: u, value: u }))];
        variables.push({ ...base, type: 'datasource', ...multi(), options, current: { text: ['this browser'], value: [''] } });
        break;
      }
      case 'adhoc': {
        resolveSource(v.take('datasource'), v.at('datasource'), ctx);
        for (const f of v.objs('filters')) {
          const operator = f.str('operator', '=');
          f.skip('condition');
          if (!OPERATORS.includes(operator)) {
            f.note('unsupported', `ad hoc filter operator "${operator}" is not supported: the filter was left out`);
            continue;
          }
          filters.push({ key: f.str('key'), operator: operator as AdhocOperator, value: f.str('value') });
        }
        v.skip('baseFilters', 'defaultKeys', 'allowCustomValue');
        v.note('mapped', `ad hoc variable ${name} → the board's filter bar`);
        break;
      }
      default:
        v.note('unsupported', `variable ${name} of type "${type}" is not supported and was left out`);
        continue;
    }
    v.leftovers(`variable ${name} option`);
  }
  return { variables, filters };
}
