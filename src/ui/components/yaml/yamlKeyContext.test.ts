import { describe, expect, it } from 'vitest';
import { keyContextAt } from './yamlKeyContext';

/** The text with `‸` marking the cursor. */
function at(marked: string) {
  const pos = marked.indexOf('‸');
  return keyContextAt(marked.slice(0, pos) + marked.slice(pos + 1), pos);
}

describe('keyContextAt', () => {
  it.each([
    ['a top-level key', 'glo‸', [], 'glo'],
    ['a key under a mapping', 'global:\n  scrape_interval: 5s\n  eval‸', ['global'], 'eval'],
    ['a new list item', 'scrape_configs:\n  - jo‸', ['scrape_configs', '-'], 'jo'],
    ['a later key of a list item', 'scrape_configs:\n  - job_name: a\n    metr‸', ['scrape_configs', '-'], 'metr'],
    ['a list at its key’s column', 'scrape_configs:\n- job_name: a\n  sch‸', ['scrape_configs', '-'], 'sch'],
    ['a top-level key after a list at its key’s column', 'scrape_configs:\n- job_name: a\nrem‸', [], 'rem'],
    ['back out of a nested mapping', 'global:\n  external_labels:\n    a: b\n  scr‸', ['global'], 'scr'],
    [
      'a rule inside a group',
      'groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: up == 0\n        an‸',
      ['groups', '-', 'rules', '-'],
      'an',
    ],
    ['past a block scalar', 'groups:\n  - name: g\n    rules:\n      - expr: |\n          sum(x)\n        fo‸', ['groups', '-', 'rules', '-'], 'fo'],
    ['an empty line, asked for', 'global:\n  ‸', ['global'], ''],
    ['past comments and blank lines', 'global:\n  # the clock\n\n  scr‸', ['global'], 'scr'],
  ])('%s', (_name, text, path, prefix) => {
    const c = at(text);
    expect(c?.path).toEqual(path);
    expect(c?.prefix).toBe(prefix);
  });

  it('lists the keys the mapping already has', () => {
    expect([...at('scrape_configs:\n  - job_name: a\n    scheme: http\n    ‸')!.present]).toEqual(['job_name', 'scheme']);
  });

  it.each([
    ['in a value', 'global:\n  scrape_interval: 5‸'],
    ['inside a block scalar', 'groups:\n  - rules:\n      - expr: |\n          su‸'],
    ['in flow style', 'targets: [lo‸'],
  ])('offers no key %s', (_name, text) => {
    expect(at(text)).toBeNull();
  });
});
