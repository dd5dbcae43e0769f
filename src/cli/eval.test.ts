import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { run } from './eval';

const dir = mkdtempSync(join(tmpdir(), 'vigil-eval-'));
const data = join(dir, 'data.om');
writeFileSync(
  data,
  [
    '# TYPE jobs counter',
    'jobs_total{job="a"} 1 0',
    'jobs_total{job="a"} 31 30',
    'jobs_total{job="b"} 5 30',
    '# EOF',
    '',
  ].join('\n'),
);

function queries(...lines: string[]): string {
  const path = join(dir, `q${Math.random()}.txt`);
  writeFileSync(path, lines.join('\n'));
  return path;
}

async function lines(args: string[]): Promise<unknown[]> {
  const out: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out.push(String(chunk));
    return true;
  });
  expect(await run(args)).toBe(0);
  return out.join('').trim().split('\n').map((l) => JSON.parse(l));
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('eval', () => {
  it('answers each query as the HTTP API does, errors included', async () => {
    const got = await lines(['--data', data, '--queries', queries('sum(jobs_total)', 'sum(', 'jobs_total{job="b"}'), '--time', '30']);
    expect(got).toEqual([
      { status: 'success', data: { resultType: 'vector', result: [{ metric: {}, value: [30, '36'] }] } },
      { status: 'error', errorType: 'bad_data', error: expect.stringContaining('parse error') },
      { status: 'success', data: { resultType: 'vector', result: [{ metric: { __name__: 'jobs_total', job: 'b' }, value: [30, '5'] }] } },
    ]);
  });

  it('runs range queries', async () => {
    const got = await lines(['--data', data, '--queries', queries('jobs_total{job="a"}'), '--start', '0', '--end', '30', '--step', '15s']);
    expect(got).toEqual([
      {
        status: 'success',
        data: { resultType: 'matrix', result: [{ metric: { __name__: 'jobs_total', job: 'a' }, values: [[0, '1'], [15, '1'], [30, '31']] }] },
      },
    ]);
  });
});
