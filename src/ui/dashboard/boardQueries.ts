// A board's refresh: every visible panel's targets interpolated in the
// panel's scope with Grafana's built-ins, filtered by the board's ad hoc
// filters, and sent to the engine as ONE batch; the answers handed back as
// each panel's PanelData. Stale answers (an older refresh answering after a
// newer one) are dropped.

import type { BatchQuery, EngineApi } from '../../engine/api';
import { applyAdhocFilters } from '../../dashboards/adhocFilters';
import { interpolate, type InterpolationScope } from '../../dashboards/interpolate';
import { builtinVariables, panelInterval } from '../../dashboards/intervals';
import type { AdhocFilter, Panel } from '../../dashboards/model';
import { scopeOf } from '../../dashboards/variables';
import type { InstantResult, RangeColumns } from '../../model/queryResult';
import { errorMessage, failureText, type Result } from '../../model/result';
import type { PanelData, PanelFrame } from './panelData';

/** A panel on screen, as the grid lays it out. */
export interface VisiblePanel {
  /** The expanded item's key: unique per repeat. */
  key: string;
  panel: Panel;
  scope: InterpolationScope;
  widthPx: number;
}

export interface RefreshContext {
  startMs: number;
  endMs: number;
  scrapeIntervalMs: number;
  filters: AdhocFilter[];
  /** The board's source, for panels that do not name one. */
  source: string;
}

/** One target of one panel: its query's place in the batch, or why it was not sent. */
interface PlannedTarget {
  refId: string;
  legendFormat: string;
  expr: string;
  sent: { index: number } | { error: string };
}

/** A panel's part of the plan; a text panel needs no data and is drawn at once. */
interface PlannedPanel {
  needsData: boolean;
  targets: PlannedTarget[];
}

export interface BoardPlan {
  queries: BatchQuery[];
  panels: Map<string, PlannedPanel>;
}

/** Where a panel's or a variable's queries go: a URL, '' for this browser, or a datasource variable's choice (`$datasource`). */
export function resolveSource(source: string, scope: InterpolationScope): string {
  return interpolate(source, scope);
}

/**
 * Grafana's Prometheus data source's alignRange: start down and end up to a
 * multiple of the step, so a refresh reuses the same steps and the last step
 * is not before now (down, a fresh store drew nothing for up to a step).
 */
function alignRange(startMs: number, endMs: number, stepMs: number): { startMs: number; endMs: number } {
  return { startMs: Math.floor(startMs / stepMs) * stepMs, endMs: Math.ceil(endMs / stepMs) * stepMs };
}

export function planBoard(panels: VisiblePanel[], ctx: RefreshContext): BoardPlan {
  const queries: BatchQuery[] = [];
  const planned = new Map<string, PlannedPanel>();
  const rangeMs = ctx.endMs - ctx.startMs;
  for (const { key, panel, scope, widthPx } of panels) {
    const targets: PlannedTarget[] = [];
    for (const t of panel.targets) {
      if (t.hide || !t.expr.trim()) continue;
      const minInterval = interpolate(t.interval || panel.interval, scope);
      const { intervalMs, error } = panelInterval({ rangeMs, maxDataPoints: Math.max(1, Math.round(widthPx)), minInterval, scrapeIntervalMs: ctx.scrapeIntervalMs });
      if (error) {
        targets.push({ refId: t.refId, legendFormat: t.legendFormat, expr: t.expr, sent: { error: `Query ${t.refId}: ${error}` } });
        continue;
      }
      const full: InterpolationScope = {
        ...scope,
        ...scopeOf([], builtinVariables({ startMs: ctx.startMs, endMs: ctx.endMs, intervalMs, scrapeIntervalMs: ctx.scrapeIntervalMs })),
      };
      const legendFormat = interpolate(t.legendFormat, full);
      const filtered = applyAdhocFilters(interpolate(t.expr, full), ctx.filters);
      if (!filtered.ok) {
        targets.push({ refId: t.refId, legendFormat, expr: t.expr, sent: { error: `Query ${t.refId}: ${failureText(filtered.error)}` } });
        continue;
      }
      const source = resolveSource(panel.source ?? ctx.source, full);
      const expr = filtered.value;
      queries.push(
        t.instant
          ? { source, expr, kind: 'instant', timeMs: ctx.endMs }
          : { source, expr, kind: 'range', ...alignRange(ctx.startMs, ctx.endMs, intervalMs), stepMs: intervalMs },
      );
      targets.push({ refId: t.refId, legendFormat, expr, sent: { index: queries.length - 1 } });
    }
    planned.set(key, { needsData: panel.type !== 'text', targets });
  }
  return { queries, panels: planned };
}

