import { describe, expect, it } from 'vitest';
import { newDashboard, newPanel } from './defaults';
import { vigilBoard } from './vigilJson';

describe('vigilBoard', () => {
  it('takes Vigil\'s export back whole', () => {
    const board = { ...newDashboard('u1', 'Mine'), panels: [newPanel('stat', 1, 'S')], version: 4 };
    expect(vigilBoard(JSON.stringify(board))).toEqual(board);
  });

  it.each([
    ['Grafana JSON', '{"uid":"g","title":"G","panels":[{"type":"graph"}],"templating":{"list":[]}}'],
    ['a Vigil-looking board with a Grafana panel', '{"uid":"g","variables":[],"filters":[],"panels":[{"type":"graph"}]}'],
    ['text that does not parse', '{"uid":'],
    ['a list', '[]'],
  ])('leaves %s to the Grafana import', (_, text) => {
    expect(vigilBoard(text)).toBeNull();
  });
});
