// A panel's Prometheus targets and where they go. Targets of a datasource
// Vigil cannot query are left out (the panel stays, empty) and reported.

import { resolveSource, type SourceContext, type SourceRef } from './grafanaDatasources';
import type { JsonObject } from './grafanaJson';
import type { PanelTarget } from './model';

export interface ReadTargets {
  targets: PanelTarget[];
  /** The panel's source: undefined follows the board. */
  source: string | undefined;
}

export function readTargets(p: JsonObject, ctx: SourceContext): ReadTargets {
  const panelRef = resolveSource(p.take('datasource'), p.at('datasource'), ctx);
  const targets: PanelTarget[] = [];
  let source = panelRef.kind === 'prometheus' ? panelRef.source : undefined;
  let targetSource: string | undefined;
  p.objs('targets').forEach((t, i) => {
    const refId = t.str('refId', String.fromCharCode(65 + (i % 26)));
    const own: SourceRef = t.has('datasource') ? resolveSource(t.take('datasource'), t.at('datasource'), ctx) : panelRef;
    const ref: SourceRef = own.kind === 'mixed' ? { kind: 'prometheus', source: undefined } : own;
    if (ref.kind !== 'prometheus') {
      t.note('unsupported', `query ${refId} uses ${ref.what} and was left out`);
      return;
    }
    if (panelRef.kind === 'mixed' && ref.source !== undefined) {
      if (targetSource !== undefined && targetSource !== ref.source) t.note('changed', `query ${refId} goes to ${targetSource} with the panel's other queries, not to ${ref.source}`);
      targetSource ??= ref.source;
    }
    let interval = t.str('interval');
    const step = t.num('step');
    if (interval === '' && step !== null) {
      interval = `${step}s`;
      t.note('changed', `the old "step" ${step} became the min interval ${interval}`, 'step');
    }
    const factor = t.num('intervalFactor');
    if (factor !== null && factor !== 1) t.note('unsupported', `resolution 1/${factor} (intervalFactor) is not supported: the step is not multiplied`, 'intervalFactor');
    const instant = t.bool('instant');
    const range = t.take('range');
    if (instant && range === true) t.note('changed', `query ${refId} asked for both range and instant: only the range query runs`, 'instant');
    const format = t.str('format', 'time_series');
    if (format === 'heatmap') t.note('mapped', `query ${refId}'s heatmap format: Vigil's heatmap reads the \`le\` buckets as they come`, 'format');
    else if (format === 'table') t.note('mapped', `query ${refId}'s table format: the series are shown by the panel as it draws them (a table shows one row per series)`, 'format');
    else if (format !== 'time_series') t.note('unsupported', `query format "${format}" is not supported: read as time series`, 'format');
    if (t.bool('exemplar')) t.note('unsupported', `exemplars of query ${refId} are not shown`, 'exemplar');
    t.skip('editorMode', 'key', 'queryType', 'datasource', 'hinting', 'metric', 'calculatedInterval', 'useBackend', 'disableTextWrap', 'fullMetaSearch', 'includeNullMetadata');
    const target: PanelTarget = {
      refId,
      expr: t.str('expr'),
      // `__auto` is Grafana 9's "Auto" legend: the series' labels, as Vigil's ''.
      legendFormat: t.str('legendFormat').replace(/^__auto$/, ''),
      instant: instant && range !== true,
      interval,
      hide: t.bool('hide'),
    };
    t.leftovers(`query ${refId} option`);
    targets.push(target);
  });
  if (panelRef.kind === 'mixed') source = targetSource;
  return { targets, source };
}
