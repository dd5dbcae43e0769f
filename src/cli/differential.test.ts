import { describe, expect, it } from 'vitest';
import { compareAnswers, formatReport, parseQueries, readQueries, runDifferential, verdict } from './differential';
import { prometheusMissing, type ApiAnswer } from './prometheusCompare';

const vector = (...samples: [Record<string, string>, string][]): ApiAnswer => ({
  status: 'success',
  data: { resultType: 'vector', result: samples.map(([metric, v]) => ({ metric, value: [10, v] })) },
});

describe('comparing answers', () => {
  it.each([
    ['equal within 1e-9 relative', vector([{ a: '1' }, '1']), vector([{ a: '1' }, '1.0000000001'])],
    ['NaN against NaN', vector([{ a: '1' }, 'NaN']), vector([{ a: '1' }, 'NaN'])],
    ['+Inf against +Inf', vector([{ a: '1' }, '+Inf']), vector([{ a: '1' }, '+Inf'])],
    ['series in any order', vector([{ a: '1' }, '1'], [{ a: '2' }, '2']), vector([{ a: '2' }, '2'], [{ a: '1' }, '1'])],
    ['errors of one type', { status: 'error', errorType: 'bad_data', error: 'x' }, { status: 'error', errorType: 'bad_data', error: 'y' }],
  ] as [string, ApiAnswer, ApiAnswer][])('agree: %s', (_name, a, b) => {
    expect(compareAnswers(a, b)).toBeUndefined();
  });

  it.each([
    ['a value off by 1e-8', vector([{ a: '1' }, '1']), vector([{ a: '1' }, '1.00000001']), 'Vigil 1 vs Prometheus 1.00000001'],
    ['NaN against a number', vector([{ a: '1' }, 'NaN']), vector([{ a: '1' }, '0']), 'Vigil NaN vs Prometheus 0'],
    ['the same float written otherwise', vector([{ a: '1' }, '0.0000001']), vector([{ a: '1' }, '1e-07']), 'Vigil writes 0.0000001, Prometheus 1e-07'],
    ['a missing series', vector(), vector([{ a: '1' }, '1']), '1 series only in Prometheus: {a="1"}'],
    ['error types', { status: 'error', errorType: 'execution', error: 'x' }, { status: 'error', errorType: 'bad_data', error: 'y' }, 'Vigil: execution error (x); Prometheus: bad_data error (y)'],
  ] as [string, ApiAnswer, ApiAnswer, string][])('differ: %s', (_name, a, b, what) => {
    expect(compareAnswers(a, b)).toContain(what);
  });

  it('compares the order of sort results only when asked', () => {
    const up = vector([{ a: '1' }, '1'], [{ a: '2' }, '2']);
    const down = vector([{ a: '2' }, '2'], [{ a: '1' }, '1']);
    expect(compareAnswers(up, down)).toBeUndefined();
    expect(compareAnswers(up, down, true)).toContain('order differs');
  });
});

describe('the query list', () => {
  it('takes a 2.x spelling after ;;', () => {
    expect(parseQueries('# c\n\nrate(x[5m])\ndouble_exponential_smoothing(x[5m], 0.5, 0.5) ;; holt_winters(x[5m], 0.5, 0.5)\n')).toEqual([
      { vigil: 'rate(x[5m])', prometheus: 'rate(x[5m])' },
      { vigil: 'double_exponential_smoothing(x[5m], 0.5, 0.5)', prometheus: 'holt_winters(x[5m], 0.5, 0.5)' },
    ]);
  });

  it('is broad', async () => {
    expect((await readQueries()).length).toBeGreaterThanOrEqual(100);
  });
});

const missing = prometheusMissing();

describe('differential check against Prometheus', () => {
  it.skipIf(missing !== undefined)(
    `agrees on the demo set except the known differences${missing ? ` (skipped: ${missing})` : ''}`,
    async () => {
      const report = await runDifferential(await readQueries());
      process.stdout.write(formatReport(report).join('\n') + '\n');
      const { unexpected, nowAgree } = verdict(report);
      expect(unexpected.map((d) => `${d.query} | ${d.at} | ${d.what}`)).toEqual([]);
      expect(nowAgree, 'known differences that agree now: drop them from KNOWN_DIFFERENCES').toEqual([]);
    },
    180_000,
  );
});
