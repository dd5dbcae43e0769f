import { describe, expect, it } from 'vitest';
import { parseExpr } from '../../promql/parser/parse';
import { exportGrafana } from '../grafanaExport';
import { importGrafana } from '../grafanaImport';
import type { Dashboard, GridPos, Panel } from '../model';
import { GRID_COLUMNS } from '../model';
import { DEMO_DASHBOARD_UID, SHIPPED_DASHBOARDS } from './index';

/** Variables by simple substitution: built-in intervals as a duration, the rest as a label value. */
function substitute(expr: string): string {
  return expr.replace(/\$\{(\w+)(?::\w+)?\}|\$(\w+)/g, (_m, a: string | undefined, b: string | undefined) => ((a ?? b ?? '').startsWith('__') ? '1m' : 'x'));
}

function allPanels(b: Dashboard): Panel[] {
  return b.panels.flatMap((p) => (p.kind === 'row' ? p.panels : [p]));
}

function overlaps(a: GridPos, b: GridPos): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

function checkLayout(items: { id: number; gridPos: GridPos }[]): string[] {
  const problems: string[] = [];
  items.forEach((p, i) => {
    if (p.gridPos.x < 0 || p.gridPos.w < 1 || p.gridPos.x + p.gridPos.w > GRID_COLUMNS) problems.push(`${p.id} is outside the 24 columns`);
    for (const q of items.slice(i + 1)) if (overlaps(p.gridPos, q.gridPos)) problems.push(`${p.id} overlaps ${q.id}`);
  });
  return problems;
}

describe.each(SHIPPED_DASHBOARDS.map((b) => [b.uid, b] as const))('shipped board %s', (_uid, board) => {
  it('has queries that all parse once variables are substituted', () => {
    const failures: string[] = [];
    for (const p of allPanels(board)) {
      for (const t of p.targets) {
        try {
          parseExpr(substitute(t.expr));
        } catch (e) {
          failures.push(`${p.title} ${t.refId}: ${t.expr}: ${String(e)}`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(allPanels(board).filter((p) => p.type !== 'text' && p.targets.length === 0)).toEqual([]);
  });

  it('has unique ids and a grid without overlaps', () => {
    const ids = board.panels.flatMap((p) => (p.kind === 'row' ? [p.id, ...p.panels.map((c) => c.id)] : [p.id]));
    expect(new Set(ids).size).toBe(ids.length);
    expect(checkLayout(board.panels)).toEqual([]);
    for (const r of board.panels) if (r.kind === 'row') expect(checkLayout(r.panels)).toEqual([]);
  });

  it('exports to Grafana and imports back unchanged', () => {
    const r = importGrafana(JSON.stringify(exportGrafana(board)), { sources: [] });
    if (!r.ok) throw new Error(r.error.what);
    expect(r.value.report.items.filter((i) => i.kind !== 'mapped')).toEqual([]);
    expect(r.value.dashboard).toEqual({ ...board, refresh: board.refresh === 'live' ? '5s' : board.refresh });
  });
});

describe('SHIPPED_DASHBOARDS', () => {
  it('ships the demo, Vigil and node_exporter boards, the demo first', () => {
    expect(SHIPPED_DASHBOARDS.map((b) => [b.uid, b.title])).toEqual([
      [DEMO_DASHBOARD_UID, 'Demo service'],
      ['vigil', 'Vigil'],
      ['node-exporter', 'Node exporter'],
    ]);
  });

  it('repeats a stat per demo instance', () => {
    const demo = SHIPPED_DASHBOARDS[0];
    expect(demo.variables.map((v) => v.name)).toContain('instance');
    expect(allPanels(demo).filter((p) => p.repeat === 'instance').map((p) => p.type)).toEqual(['stat']);
  });
});
