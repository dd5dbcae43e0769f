import { describe, expect, it } from 'vitest';
import { labelLines, parseLabelLines, writtenUrl } from './targetLabels';

describe('target form labels', () => {
  it('reads name=value lines, quotes optional, and writes them back', () => {
    const { labels, problem } = parseLabelLines('env=prod\n\n team = "a=b" \n');
    expect(problem).toBe('');
    expect(labels).toEqual({ env: 'prod', team: 'a=b' });
    expect(labelLines(labels)).toBe('env=prod\nteam=a=b');
  });

  it('names the line that is not a label', () => {
    expect(parseLabelLines('env=prod\noops').problem).toBe('line 2: write a label as name=value');
  });

  it('rebuilds the URL a target was written with', () => {
    expect(writtenUrl({ __scheme__: 'https', __address__: 'h:1', __metrics_path__: '/m' })).toBe('https://h:1/m');
  });
});
