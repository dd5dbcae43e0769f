// `npm run expotest -- DIR`: runs OpenMetrics parser cases (folders holding
// `metrics` and `test.json` with `shouldParse`) through the strict
// OpenMetrics parser. Prints each failing case and why, then `N passed, M failed`.

import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { OpenMetricsParser } from '../exposition/openMetrics';
import { readEntries } from '../exposition/parsedEntries';
import { errorMessage } from '../model/result';

interface CaseSpec {
  type: string;
  file: string;
  shouldParse: boolean;
}

/** Parses the whole exposition, building every label set and exemplar; returns the error or undefined. */
export function parseAll(buf: Uint8Array): Error | undefined {
  try {
    readEntries(new OpenMetricsParser(buf, { strict: true }));
    return undefined;
  } catch (err) {
    return err instanceof Error ? err : new Error(String(err));
  }
}

async function runCase(dir: string): Promise<string | undefined> {
  const spec = JSON.parse(await readFile(join(dir, 'test.json'), 'utf8')) as CaseSpec;
  if (spec.type !== 'text') return `unsupported case type ${JSON.stringify(spec.type)}`;
  const err = parseAll(new Uint8Array(await readFile(join(dir, spec.file))));
  if (spec.shouldParse && err) return `should parse, failed: ${err.message}`;
  if (!spec.shouldParse && !err) return 'should fail, parsed';
  return undefined;
}

export async function run(args: string[]): Promise<number> {
  if (args.length !== 1) {
    process.stderr.write('usage: expotest DIR\n');
    return 2;
  }
  const root = args[0];
  const names = (await readdir(root, { withFileTypes: true }))
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
  let passed = 0;
  let failed = 0;
  for (const name of names) {
    let problem: string | undefined;
    try {
      problem = await runCase(join(root, name));
    } catch (e) {
      problem = `cannot run: ${errorMessage(e)}`;
    }
    if (problem === undefined) passed++;
    else {
      failed++;
      process.stdout.write(`FAIL ${name}: ${problem}\n`);
    }
  }
  process.stdout.write(`${passed} passed, ${failed} failed\n`);
  return failed === 0 && passed > 0 ? 0 : 1;
}
