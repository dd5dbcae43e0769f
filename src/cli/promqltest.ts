// `npm run promqltest -- FILE...`: runs Prometheus-format PromQL test scripts
// and prints each failing statement with file and line, then the counts.

import { readFile } from 'node:fs/promises';
import { runTestScript } from '../promql/promqltest/testScript';
import { Head } from '../tsdb/head';
import { errorMessage } from '../model/result';

export async function run(args: string[]): Promise<number> {
  if (args.length === 0) {
    process.stderr.write('usage: promqltest FILE...\n');
    return 2;
  }
  let passed = 0;
  let failed = 0;
  for (const file of args) {
    let results;
    try {
      results = await runTestScript(await readFile(file, 'utf8'), () => new Head());
    } catch (e) {
      process.stdout.write(`${file}: ${errorMessage(e)}\n`);
      failed++;
      continue;
    }
    for (const r of results) {
      if (r.outcome === 'pass') passed++;
      else {
        failed++;
        process.stdout.write(`${file}:${r.line}: ${r.text}\n    ${r.reason}\n`);
      }
    }
  }
  process.stdout.write(`${passed} passed, ${failed} failed\n`);
  return failed > 0 ? 1 : 0;
}