function hasData(r: RangeColumns | InstantResult): boolean {
  if ('series' in r) return r.series.length > 0;
  return r.rows.length > 0 || (r.matrix?.length ?? 0) > 0 || r.text !== undefined;
}

/** What a text panel gets: nothing to ask, drawn at once. */
const NOTHING_TO_ASK: PanelData = { state: 'ok', frames: [], error: '', notices: [] };

/** Each planned panel's data from the batch's answers (in the order asked). */
export function panelDataFrom(plan: BoardPlan, answers: Result<RangeColumns | InstantResult>[]): Map<string, PanelData> {
  const out = new Map<string, PanelData>();
  for (const [key, { needsData, targets }] of plan.panels) {
    if (!needsData) {
      out.set(key, NOTHING_TO_ASK);
      continue;
    }
    const frames: PanelFrame[] = [];
    const errors: string[] = [];
    const notices: string[] = [];
    for (const t of targets) {
      if ('error' in t.sent) {
        errors.push(t.sent.error);
        continue;
      }
      const answer = answers[t.sent.index];
      if (!answer) {
        errors.push(`Query ${t.refId}: no answer`);
      } else if (!answer.ok) {
        errors.push(`Query ${t.refId}: ${failureText(answer.error)}`);
      } else {
        frames.push({ refId: t.refId, legendFormat: t.legendFormat, expr: t.expr, result: answer.value });
        notices.push(...answer.value.warnings, ...answer.value.infos);
      }
    }
    const state = errors.length > 0 ? 'error' : frames.some((f) => hasData(f.result)) ? 'ok' : 'empty';
    out.set(key, { state, frames, error: errors.join('\n'), notices });
  }
  return out;
}

/**
 * Runs plans, each for some of the board's panels; every run first reports
 * its panels as loading (keeping their previous frames), then their answers,
 * except for panels a newer run has asked again meanwhile. The report is
 * every panel's data so far.
 */
export function createBoardQueries(api: Pick<EngineApi, 'queryBatch'>, report: (data: Map<string, PanelData>) => void) {
  let generation = 0;
  /** The run whose answer each panel waits for. */
  const newest = new Map<string, number>();
  let shown = new Map<string, PanelData>();
  const publish = (data: Map<string, PanelData>) => {
    shown = data;
    report(data);
  };
  return {
    async run(plan: BoardPlan): Promise<void> {
      const mine = ++generation;
      const loading = new Map(shown);
      for (const [key, { needsData }] of plan.panels) {
        newest.set(key, mine);
        const before = shown.get(key);
        loading.set(key, needsData ? { state: 'loading', frames: before?.frames ?? [], error: '', notices: before?.notices ?? [] } : NOTHING_TO_ASK);
      }
      publish(loading);
      let answers: Result<RangeColumns | InstantResult>[];
      try {
        answers = plan.queries.length > 0 ? await api.queryBatch(plan.queries) : [];
      } catch (e) {
        answers = plan.queries.map(() => ({ ok: false, error: { where: 'engine', what: errorMessage(e) } }));
      }
      const next = new Map(shown);
      let fresh = false;
      for (const [key, data] of panelDataFrom(plan, answers)) {
        if (newest.get(key) !== mine) continue;
        next.set(key, data);
        fresh = true;
      }
      if (fresh) publish(next);
    },
  };
}
