import { describe, expect, it } from 'vitest';
import { Text } from '@codemirror/state';
import { problemDiagnostic, problemDiagnostics } from './yamlDiagnostics';

const marked = (doc: Text, d: { from: number; to: number }) => doc.sliceString(d.from, d.to);

describe('problemDiagnostic', () => {
  const doc = Text.of(['global:', '  scrape_intervall: 5s', '  scrape_timeout: "ten"   # comment', '  x: 12s  # why']);
  it.each([
    ['a key, up to its colon', 2, 3, 'scrape_intervall'],
    ['a quoted value', 3, 19, '"ten"'],
    ['a plain value, without its comment', 4, 6, '12s'],
  ])('marks %s', (_name, line, column, text) => {
    const d = problemDiagnostic(doc, { line, column, message: 'm' }, 'error');
    expect(marked(doc, d)).toBe(text);
    expect(doc.lineAt(d.from).number).toBe(line);
  });

  it('puts an unplaced problem on the first line', () => {
    const d = problemDiagnostic(doc, { line: 0, column: 0, message: 'template' }, 'error');
    expect(d).toMatchObject({ from: 0, to: 'global:'.length, message: 'template' });
  });

  it('keeps a place past the end inside the document', () => {
    const d = problemDiagnostic(doc, { line: 99, column: 99, message: 'm' }, 'warning');
    expect(d.from).toBe(doc.length);
    expect(d.severity).toBe('warning');
  });
});

// Places as the engine's checks give them (src/engine/yamlFiles.test.ts pins these), through to the marked text.
describe('diagnostics from the engine’s checks', () => {
  it('marks an unknown prometheus.yml key where Prometheus places it', () => {
    const doc = Text.of(['global:', '  scrape_interval: 5s', 'scrape_configs:', '  - job_name: demo', '    scrape_intervall: 5s']);
    const [d] = problemDiagnostics(doc, { errors: [{ line: 5, column: 5, message: 'field scrape_intervall not found in type config.ScrapeConfig' }], warnings: [] });
    expect(doc.lineAt(d.from).number).toBe(5);
    expect(marked(doc, d)).toBe('scrape_intervall');
    expect(d).toMatchObject({ severity: 'error', message: 'field scrape_intervall not found in type config.ScrapeConfig' });
  });

  it('marks errors before warnings, each at its own word', () => {
    const doc = Text.of(['scrape_configs:', '  - job_name: demo', '    scrape_interval: 5x', '    tls_config: {}']);
    const ds = problemDiagnostics(doc, { errors: [{ line: 3, column: 22, message: 'not a valid duration string: "5x"' }], warnings: [{ line: 4, column: 5, message: 'field tls_config is not supported by Vigil and is ignored' }] });
    expect(ds.map((d) => [d.severity, marked(doc, d)])).toEqual([
      ['error', '5x'],
      ['warning', 'tls_config'],
    ]);
  });

  it('marks each broken rule of a rule file at its expression', () => {
    const doc = Text.of(['groups:', '  - name: g', '    rules:', '      - record: a', '        expr: sum(', '      - alert: B', '        expr: up ==']);
    const ds = problemDiagnostics(doc, { errors: [{ line: 5, column: 15, message: 'a' }, { line: 7, column: 15, message: 'b' }], warnings: [] });
    expect(ds.map((d) => [doc.lineAt(d.from).number, marked(doc, d)])).toEqual([
      [5, 'sum('],
      [7, 'up =='],
    ]);
  });
});
