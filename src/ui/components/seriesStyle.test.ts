import { describe, expect, it } from 'vitest';
import { seriesColor, seriesFill, seriesName } from './seriesStyle';

describe('seriesName', () => {
  it.each([
    [{ __name__: 'up', job: 'node', instance: 'a:9100' }, 'up{instance="a:9100", job="node"}'],
    [{ job: 'x' }, '{job="x"}'],
    [{}, '{}'],
    [{ __name__: 'm', path: 'say "hi"\\n' }, 'm{path="say \\"hi\\"\\\\n"}'],
    [{ __name__: 'm', v: '<img src=x onerror=alert(1)>' }, 'm{v="<img src=x onerror=alert(1)>"}'],
  ])('%j reads %s', (labels, want) => {
    expect(seriesName(labels)).toBe(want);
  });
});

describe('seriesColor', () => {
  it('is stable for a name and differs between names', () => {
    expect(seriesColor('up{job="a"}')).toBe(seriesColor('up{job="a"}'));
    const colors = new Set(Array.from({ length: 50 }, (_, i) => seriesColor(`up{i="${i}"}`)));
    expect(colors.size).toBeGreaterThan(40);
    expect(seriesColor('x')).toMatch(/^hsl\(\d+ 70% (45|60)%\)$/);
  });

  it('fills with the same hue, see-through', () => {
    expect(seriesFill('hsl(120 70% 50%)')).toBe('hsl(120 70% 50% / 0.35)');
  });
});
