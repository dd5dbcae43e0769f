import { describe, expect, it } from 'vitest';
import { newPanel, newRow } from './defaults';
import { interpolate, type InterpolationScope, type ScopedValue } from './interpolate';
import type { GridPos, Panel, Row } from './model';
import { expandRepeats, type ExpandedItem } from './repeat';

function panel(id: number, gridPos: GridPos, extra: Partial<Panel> = {}): Panel {
  return { ...newPanel('timeseries', id, `P${id} $host`), gridPos, ...extra } as Panel;
}

function row(id: number, y: number, extra: Partial<Row> = {}): Row {
  return { ...newRow(id, `Row $host`, y), ...extra };
}

function hosts(values: string[], all = false): ScopedValue {
  return { values, texts: values.map((v) => v.toUpperCase()), all, allValue: '', multi: true, includeAll: true };
}

const layout = (items: ExpandedItem[]) =>
  items.map((it) => {
    const p = it.kind === 'panel' ? it.panel.gridPos : it.row.gridPos;
    return `${it.key} ${p.x},${p.y} ${p.w}x${p.h}`;
  });

describe('expandRepeats: panels', () => {
  it.each<[string, Partial<Panel>, string[], string[]]>([
    [
      'horizontal copies share the row',
      { repeatDirection: 'h', maxPerRow: 4 },
      ['a', 'b', 'c'],
      ['panel-1-a 0,0 8x8', 'panel-1-b 8,0 8x8', 'panel-1-c 16,0 8x8', 'panel-2 0,8 24x4'],
    ],
    [
      'horizontal copies wrap at maxPerRow',
      { repeatDirection: 'h', maxPerRow: 2 },
      ['a', 'b', 'c'],
      ['panel-1-a 0,0 12x8', 'panel-1-b 12,0 12x8', 'panel-1-c 0,8 12x8', 'panel-2 0,16 24x4'],
    ],
    [
      'maxPerRow 4 makes five copies a quarter wide',
      { repeatDirection: 'h', maxPerRow: 4 },
      ['a', 'b', 'c', 'd', 'e'],
      ['panel-1-a 0,0 6x8', 'panel-1-b 6,0 6x8', 'panel-1-c 12,0 6x8', 'panel-1-d 18,0 6x8', 'panel-1-e 0,8 6x8', 'panel-2 0,16 24x4'],
    ],
    [
      'vertical copies stack at the panel’s place and size',
      { repeatDirection: 'v', gridPos: { x: 6, y: 0, w: 12, h: 8 } },
      ['a', 'b'],
      ['panel-1-a 6,0 12x8', 'panel-1-b 6,8 12x8', 'panel-2 0,16 24x4'],
    ],
    ['one value is one full-width copy', { repeatDirection: 'h' }, ['a'], ['panel-1-a 0,0 24x8', 'panel-2 0,8 24x4']],
    ['no value leaves the panel as it is', { repeatDirection: 'h' }, [], ['panel-1 0,0 12x8', 'panel-2 0,8 24x4']],
  ])('%s', (_name, extra, values, want) => {
    const items = [panel(1, { x: 0, y: 0, w: 12, h: 8 }, { repeat: 'host', ...extra }), panel(2, { x: 0, y: 8, w: 24, h: 4 })];
    expect(layout(expandRepeats(items, { host: hosts(values) }))).toEqual(want);
  });

  it('binds each copy to its one value, escaped as the variable would be', () => {
    const items = [panel(1, { x: 0, y: 0, w: 24, h: 8 }, { repeat: 'host' })];
    const out = expandRepeats(items, { host: hosts(['a.1', 'b.2'], true), job: hosts(['x']) });
    expect(out.map((it) => interpolate('up{instance=~"$host"}', it.scope))).toEqual(['up{instance=~"a\\\\.1"}', 'up{instance=~"b\\\\.2"}']);
    expect(out.map((it) => (it.kind === 'panel' ? interpolate(it.panel.title, it.scope, 'text') : ''))).toEqual(['P1 A.1', 'P1 B.2']);
    expect(out[0].scope.job).toEqual(hosts(['x']));
  });

  it('keeps keys when the selection grows', () => {
    const items = [panel(1, { x: 0, y: 0, w: 24, h: 8 }, { repeat: 'host' })];
    const before = expandRepeats(items, { host: hosts(['a', 'b']) }).map((it) => it.key);
    const after = expandRepeats(items, { host: hosts(['a', 'x', 'b']) }).map((it) => it.key);
    expect(after).toEqual(expect.arrayContaining(before));
  });
});

describe('expandRepeats: rows', () => {
  it('repeats an open row with the panels of its section, pushing the rest down', () => {
    const items: (Panel | Row)[] = [
      row(1, 0, { repeat: 'host' }),
      panel(2, { x: 0, y: 1, w: 12, h: 8 }),
      panel(3, { x: 12, y: 1, w: 12, h: 4 }),
      row(4, 9),
      panel(5, { x: 0, y: 10, w: 24, h: 8 }),
    ];
    const out = expandRepeats(items, { host: hosts(['a', 'b']) });
    expect(layout(out)).toEqual([
      'row-1-a 0,0 24x1',
      'panel-2-a 0,1 12x8',
      'panel-3-a 12,1 12x4',
      'row-1-b 0,9 24x1',
      'panel-2-b 0,10 12x8',
      'panel-3-b 12,10 12x4',
      'row-4 0,18 24x1',
      'panel-5 0,19 24x8',
    ]);
    expect(out.map((it) => it.scope.host.values)).toEqual([['a'], ['a'], ['a'], ['b'], ['b'], ['b'], ['a', 'b'], ['a', 'b']]);
  });

  it('repeats a collapsed row one grid row apart, its panels held inside', () => {
    const inside = panel(2, { x: 0, y: 1, w: 24, h: 8 });
    const items: (Panel | Row)[] = [row(1, 0, { repeat: 'host', collapsed: true, panels: [inside] }), row(3, 1)];
    const out = expandRepeats(items, { host: hosts(['a', 'b', 'c']) });
    expect(layout(out)).toEqual(['row-1-a 0,0 24x1', 'row-1-b 0,1 24x1', 'row-1-c 0,2 24x1', 'row-3 0,3 24x1']);
    expect(out[1].kind === 'row' && out[1].row.panels).toEqual([inside]);
  });

  it('repeats panels inside each copy of a repeated row, each seeing both values', () => {
    const items: (Panel | Row)[] = [row(1, 0, { repeat: 'dc' }), panel(2, { x: 0, y: 1, w: 24, h: 4 }, { repeat: 'host', repeatDirection: 'h' })];
    const scope: InterpolationScope = { dc: hosts(['eu', 'us']), host: hosts(['a', 'b']) };
    const out = expandRepeats(items, scope);
    expect(layout(out)).toEqual([
      'row-1-eu 0,0 24x1',
      'panel-2-eu-a 0,1 12x4',
      'panel-2-eu-b 12,1 12x4',
      'row-1-us 0,5 24x1',
      'panel-2-us-a 0,6 12x4',
      'panel-2-us-b 12,6 12x4',
    ]);
    expect(out.map((it) => interpolate('$dc/$host', it.scope, 'text'))).toEqual(['EU/A + B', 'EU/A', 'EU/B', 'US/A + B', 'US/A', 'US/B']);
  });
});
