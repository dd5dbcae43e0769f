import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { run } from './expotest';

const CASES = fileURLToPath(new URL('../../../shared/conformance/openmetrics', import.meta.url));

function captureStdout(): () => string {
  const chunks: string[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((c: string | Uint8Array) => {
    chunks.push(String(c));
    return true;
  });
  return () => {
    spy.mockRestore();
    return chunks.join('');
  };
}

describe('expotest', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true });
    dir = undefined;
  });

  it('passes every OpenMetrics conformance case', async () => {
    const output = captureStdout();
    const code = await run([CASES]);
    expect(output()).toBe('211 passed, 0 failed\n');
    expect(code).toBe(0);
  });

  it('names each failing case with its reason and exits non-zero', async () => {
    dir = mkdtempSync(join(tmpdir(), 'expotest-'));
    const add = (name: string, metrics: string, shouldParse: boolean) => {
      mkdirSync(join(dir!, name));
      writeFileSync(join(dir!, name, 'metrics'), metrics);
      writeFileSync(join(dir!, name, 'test.json'), JSON.stringify({ type: 'text', file: 'metrics', shouldParse }));
    };
    add('good_but_marked_bad', 'a 1\n# EOF\n', false);
    add('bad_but_marked_good', 'a 1\n', true);
    add('fine', 'a 1\n# EOF\n', true);
    const output = captureStdout();
    const code = await run([dir]);
    expect(output().split('\n')).toEqual([
      'FAIL bad_but_marked_good: should parse, failed: 2:1: data does not end with # EOF',
      'FAIL good_but_marked_bad: should fail, parsed',
      '1 passed, 2 failed',
      '',
    ]);
    expect(code).toBe(1);
  });
});
